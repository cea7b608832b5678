import type { Pads, PortableTensor } from './portable-graph';

/** Permutes the axes of a row-major array: output axis `i` is input axis `order[i]` (numpy's `transpose`). */
export function permute(
  data: Float32Array,
  shape: readonly number[],
  order: readonly number[],
): PortableTensor {
  const outShape = order.map((axis) => shape[axis]);
  const inStrides = strides(shape);
  const outStrides = strides(outShape);
  const out = new Float32Array(data.length);
  const index = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < data.length; flat++) {
    let rest = flat;
    for (let axis = 0; axis < outShape.length; axis++) {
      index[axis] = Math.floor(rest / outStrides[axis]);
      rest -= index[axis] * outStrides[axis];
    }
    let source = 0;
    for (let axis = 0; axis < order.length; axis++) source += index[axis] * inStrides[order[axis]];
    out[flat] = data[source];
  }
  return { shape: outShape, data: out };
}

function strides(shape: readonly number[]): number[] {
  const result = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    result[axis] = stride;
    stride *= shape[axis];
  }
  return result;
}

/** tfjs dense kernel `[in, out]` -> PyTorch `Linear.weight` `[out, in]`. */
export function denseKernelToTorch(data: Float32Array, shape: readonly number[]): PortableTensor {
  return permute(data, shape, [1, 0]);
}

/** tfjs conv kernel `[kh, kw, in, out]` -> PyTorch `Conv2d.weight` `[out, in, kh, kw]`. */
export function convKernelToTorch(data: Float32Array, shape: readonly number[]): PortableTensor {
  return permute(data, shape, [3, 2, 0, 1]);
}

/** A per-example tfjs shape in PyTorch layout: `[H, W, C]` -> `[C, H, W]`; other ranks unchanged. */
export function shapeToTorch(shape: readonly number[]): number[] {
  return shape.length === 3 ? [shape[2], shape[0], shape[1]] : [...shape];
}

/**
 * The explicit padding tfjs applies for `padding` on a `[height, width]` input: `valid` pads
 * nothing; `same` pads `max((ceil(n / s) - 1) * s + k - n, 0)` per axis, the odd pixel at the
 * bottom/right (TensorFlow's rule; PyTorch's symmetric `padding=1` differs at stride 2).
 */
export function tfjsPads(
  padding: string,
  input: readonly [number, number],
  kernel: readonly [number, number],
  stride: readonly [number, number],
): Pads {
  if (padding === 'valid') return [0, 0, 0, 0];
  const total = [0, 1].map((axis) => {
    const out = Math.ceil(input[axis] / stride[axis]);
    return Math.max((out - 1) * stride[axis] + kernel[axis] - input[axis], 0);
  });
  const top = Math.floor(total[0] / 2);
  const left = Math.floor(total[1] / 2);
  return [top, left, total[0] - top, total[1] - left];
}
