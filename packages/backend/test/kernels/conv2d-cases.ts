import type { Pad, Strides } from './kernel-harness';

export const PADS: Pad[] = [
  'same',
  'valid',
  [
    [0, 0],
    [1, 2],
    [2, 0],
    [0, 0],
  ],
];
export const STRIDES: Strides[] = [1, 2, [2, 1]];
const FILTERS = [
  [1, 1, 3, 4],
  [3, 3, 3, 4],
  [5, 3, 3, 2],
];

/**
 * The convolution case grid both the SIMD and the native kernels are checked on, for `it.each`:
 * [padding, strides and filter as text, then padding, strides, filter shape].
 */
export const CONV_CASES = PADS.flatMap((pad) =>
  STRIDES.flatMap((strides) =>
    FILTERS.map(
      (filter) =>
        [JSON.stringify(pad), JSON.stringify(strides), filter.join('x'), pad, strides, filter] as const,
    ),
  ),
);
