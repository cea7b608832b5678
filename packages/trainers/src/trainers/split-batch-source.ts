import {
  ClassBalancedSampler,
  ShuffleSampler,
  toBatch,
  type BatchSampler,
  type LabeledSplit,
} from '@contrastive/datasets';
import type { BatchSource } from './batch-source';
import { epochRandom } from './step-randomness';

/** Options of {@link SplitBatchSource}. */
export interface SplitBatchSourceOptions {
  /** Samples per batch. */
  batchSize: number;
  /** Class-balanced batches with this many samples per class (pytorch-metric-learning's MPerClassSampler). */
  samplesPerClass?: number;
  /** Cap on steps per epoch (short runs, smoke tests). */
  maxStepsPerEpoch?: number;
}

/**
 * Batches of an in-memory split. Each epoch builds a fresh sampler seeded by (seed, epoch), so
 * any epoch's batches can be recomputed on resume. Incomplete last batches are dropped: a fixed
 * batch shape keeps backends from recompiling kernels and keeps the loss's contrast set size fixed.
 */
export class SplitBatchSource implements BatchSource {
  /** Examples in the split. */
  readonly size: number;
  /** Full batches in one epoch (capped by `maxStepsPerEpoch`). */
  readonly stepsPerEpoch: number;

  constructor(
    /** The split batches are drawn from. */
    readonly split: LabeledSplit,
    private readonly options: SplitBatchSourceOptions,
  ) {
    this.size = split.size;
    if (options.batchSize > split.size) {
      throw new RangeError(
        `batchSize ${options.batchSize} is larger than the training split (${split.size} examples)`,
      );
    }
    const perEpoch = this.sampler(0, 0).batchesPerEpoch;
    this.stepsPerEpoch = Math.min(perEpoch, options.maxStepsPerEpoch ?? perEpoch);
  }

  /** The index batches of an epoch, from a sampler seeded by `(seed, epoch)`. */
  epochBatches(epoch: number, seed: number): Int32Array[] {
    return this.sampler(epoch, seed).epoch().slice(0, this.stepsPerEpoch);
  }

  batch(indices: Int32Array) {
    return toBatch(this.split, indices);
  }

  private sampler(epoch: number, seed: number): BatchSampler {
    const rng = epochRandom(seed, epoch);
    const { batchSize, samplesPerClass } = this.options;
    return samplesPerClass
      ? new ClassBalancedSampler(this.split.labels, { m: samplesPerClass, batchSize, rng })
      : new ShuffleSampler(this.split.size, { batchSize, dropLast: true, rng });
  }
}
