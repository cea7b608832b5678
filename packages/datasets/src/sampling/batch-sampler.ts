import { SeededRandom } from '@contrastive/core';

/** Something that turns a dataset into index batches, one epoch at a time. */
export interface BatchSampler {
  /** Number of batches {@link epoch} returns. */
  readonly batchesPerEpoch: number;
  /** Draws the next epoch's batches of example indices; each call advances the sampler's random stream. */
  epoch(): Int32Array[];
}

/** Where a sampler's randomness comes from: a `SeededRandom` to share, or a seed to create one from. */
export interface RandomSource {
  /** Generator to draw from (takes precedence over `seed`). */
  rng?: SeededRandom;
  /** Seed of a new generator (default 0). */
  seed?: number | string;
}

/** The sampler's generator: `rng` when given, else a new `SeededRandom(seed ?? 0)`. */
export function resolveRandom(source: RandomSource, label: string): SeededRandom {
  return source.rng ?? new SeededRandom(source.seed ?? 0).fork(label);
}

/** Throws a RangeError naming `name` unless `value` is an integer >= `min`. */
export function assertInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}
