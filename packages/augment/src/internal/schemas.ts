import { z } from '@contrastive/core';

/** `[low, high]` with low <= high. */
export function rangeSchema(min: number, max: number, description: string) {
  return z
    .tuple([z.number().min(min).max(max), z.number().min(min).max(max)])
    .refine(([low, high]) => low <= high, { message: 'range must be [low, high] with low <= high' })
    .describe(description);
}

/** Output size: one number (square) or `[height, width]`; absent means "same as the input". */
export const sizeSchema = z
  .union([z.number().int().positive(), z.tuple([z.number().int().positive(), z.number().int().positive()])])
  .optional()
  .describe('output size, a number or [height, width]; default: the input size');

export function resolveSize(size: number | [number, number] | undefined, height: number, width: number): [number, number] {
  if (size === undefined) return [height, width];
  return typeof size === 'number' ? [size, size] : size;
}
