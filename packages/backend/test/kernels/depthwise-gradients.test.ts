import * as tf from '@tensorflow/tfjs-core';
import { depthwiseConv2dNativeBackpropFilter } from '../../src/kernels/depthwise-backprop-filter';
import { depthwiseConv2dNativeBackpropInput } from '../../src/kernels/depthwise-backprop-input';
import { describeComposedKernels, gradientCaseGrid, relativeError, values } from './kernel-harness';

const cases = gradientCaseGrid(
  [
    'same',
    'valid',
    [
      [0, 0],
      [2, 1],
      [1, 0],
      [0, 0],
    ],
  ],
  [1, 2, [2, 1]],
  [
    [1, 1, 3, 1],
    [3, 3, 3, 1],
    [5, 5, 3, 2],
    [3, 2, 3, 2],
  ],
  [2, 9, 8, 3],
  (x, w, strides, pad) => tf.depthwiseConv2d(x, w, strides, pad),
);

describeComposedKernels(
  'composed depthwise gradients match the cpu built-ins on cpu and wasm',
  [
    ['DepthwiseConv2dNativeBackpropFilter', depthwiseConv2dNativeBackpropFilter as tf.KernelFunc],
    ['DepthwiseConv2dNativeBackpropInput', depthwiseConv2dNativeBackpropInput as tf.KernelFunc],
  ],
  cases,
);

// tf.grad refuses dilated depthwise convs and tfjs' cpu backprop kernels ignore `dilations`,
// but the kernels take them: check against the definition, written as plain float64 loops.
function naiveDepthwiseGradients(
  x: Float32Array,
  [n, h, w, c]: number[],
  filter: Float32Array,
  [kh, kw, , m]: number[],
  dy: Float32Array,
  [, ho, wo]: number[],
  [dh, dw]: [number, number],
  [top, left]: [number, number],
): { dFilter: Float64Array; dInput: Float64Array } {
  const dFilter = new Float64Array(kh * kw * c * m);
  const dInput = new Float64Array(n * h * w * c);
  for (let b = 0; b < n; b++)
    for (let r = 0; r < ho; r++)
      for (let q = 0; q < wo; q++)
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) {
            const row = r + i * dh - top;
            const col = q + j * dw - left;
            if (row < 0 || row >= h || col < 0 || col >= w) continue;
            for (let ch = 0; ch < c; ch++)
              for (let mult = 0; mult < m; mult++) {
                const g = dy[((b * ho + r) * wo + q) * c * m + ch * m + mult];
                const xi = ((b * h + row) * w + col) * c + ch;
                const fi = ((i * kw + j) * c + ch) * m + mult;
                dFilter[fi] += x[xi] * g;
                dInput[xi] += filter[fi] * g;
              }
          }
  return { dFilter, dInput };
}

describe('composed depthwise gradients with dilation, kernel level', () => {
  it.each([
    [[2, 2], 'same'],
    [[2, 2], 'valid'],
    [[2, 1], 'same'],
    [[1, 3], 'valid'],
  ] as Array<[[number, number], 'same' | 'valid']>)('dilations %p, padding %s', async (dilations, pad) => {
    const xShape: [number, number, number, number] = [2, 11, 10, 2];
    const filterShape: [number, number, number, number] = [3, 3, 2, 2];
    const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, 1, dilations, pad, undefined, true);
    const yShape = [2, info.outHeight, info.outWidth, 4];
    const xv = values(2 * 11 * 10 * 2, 5);
    const fv = values(3 * 3 * 2 * 2, 6);
    const dyv = values(
      yShape.reduce((a, b) => a * b, 1),
      7,
    );
    const expected = naiveDepthwiseGradients(xv, xShape, fv, filterShape, dyv, yShape, dilations, [
      info.padInfo.top,
      info.padInfo.left,
    ]);
    const attrs = { strides: 1, dilations, pad, filterShape, inputShape: xShape };
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const x = tf.tensor4d(xv, xShape);
      const filter = tf.tensor4d(fv, filterShape);
      const dy = tf.tensor(dyv, yShape);
      const before = tf.memory().numTensors;
      const toTensor = (info: tf.TensorInfo) => tf.engine().makeTensorFromTensorInfo(info);
      const ours = [
        toTensor(depthwiseConv2dNativeBackpropFilter({ inputs: { x, dy }, attrs, backend: tf.backend() })),
        toTensor(
          depthwiseConv2dNativeBackpropInput({ inputs: { dy, filter }, attrs, backend: tf.backend() }),
        ),
      ];
      expect(tf.memory().numTensors).toBe(before + 2);
      expect(relativeError(ours[0].dataSync(), expected.dFilter)).toBeLessThan(1e-5);
      expect(relativeError(ours[1].dataSync(), expected.dInput)).toBeLessThan(1e-5);
      tf.dispose([...ours, x, filter, dy]);
    }
  });
});
