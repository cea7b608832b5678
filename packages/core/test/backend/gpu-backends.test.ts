import { assertSynchronousReads, isGpuBackend } from '../../src';

describe('isGpuBackend', () => {
  it('names the backends whose reads must be asynchronous', () => {
    expect(isGpuBackend('webgpu')).toBe(true);
    expect(isGpuBackend('webgl')).toBe(true);
    for (const name of ['cpu', 'wasm', 'tensorflow']) expect(isGpuBackend(name)).toBe(false);
  });
});

describe('assertSynchronousReads', () => {
  it('passes on CPU backends and names the caller and the remedy on GPU ones', () => {
    expect(() => assertSynchronousReads('wasm', 'fitLinearProbe', 'use wasm')).not.toThrow();
    expect(() => assertSynchronousReads('webgpu', 'fitLinearProbe', 'evaluate on wasm')).toThrow(
      /^fitLinearProbe reads tensors synchronously, which the 'webgpu' backend cannot serve .*; evaluate on wasm\. See docs\/backend\.md/,
    );
  });
});
