import * as tf from '@tensorflow/tfjs-core';
import { registerTrainingKernels, TRAINING_KERNELS } from '../../src';
import { relativeError, values } from './kernel-harness';
import { describeWebGpu, selectWebGpu } from '../support/webgpu';

/**
 * A computation whose value and input gradients go through one of our training kernels
 * (TRAINING_KERNELS), so each can be compared between the cpu reference and webgpu.
 */
interface KernelCase {
  kernel: string;
  name: string;
  shapes: number[][];
  /** Output whose values are compared, and whose sum of squares is differentiated (float cases). */
  f: (...inputs: tf.Tensor[]) => tf.Tensor;
  /** OneHot has no gradient: its values are compared. */
  valuesOnly?: boolean;
}

const conv = (strides: number | [number, number], pad: 'same' | 'valid') => (x: tf.Tensor, w: tf.Tensor) =>
  tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, strides, pad);
const depthwise = (strides: number, pad: 'same' | 'valid') => (x: tf.Tensor, w: tf.Tensor) =>
  tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, strides, pad);

const CASES: KernelCase[] = [
  ...['Conv2DBackpropFilter', 'Conv2DBackpropInput'].flatMap((kernel) => [
    {
      kernel,
      name: '3x3, stride 2, same',
      shapes: [
        [2, 9, 8, 3],
        [3, 3, 3, 4],
      ],
      f: conv(2, 'same'),
    },
    {
      kernel,
      name: '5x5 valid, stride [2, 1]',
      shapes: [
        [2, 9, 8, 3],
        [5, 5, 3, 2],
      ],
      f: conv([2, 1], 'valid'),
    },
  ]),
  ...['DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput'].flatMap((kernel) => [
    {
      kernel,
      name: '3x3x3x2, stride 1, same',
      shapes: [
        [2, 7, 7, 3],
        [3, 3, 3, 2],
      ],
      f: depthwise(1, 'same'),
    },
    {
      kernel,
      name: '3x3x3x1, stride 2, valid',
      shapes: [
        [2, 9, 9, 3],
        [3, 3, 3, 1],
      ],
      f: depthwise(2, 'valid'),
    },
  ]),
  {
    kernel: 'MaxPoolGrad',
    name: '2x2 windows, stride 2',
    shapes: [[2, 8, 8, 3]],
    f: (x) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid'),
  },
  {
    kernel: 'MaxPoolGrad',
    name: '3x3 windows, stride 2, same',
    shapes: [[2, 7, 7, 2]],
    f: (x) => tf.maxPool(x as tf.Tensor4D, 3, 2, 'same'),
  },
  {
    kernel: 'Sum',
    name: 'bias gradient (sum over leading axes)',
    shapes: [[4, 5, 6], [6]],
    f: (x, b) => tf.relu(tf.add(x, b)),
  },
  ...(
    [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const
  ).map(([ta, tb]) => ({
    kernel: 'BatchMatMul',
    name: `transposeA ${ta}, transposeB ${tb}`,
    shapes: [ta ? [2, 7, 5] : [2, 5, 7], tb ? [2, 6, 7] : [2, 7, 6]],
    f: (a: tf.Tensor, b: tf.Tensor) => tf.matMul(a, b, ta, tb),
  })),
  {
    kernel: '_FusedMatMul',
    name: 'dense + bias + relu',
    shapes: [[8, 7], [7, 5], [5]],
    f: (a, b, bias) =>
      tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias, activation: 'relu' }),
  },
  {
    kernel: 'Identity',
    name: 'a clone inside the taped function',
    shapes: [[3, 4]],
    f: (x) => tf.mul(tf.clone(x), x),
  },
  {
    kernel: 'OneHot',
    name: 'float32 one-hot',
    shapes: [],
    valuesOnly: true,
    f: () => tf.oneHot(tf.tensor1d([0, 3, 1, 3], 'int32'), 5, 2, -1, 'float32'),
  },
];

/** Value and gradients of `sum(f(...)²)` (or just `f()` for value-only cases), on the host. */
async function run(c: KernelCase): Promise<Float32Array[]> {
  const inputs = c.shapes.map((shape, i) =>
    tf.tensor(
      values(
        shape.reduce((a, b) => a * b, 1),
        i + 1,
      ),
      shape,
    ),
  );
  try {
    if (c.valuesOnly) {
      const out = tf.tidy(() => c.f());
      const data = (await out.data()) as Float32Array;
      out.dispose();
      return [data];
    }
    const out = tf.tidy(() => c.f(...inputs));
    const grads = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.square(c.f(...xs))))(inputs);
    const read = await Promise.all([out, ...grads].map((t) => t.data() as Promise<Float32Array>));
    tf.dispose([out, ...grads]);
    return read;
  } finally {
    tf.dispose(inputs);
  }
}

describe('the webgpu cases cover every training kernel', () => {
  it('has a case for each kernel in TRAINING_KERNELS', () => {
    expect(new Set(CASES.map((c) => c.kernel))).toEqual(new Set(TRAINING_KERNELS.map((k) => k.kernelName)));
  });
});

describeWebGpu('training kernels on webgpu equal the cpu built-ins', () => {
  const reference = new Map<KernelCase, Float32Array[]>();
  beforeAll(async () => {
    await tf.setBackend('cpu');
    for (const c of CASES) reference.set(c, await run(c));
    await selectWebGpu();
  });
  afterAll(() => tf.setBackend('cpu'));

  const compare = async (c: KernelCase) => {
    const before = tf.memory().numTensors;
    const got = await run(c);
    expect(tf.memory().numTensors).toBe(before);
    const expected = reference.get(c)!;
    got.forEach((values, i) => expect(relativeError(values, expected[i])).toBeLessThan(1e-5));
  };

  // tfjs-backend-webgpu has its own kernel for each of these, so none of ours is registered on
  // webgpu (registerTrainingKernels('webgpu') registers nothing). Ours would not do there anyway:
  // the strided gradients spread dy with a rank-6 pad, and webgpu's pad of rank-5/6 tensors came
  // back all zeros on SwiftShader (docs/backend.md).
  it('registers none of our kernels on webgpu', () => {
    expect(registerTrainingKernels('webgpu')).toEqual([]);
  });

  it.each(CASES.map((c) => [`${c.kernel}: ${c.name}`, c] as const))('%s', async (_name, c) => compare(c));
});
