import * as tf from '@tensorflow/tfjs-core';
import { countCalls, onSimdWasm, operand, relativeError, worstError } from '../simd-harness';
import { CONV_CASES as cases, PADS, STRIDES } from '../../kernels/conv2d-cases';

// The case grid shared with the native kernels, plus odd channel counts (not multiples of the
// kernels' 4 / 8 lanes) and batch 1.
describe('SIMD Conv2D, FusedConv2D and their gradients match the cpu backend', () => {
  it.each(cases)('pad %s, strides %s, filter %s', async (_p, _s, _f, pad, strides, filter) => {
    const error = await worstError(
      (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, strides, pad),
      [operand([2, 9, 8, 3], 1), operand(filter, 2)],
    );
    expect(error).toBeLessThan(1e-5);
  });

  // One input channel has a kernel of its own when the width has no stride (pixels in lanes).
  it.each(
    PADS.flatMap((pad) =>
      STRIDES.map((strides) => [JSON.stringify(pad), JSON.stringify(strides), pad, strides] as const),
    ),
  )('one input channel: pad %s, strides %s', async (_p, _s, pad, strides) => {
    const error = await worstError(
      (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, strides, pad),
      [operand([2, 9, 11, 1], 12), operand([3, 5, 1, 9], 13)],
    );
    expect(error).toBeLessThan(1e-5);
  });

  it.each([
    ['the seed CNN first layer (one input channel), batch 1', [1, 28, 28, 1], [3, 3, 1, 16]],
    ['the seed CNN second layer', [3, 14, 14, 16], [3, 3, 16, 32]],
    ['odd channel counts (5 in, 11 out), odd sizes', [1, 7, 9, 5], [3, 2, 5, 11]],
    ['more input channels than a tile (9 in, 3 out)', [2, 6, 5, 9], [2, 3, 9, 3]],
  ])('%s', async (_name, xShape, wShape) => {
    const error = await worstError(
      (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'),
      [operand(xShape, 3), operand(wShape, 4)],
    );
    expect(error).toBeLessThan(1e-5);
  });

  it('a dilated forward convolution', async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor4d(operand([2, 9, 9, 3], 5).values, [2, 9, 9, 3]);
    const w = tf.tensor4d(operand([3, 3, 3, 2], 6).values, [3, 3, 3, 2]);
    const expected = tf.conv2d(x, w, 1, 'same', 'NHWC', 2).dataSync();
    await onSimdWasm();
    const xw = tf.tensor4d(x.dataSync(), x.shape);
    const ww = tf.tensor4d(w.dataSync(), w.shape);
    const actual = tf.conv2d(xw, ww, 1, 'same', 'NHWC', [2, 3]).dataSync();
    const expectedWide = (await (async () => {
      await tf.setBackend('cpu');
      return tf.conv2d(x, w, 1, 'same', 'NHWC', [2, 3]).dataSync();
    })()) as Float32Array;
    await onSimdWasm();
    const actualSquare = tf.conv2d(xw, ww, 1, 'same', 'NHWC', 2).dataSync();
    expect(relativeError(actualSquare, expected)).toBeLessThan(1e-5);
    expect(relativeError(actual, expectedWide)).toBeLessThan(1e-5);
    tf.dispose([xw, ww]);
    await tf.setBackend('cpu');
    tf.dispose([x, w]);
  });

  it.each(['linear', 'relu', 'elu'] as const)(
    'fused conv + bias + %s (elu is handed to the kernel it replaces)',
    async (activation) => {
      const error = await worstError(
        (x, w, b) =>
          tf.fused.conv2d({
            x: x as tf.Tensor4D,
            filter: w as tf.Tensor4D,
            strides: 1,
            pad: 'same',
            bias: b,
            activation,
          }),
        [operand([2, 7, 6, 3], 7), operand([3, 3, 3, 5], 8), operand([5], 9)],
      );
      expect(error).toBeLessThan(1e-5);
    },
  );

  it('really runs the SIMD kernels for the convolution and both its gradients', async () => {
    const calls = await countCalls(['conv2d_pack', 'conv2d_backprop_filter_finish'], async () => {
      await worstError(
        (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same'),
        [operand([1, 5, 5, 2], 10), operand([3, 3, 2, 3], 11)],
      );
    });
    // Filters packed: forward twice (the value, then inside tf.grads) and the input gradient once.
    expect(calls).toEqual([3, 1]);
  });
});
