import * as tf from '@tensorflow/tfjs-core';

/** A crop window in source pixel units: rows `top..top+height-1`, columns `left..left+width-1`. */
export interface PixelWindow {
  top: number;
  left: number;
  height: number;
  width: number;
  /** Mirror the window left-right / up-down (cropAndResize flips when x1 > x2 / y1 > y2). */
  flipX?: boolean;
  flipY?: boolean;
}

/** 4 float32 ulps at the image size (boxes are float32), at least 1e-4 px. */
function edgeMargin(size: number): number {
  return Math.max(1e-4, 4 * size * 2 ** -24);
}

/**
 * Normalised `cropAndResize` box coordinates for one axis.
 * `exact`: output pixel o samples source pixel `start + o` (windows the size of the output; nearest sampling
 * copies pixels exactly, positions outside the image read the extrapolation value, i.e. zero padding).
 * Otherwise: half-pixel-centre resampling as in torchvision/PIL `resize` (align_corners = false), clamped to
 * the image so edge pixels are not replaced by the extrapolation value.
 */
function axisBox(start: number, length: number, out: number, size: number, exact: boolean): [number, number] {
  const denominator = Math.max(size - 1, 1);
  // Boxes travel as float32 and tfjs re-multiplies by (size - 1): an edge at exactly 0 or size - 1 can land a
  // hair outside the image and read the extrapolation value. Keep every sample a few ulps inside instead
  // (nearest rounding is unaffected; bilinear weights move by ~1e-4).
  const EDGE_MARGIN = edgeMargin(size);
  if (exact) return [(start + EDGE_MARGIN) / denominator, (start + out - 1 - EDGE_MARGIN) / denominator];
  const scale = length / out;
  const clamp = (v: number) => Math.min(Math.max(v, EDGE_MARGIN), size - 1 - EDGE_MARGIN);
  const first = clamp(start + 0.5 * scale - 0.5);
  const last = clamp(start + length - 0.5 * scale - 0.5);
  return [first / denominator, last / denominator];
}

/**
 * Crops (and resizes) every image of `batch` to `outHeight x outWidth` in ONE `tf.image.cropAndResize` kernel,
 * image i taking `windows[i]`.
 */
export function cropWindows(
  batch: tf.Tensor4D,
  windows: readonly PixelWindow[],
  outHeight: number,
  outWidth: number,
  method: 'bilinear' | 'nearest',
  exact: boolean,
): tf.Tensor4D {
  const [count, height, width] = batch.shape;
  const boxes = new Float32Array(count * 4);
  windows.forEach((w, i) => {
    let [y1, y2] = axisBox(w.top, w.height, outHeight, height, exact);
    let [x1, x2] = axisBox(w.left, w.width, outWidth, width, exact);
    if (w.flipY) [y1, y2] = [y2, y1];
    if (w.flipX) [x1, x2] = [x2, x1];
    boxes.set([y1, x1, y2, x2], i * 4);
  });
  const indices = Int32Array.from({ length: count }, (_, i) => i);
  return tf.image.cropAndResize(
    batch,
    tf.tensor2d(boxes, [count, 4]),
    tf.tensor1d(indices, 'int32'),
    [outHeight, outWidth],
    method,
    0,
  );
}

/** Everything one `cropAndResize` call needs: a window per image and the output geometry. */
export interface WindowPlan {
  windows: PixelWindow[];
  outHeight: number;
  outWidth: number;
  method: 'bilinear' | 'nearest';
  /** See {@link cropWindows}: integer pixel windows of the output size (true) or resampled windows (false). */
  exact: boolean;
}

/** An augmentation whose whole effect is a per-image window (a crop). */
export interface WindowSampler {
  planWindows(batch: tf.Tensor4D, rng: { next(): number; int(n: number): number; uniform(a?: number, b?: number): number }): WindowPlan;
}

/** An augmentation that only transforms the windows of the previous crop (a flip), so it can be fused into it. */
export interface WindowModifier {
  modifyWindows(plan: WindowPlan, rng: { next(): number }): WindowPlan;
}

export function isWindowSampler(value: unknown): value is WindowSampler {
  return typeof (value as WindowSampler | undefined)?.planWindows === 'function';
}

export function isWindowModifier(value: unknown): value is WindowModifier {
  return typeof (value as WindowModifier | undefined)?.modifyWindows === 'function';
}

export function executePlan(batch: tf.Tensor4D, plan: WindowPlan): tf.Tensor4D {
  return cropWindows(batch, plan.windows, plan.outHeight, plan.outWidth, plan.method, plan.exact);
}
