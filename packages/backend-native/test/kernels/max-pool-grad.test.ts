import * as tf from '@tensorflow/tfjs-core';
import { describeNative, onNativeWasm, operand, relativeError } from '../support/native-harness';
import { POOLS, poolGradientHere } from '../../../backend/test/kernels/max-pool-grad-cases';

/** The gradient of sum(maxPool(x) * weights) with respect to x on one backend. */
async function poolGradient(
  backend: 'cpu' | 'native',
  ...pool: Parameters<typeof poolGradientHere>
): Promise<Float32Array> {
  if (backend === 'cpu') await tf.setBackend('cpu');
  else await onNativeWasm();
  return poolGradientHere(...pool);
}

describeNative('native MaxPoolGrad matches the cpu backend', () => {
  it.each(POOLS)('%s', async (_name, filter, strides, pad) => {
    const shape: [number, number, number, number] = [2, 9, 8, 3];
    const x = operand(shape, 12).values;
    const expected = await poolGradient('cpu', x, shape, filter, strides, pad);
    const actual = await poolGradient('native', x, shape, filter, strides, pad);
    expect(relativeError(actual, expected)).toBeLessThan(1e-6);
  });

  it('ties go to the first maximum of the window, and windows of -Infinity pass no gradient', async () => {
    const shape: [number, number, number, number] = [1, 4, 6, 2];
    // Values from {0, 1}: every window has ties.
    const x = operand(shape, 13).values.map((v) => (v > 0 ? 1 : 0));
    x.fill(-Infinity, 0, 2 * 6 * 2); // the first two rows: a whole row of windows is -Infinity
    const expected = await poolGradient('cpu', x, shape, 2, 2, 'valid');
    const actual = await poolGradient('native', x, shape, 2, 2, 'valid');
    expect(Array.from(actual)).toEqual(Array.from(expected));
  });
});
