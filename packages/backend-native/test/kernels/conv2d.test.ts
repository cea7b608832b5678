import * as tf from '@tensorflow/tfjs-core';
import { describeNative, onNativeWasm, operand, relativeError, worstError } from '../support/native-harness';
import { CONV_CASES as cases } from '../../../backend/test/kernels/conv2d-cases';

describeNative('native Conv2D, FusedConv2D and their gradients match the cpu backend', () => {
  it.each(cases)('pad %s, strides %s, filter %s', async (_p, _s, _f, pad, strides, filter) => {
    const error = await worstError(
      (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, strides, pad),
      [operand([2, 9, 8, 3], 1), operand(filter, 2)],
    );
    expect(error).toBeLessThan(1e-5);
  });

  it('one input channel (the seed CNN first layer) and a dilated forward convolution', async () => {
    const single = await worstError(
      (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'),
      [operand([4, 28, 28, 1], 3), operand([3, 3, 1, 16], 4)],
    );
    expect(single).toBeLessThan(1e-5);
    await tf.setBackend('cpu');
    const x = tf.tensor4d(operand([2, 9, 9, 3], 5).values, [2, 9, 9, 3]);
    const w = tf.tensor4d(operand([3, 3, 3, 2], 6).values, [3, 3, 3, 2]);
    const expected = tf.conv2d(x, w, 1, 'same', 'NHWC', 2).dataSync();
    await onNativeWasm();
    const xw = tf.tensor4d(x.dataSync(), x.shape);
    const ww = tf.tensor4d(w.dataSync(), w.shape);
    const actual = tf.conv2d(xw, ww, 1, 'same', 'NHWC', 2).dataSync();
    expect(relativeError(actual, expected)).toBeLessThan(1e-5);
    tf.dispose([x, w, xw, ww]);
  });

  it.each(['linear', 'relu', 'elu'] as const)(
    'fused conv + bias + %s (elu is handed to the kernel it replaces)',
    async (activation) => {
      const error = await worstError(
        (x, w, b) =>
          tf.fused.conv2d({ x: x as tf.Tensor4D, filter: w as tf.Tensor4D, strides: 1, pad: 'same', bias: b, activation }),
        [operand([2, 7, 6, 3], 7), operand([3, 3, 3, 5], 8), operand([5], 9)],
      );
      expect(error).toBeLessThan(1e-5);
    },
  );
});
