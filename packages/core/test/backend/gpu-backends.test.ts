import { isGpuBackend } from '../../src';

describe('isGpuBackend', () => {
  it('names the backends whose reads must be asynchronous', () => {
    expect(isGpuBackend('webgpu')).toBe(true);
    expect(isGpuBackend('webgl')).toBe(true);
    for (const name of ['cpu', 'wasm', 'tensorflow']) expect(isGpuBackend(name)).toBe(false);
  });
});
