import { z } from '@contrastive/core';
import { INIT_SCHEMES } from './seeded-initializers';

/** Option schemas the encoders and heads share. */
export const positiveInt = z.number().int().positive();

/** Per-example input shape (without the batch axis). */
export const inputShape = z.array(positiveInt).min(1).describe('per-example input shape, without the batch axis');

/** `[H, W, C]`, NHWC. */
export const imageInputShape = z.array(positiveInt).length(3).describe('[height, width, channels], NHWC');

export const seed = z.union([z.number().int(), z.string()]).default(0).describe('initialisation seed: the same seed gives the same weights');

export const init = z
  .enum(INIT_SCHEMES)
  .default('he')
  .describe("weight init: 'he' (He before ReLU, Glorot otherwise, zero biases) or 'torch' (PyTorch's default)");

export const normalizeOutput = z
  .boolean()
  .default(true)
  .describe('L2-normalise the output (contrastive losses); false for losses that need the raw projection, e.g. VICReg and Barlow Twins');
