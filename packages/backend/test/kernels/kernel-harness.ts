import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '../../src/gradients';

/** Max |a − b| over max |b|: relative to the gradient's scale, so tiny entries don't dominate. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return worst / Math.max(scale, 1e-30);
}

export async function gradientsOn(
  backend: string,
  loss: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Scalar,
  xValues: Float32Array,
  xShape: number[],
  wValues: Float32Array,
  wShape: number[],
): Promise<[Float32Array, Float32Array]> {
  await tf.setBackend(backend);
  const x = tf.tensor4d(xValues, xShape as [number, number, number, number]);
  const w = tf.tensor4d(wValues, wShape as [number, number, number, number]);
  const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => loss(a as tf.Tensor4D, b as tf.Tensor4D))([x, w]);
  const out: [Float32Array, Float32Array] = [
    (await dx.data()) as Float32Array,
    (await dw.data()) as Float32Array,
  ];
  tf.dispose([x, w, dx, dw]);
  return out;
}

/** Values and shape of one input of a kernel comparison. */
export interface Operand {
  values: Float32Array;
  shape: number[];
}

export const operand = (shape: number[], seed: number): Operand => ({
  values: values(tf.util.sizeFromShape(shape), seed),
  shape,
});

/**
 * On the active backend: `f(...inputs)` and (unless `gradients` is false) the gradients of
 * `sum(f(...inputs)²)` with respect to every input, as plain arrays (output first).
 */
export function valueAndGradientsHere(
  f: (...inputs: tf.Tensor[]) => tf.Tensor,
  inputs: Operand[],
  gradients = true,
): Float32Array[] {
  const tensors = inputs.map((input) => tf.tensor(input.values, input.shape));
  const output = f(...tensors);
  const grads = gradients ? tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.square(f(...xs))))(tensors) : [];
  const out = [output, ...grads].map((t) => t.dataSync() as Float32Array);
  tf.dispose([...tensors, output, ...grads]);
  return out;
}

/** Deterministic pseudo-random values in [-1, 1) (no tfjs op, so no backend involved). */
export function values(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let state = seed * 2654435761 + 1;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = (state / 2 ** 32) * 2 - 1;
  }
  return out;
}

export type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];
export type Strides = number | [number, number];

/**
 * Every (padding, strides, filter shape) combination as a case whose loss is the sum of squares
 * of `conv(x, w, strides, pad)` on an `xShape` input.
 */
export function gradientCaseGrid(
  pads: Pad[],
  stridesList: Strides[],
  wShapes: number[][],
  xShape: number[],
  conv: (x: tf.Tensor4D, w: tf.Tensor4D, strides: Strides, pad: Pad) => tf.Tensor,
): GradientCase[] {
  return pads.flatMap((pad) =>
    stridesList.flatMap((strides) =>
      wShapes.map((wShape) => ({
        name: `kernel ${wShape.join('x')}, strides ${strides}, padding ${JSON.stringify(pad)}`,
        xShape,
        wShape,
        loss: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.sum(tf.square(conv(x, w, strides, pad))),
      })),
    ),
  );
}

export interface GradientCase {
  name: string;
  xShape: number[];
  wShape: number[];
  loss: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Scalar;
}

/**
 * Checks composed kernels against tfjs' cpu built-ins through `tf.grads` of each case's loss,
 * on cpu and on wasm (max relative error < 1e-5, no tensor leaked), restoring the built-ins
 * afterwards.
 */
export function describeComposedKernels(
  title: string,
  kernels: Array<[string, tf.KernelFunc]>,
  cases: GradientCase[],
): void {
  describe(title, () => {
    const builtIns = new Map<string, tf.KernelConfig | undefined>();
    const use = (backend: string, ours: boolean) => {
      for (const [kernelName, kernelFunc] of kernels) {
        if (tf.getKernel(kernelName, backend)) tf.unregisterKernel(kernelName, backend);
        const builtIn = builtIns.get(`${backend}/${kernelName}`);
        if (ours) tf.registerKernel({ kernelName, backendName: backend, kernelFunc });
        else if (builtIn) tf.registerKernel(builtIn);
      }
    };
    beforeAll(() => {
      for (const backend of ['cpu', 'wasm']) {
        for (const [kernelName] of kernels)
          builtIns.set(`${backend}/${kernelName}`, tf.getKernel(kernelName, backend));
      }
    });
    afterAll(() => {
      use('cpu', false);
      use('wasm', false);
    });

    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
      const xv = values(size(c.xShape), 1);
      const wv = values(size(c.wShape), 2);
      use('cpu', false);
      const [refDx, refDw] = await gradientsOn('cpu', c.loss, xv, c.xShape, wv, c.wShape);
      for (const backend of ['cpu', 'wasm']) {
        use(backend, true);
        await tf.setBackend(backend);
        const before = tf.memory().numTensors;
        const [dx, dw] = await gradientsOn(backend, c.loss, xv, c.xShape, wv, c.wShape);
        expect(tf.memory().numTensors).toBe(before);
        expect(relativeError(dx, refDx)).toBeLessThan(1e-5);
        expect(relativeError(dw, refDw)).toBeLessThan(1e-5);
      }
    });
  });
}
