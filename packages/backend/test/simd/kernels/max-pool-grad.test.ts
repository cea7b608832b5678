import * as tf from '@tensorflow/tfjs-core';
import { countCalls, onSimdWasm, operand, relativeError } from '../simd-harness';
import { POOLS, poolGradientHere } from '../../kernels/max-pool-grad-cases';

/** The gradient of sum(maxPool(x) * weights) with respect to x on one backend. */
async function poolGradient(
  backend: 'cpu' | 'simd',
  ...pool: Parameters<typeof poolGradientHere>
): Promise<Float32Array> {
  if (backend === 'cpu') await tf.setBackend('cpu');
  else await onSimdWasm();
  return poolGradientHere(...pool);
}

describe('SIMD MaxPoolGrad matches the cpu backend', () => {
  // 3 channels: the scalar tail; 8: two f32x4; 7: both; batch 1 too.
  it.each(
    POOLS.flatMap((pool) =>
      [
        [2, 9, 8, 3],
        [1, 7, 9, 8],
        [2, 5, 6, 7],
      ].map((shape) => [...pool, shape] as const),
    ),
  )('%s, input %#', async (_name, filter, strides, pad, shape) => {
    const x = operand([...shape], 12).values;
    const s = shape as unknown as [number, number, number, number];
    const expected = await poolGradient('cpu', x, s, filter, strides, pad);
    const actual = await poolGradient('simd', x, s, filter, strides, pad);
    expect(relativeError(actual, expected)).toBeLessThan(1e-6);
  });

  it.each([2, 4])(
    'ties go to the first maximum of the window, and windows of -Infinity pass no gradient (%i channels)',
    async (channels) => {
      const shape: [number, number, number, number] = [1, 4, 6, channels];
      // Values from {0, 1}: every window has ties.
      const x = operand(shape, 13).values.map((v) => (v > 0 ? 1 : 0));
      x.fill(-Infinity, 0, 2 * 6 * channels); // the first two rows: a whole row of windows is -Infinity
      const expected = await poolGradient('cpu', x, shape, 2, 2, 'valid');
      const actual = await poolGradient('simd', x, shape, 2, 2, 'valid');
      expect(Array.from(actual)).toEqual(Array.from(expected));
    },
  );

  it('really runs the SIMD kernel', async () => {
    const x = operand([1, 4, 4, 4], 14).values;
    const [calls] = await countCalls(['max_pool_grad'], async () => {
      await poolGradient('simd', x, [1, 4, 4, 4], 2, 2, 'valid');
    });
    expect(calls).toBe(1);
  });
});
