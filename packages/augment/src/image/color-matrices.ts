/**
 * Small per-image colour algebra (plain JS, row-major C x C matrices acting on column colour vectors).
 * All colour-jitter operations are affine maps of a pixel's colour, so they compose into one matrix per image.
 */
export type Matrix = Float64Array;

/** ITU-R 601 luma weights, as torchvision's `rgb_to_grayscale` (0.2989, 0.587, 0.114). */
export const LUMA_RGB = [0.2989, 0.587, 0.114] as const;

/** Weights of the "gray" value of a C-channel pixel: luma for RGB, the channel itself for C = 1, else the mean. */
export function grayWeights(channels: number): number[] {
  if (channels === 3) return [...LUMA_RGB];
  return Array.from({ length: channels }, () => 1 / channels);
}

export function identity(n: number): Matrix {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

export function multiply(a: Matrix, b: Matrix, n: number): Matrix {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
    }
  }
  return out;
}

export function add(a: Matrix, b: Matrix): Matrix {
  return a.map((v, i) => v + b[i]);
}

export function scale(a: Matrix, s: number): Matrix {
  return a.map((v) => v * s);
}

/** `1 w^T`: every output channel equals w . pixel (the grayscale projection). */
export function grayProjection(n: number): Matrix {
  const w = grayWeights(n);
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = w[j];
  return m;
}

/** `s I + (1 - s) 1 w^T`: torchvision's `adjust_saturation` blend with the grayscale image. */
export function saturationMatrix(factor: number, n: number): Matrix {
  return add(scale(identity(n), factor), scale(grayProjection(n), 1 - factor));
}

const RGB_TO_YIQ: Matrix = Float64Array.from([0.299, 0.587, 0.114, 0.5959, -0.2746, -0.3213, 0.2115, -0.5227, 0.3112]);
const YIQ_TO_RGB: Matrix = invert3(RGB_TO_YIQ);

function invert3(m: Matrix): Matrix {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return Float64Array.from([
    A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
    B / det, (a * i - c * g) / det, -(a * f - c * d) / det,
    C / det, -(a * h - b * g) / det, (a * e - b * d) / det,
  ]);
}

/**
 * Hue shift by `factor` of a full turn (torchvision's `hue_factor` in [-0.5, 0.5]) as a rotation of the
 * chroma plane in YIQ space: RGB -> YIQ, rotate (I, Q) by 2*pi*factor, back to RGB. Luma is preserved and grays
 * stay gray. This is the linear approximation of an HSV hue shift (exact for the hue angle up to the
 * non-uniformity of YIQ vs HSV hue); the sign is chosen so that +1/3 takes red towards green, as in HSV.
 */
export function hueMatrix(factor: number): Matrix {
  const theta = -2 * Math.PI * factor;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const rotation = Float64Array.from([1, 0, 0, 0, cos, -sin, 0, sin, cos]);
  return multiply(YIQ_TO_RGB, multiply(rotation, RGB_TO_YIQ, 3), 3);
}
