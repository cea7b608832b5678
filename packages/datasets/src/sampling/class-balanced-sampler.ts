import type { SeededRandom } from '@contrastive/core';
import { indicesByLabel } from '../split/split-utils';
import { assertInteger, resolveRandom, type BatchSampler, type RandomSource } from './batch-sampler';

/** Options of {@link ClassBalancedSampler}. */
export interface ClassBalancedSamplerOptions extends RandomSource {
  /** Samples per class in each batch. */
  m: number;
  /** Batch size; a multiple of `m`, at most `m * numClasses`. */
  batchSize: number;
  /**
   * Examples drawn per epoch before the sampler "starts a new iteration" (pml's `length_before_new_iter`),
   * rounded down to a multiple of `batchSize`. Default: the number of labels (pml's default is 100000).
   */
  lengthBeforeNewIter?: number;
}

/**
 * "m samples per class" batches, the semantics of pytorch-metric-learning's `MPerClassSampler` with a
 * batch size: every batch holds `batchSize / m` distinct classes and `m` examples of each. For each batch
 * the list of classes is shuffled (in place, so the order carries over between batches, as in pml) and the
 * first `batchSize / m` are taken; each contributes `m` indices drawn without replacement, or with
 * replacement when the class has fewer than `m` examples. An epoch is
 * `floor(lengthBeforeNewIter / batchSize)` such batches (at least one). Unlike pml, randomness comes from a
 * `SeededRandom`, so the same seed gives the same batches. Used for SupCon with small batches, where a
 * batch needs positives for every anchor.
 */
export class ClassBalancedSampler implements BatchSampler {
  readonly batchesPerEpoch: number;
  /** Classes drawn for each batch. */
  readonly classesPerBatch: number;
  private readonly classes: number[];
  private readonly byClass: Map<number, number[]>;
  private readonly rng: SeededRandom;
  private readonly m: number;

  constructor(labels: ArrayLike<number>, options: ClassBalancedSamplerOptions) {
    const { m, batchSize } = options;
    assertInteger('m', m, 1);
    assertInteger('batchSize', batchSize, 1);
    if (labels.length === 0) throw new RangeError('labels is empty: nothing to sample');
    this.byClass = indicesByLabel(labels);
    this.classes = [...this.byClass.keys()].sort((a, b) => a - b);
    if (batchSize % m !== 0) {
      throw new RangeError(`batchSize ${batchSize} must be a multiple of m ${m} (m samples per class per batch)`);
    }
    if (m * this.classes.length < batchSize) {
      throw new RangeError(
        `m * numClasses = ${m} * ${this.classes.length} = ${m * this.classes.length} must be >= batchSize ${batchSize}`,
      );
    }
    const length = options.lengthBeforeNewIter ?? labels.length;
    assertInteger('lengthBeforeNewIter', length, 1);
    if (length < batchSize) throw new RangeError(`lengthBeforeNewIter ${length} must be >= batchSize ${batchSize}`);
    this.m = m;
    this.classesPerBatch = batchSize / m;
    this.batchesPerEpoch = Math.max(1, Math.floor(length / batchSize));
    this.rng = resolveRandom(options, 'class-balanced-sampler');
  }

  epoch(): Int32Array[] {
    const batches: Int32Array[] = [];
    for (let b = 0; b < this.batchesPerEpoch; b++) {
      this.rng.shuffle(this.classes);
      const batch = new Int32Array(this.classesPerBatch * this.m);
      for (let c = 0; c < this.classesPerBatch; c++) {
        batch.set(this.choose(this.byClass.get(this.classes[c])!), c * this.m);
      }
      batches.push(batch);
    }
    return batches;
  }

  /** `m` members of `pool`: without replacement when the pool is large enough, else with replacement. */
  private choose(pool: number[]): number[] {
    if (pool.length < this.m) return Array.from({ length: this.m }, () => pool[this.rng.int(pool.length)]);
    const copy = pool.slice();
    for (let i = 0; i < this.m; i++) {
      const j = i + this.rng.int(copy.length - i);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, this.m);
  }
}
