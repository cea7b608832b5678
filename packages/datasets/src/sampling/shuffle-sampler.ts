import { assertInteger, resolveRandom, type BatchSampler, type RandomSource } from './batch-sampler';
import type { SeededRandom } from '@contrastive/core';

/** Options of {@link ShuffleSampler}. */
export interface ShuffleSamplerOptions extends RandomSource {
  /** Samples per batch. */
  batchSize: number;
  /** Drop the last batch of an epoch when it is smaller than `batchSize` (default false). */
  dropLast?: boolean;
  /** Reshuffle every epoch (default true); false gives 0..n-1 in order. */
  shuffle?: boolean;
}

/**
 * Epochs over `size` examples: each epoch a fresh seeded permutation cut into batches of `batchSize`
 * (the last one smaller unless `dropLast`). Same seed -> same epochs.
 */
export class ShuffleSampler implements BatchSampler {
  readonly batchesPerEpoch: number;
  private readonly rng: SeededRandom;
  private readonly batchSize: number;
  private readonly dropLast: boolean;
  private readonly shuffle: boolean;

  constructor(
    /** Examples sampled from. */
    readonly size: number,
    options: ShuffleSamplerOptions,
  ) {
    assertInteger('size', size, 1);
    assertInteger('batchSize', options.batchSize, 1);
    this.batchSize = options.batchSize;
    this.dropLast = options.dropLast ?? false;
    this.shuffle = options.shuffle ?? true;
    if (this.dropLast && options.batchSize > size) {
      throw new RangeError(`batchSize ${options.batchSize} > size ${size} with dropLast: every epoch would be empty`);
    }
    this.batchesPerEpoch = this.dropLast ? Math.floor(size / this.batchSize) : Math.ceil(size / this.batchSize);
    this.rng = resolveRandom(options, 'shuffle-sampler');
  }

  epoch(): Int32Array[] {
    const order = Int32Array.from({ length: this.size }, (_, i) => i);
    if (this.shuffle) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = this.rng.int(i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    const batches: Int32Array[] = [];
    for (let b = 0; b < this.batchesPerEpoch; b++) {
      batches.push(order.slice(b * this.batchSize, Math.min((b + 1) * this.batchSize, this.size)));
    }
    return batches;
  }
}
