import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom, definePlugin, parsePluginOptions, z, type RandomState } from '@contrastive/core';
import { withoutGradient, type ReferenceLoss } from '@contrastive/losses';
import type { StrategyContext, StrategyNeeds, StrategySetup, StrategyStep } from '../strategy';
import { normalizeRows } from '../internal/normalize';
import { HostBank } from '../storage/host-bank';
import { MemoryStrategy } from '../lifecycle/memory-strategy';
import type { StateBody } from '../lifecycle/strategy-base';
import { sampleDistinct, uniqueWithSegments } from '../internal/sampling';
import { checkEmbeddings, checkIndices, checkLabels } from '../internal/validate';
import { embeddingDimOption, ownLoss, positiveInt, withLossOption } from '../internal/strategy-plugin';
import { flattenViews, tileIds, tileLabels } from '../internal/views';
import { checkStored, metaNumber, type StrategyState } from '../state/strategy-state';

/** Options of {@link MemoryBank} (the plugin adds `loss`, see {@link memoryBankPlugin}). */
export const memoryBankOptionsSchema = z
  .object({
    size: positiveInt.describe('number of entries: the dataset size (one entry per dataset index)'),
    embeddingDim: embeddingDimOption,
    momentum: z
      .number()
      .min(0)
      .lt(1, 'must be < 1 (1 would never update the bank)')
      .default(0.5)
      .describe('m in v <- normalise(m v + (1 - m) f); 0 overwrites the entry with the new embedding (Wu et al.: 0.5)'),
    negatives: positiveInt
      .default(4096)
      .describe('K: entries sampled uniformly (without replacement) per step besides the batch entries'),
    seed: z
      .union([z.number().int(), z.string()])
      .default(0)
      .describe('seed of the initialisation and the sampling'),
    // Why 'encoder' when the trainer offers it: with random entries every sample's positive (its
    // own entry, and in the supervised form its class's entries) is a random direction until the
    // sample is visited, and after a visit only a (1 - m) share of it is real. On short runs that
    // noise dominates (on a 2000-image Fashion-MNIST slice, 60 steps, the probe fell below a random
    // encoder's); a one-pass fill from the encoder costs one inference pass over the data.
    initialization: z
      .enum(['auto', 'encoder', 'random'])
      .default('auto')
      .describe(
        "entries before a sample's first visit: 'encoder' = the initial model's embeddings of the training set (StrategyContext.initialEntries), 'random' = seeded random unit vectors, no labels (Wu et al.), 'auto' = encoder when the trainer offers them",
      ),
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type MemoryBankOptions = z.input<typeof memoryBankOptionsSchema>;

/** What fills an entry before its sample's first visit. */
export type MemoryBankInitialization = z.output<typeof memoryBankOptionsSchema>['initialization'];

const ID = 'memory-bank';

/** What a step leaves for its commit: the samples' new features, their labels and indices, and the advanced sampler. */
interface BankStep {
  features: tf.Tensor2D;
  labels: tf.Tensor1D | undefined;
  indices: Int32Array;
  rngState: RandomState;
}

/**
 * Memory bank (Wu et al. 2018, "instance discrimination"): one stored, L2-normalised embedding
 * per dataset index, `[size, D]`, initialised from the initial encoder's embeddings of the
 * training set when the trainer offers them (see the `initialization` option), else
 * with seeded random unit vectors (or with {@link MemoryBank.fill}). The bank is kept in host memory (see `HostBank`, `src/storage`): a step reads
 * K + B rows and writes B rows in place instead of copying all `size` rows.
 *
 * Each step the batch's views (queries, `[B*V, D]`) are scored against a reference drawn from
 * the bank: the batch's own entries plus K other entries sampled uniformly (seeded). Positives:
 * - without labels (instance discrimination): a sample's own bank entry is its only positive;
 * - with labels (supervised form): every reference entry of the same class (the batch's own
 *   entries carry the step's labels; sampled entries carry the label stored when they were last
 *   written, and entries never written yet count as negatives).
 * After the optimizer step each visited entry moves toward the sample's new embedding
 * `f = normalise(mean over views)`: `v <- normalise(m v + (1 - m) f)` (a sample appearing twice
 * in a batch uses the normalised mean of its occurrences). The bank is a constant for autodiff.
 *
 * Writing the bank reads the step's features back to the host, asynchronously, so `update()`,
 * `attach()` and `fill()` return promises: await them (the trainers do). That read is the only
 * one, so the bank works on GPU backends too; it waits for the step's features, once per step.
 */
export class MemoryBank extends MemoryStrategy<BankStep, Promise<void>> {
  readonly id = ID;
  readonly needs: StrategyNeeds = { views: false, indices: true };
  /** Entries in the bank (the dataset size). */
  readonly size: number;
  /** m of the entry update `v <- normalise(m v + (1 - m) f)`. */
  readonly momentum: number;
  /** K, entries sampled per step besides the batch's. */
  readonly negatives: number;
  /** What fills an entry before its sample's first visit. */
  readonly initialization: MemoryBankInitialization;
  private readonly fixedDim: number | undefined;
  private bank: HostBank | undefined;
  private readonly bankLabels: Int32Array;
  private rng: SeededRandom;

  constructor(ownLoss: ReferenceLoss | undefined, options: MemoryBankOptions) {
    super('MemoryBank', ownLoss);
    const parsed = parsePluginOptions(memoryBankOptionsSchema, options, { kind: 'strategy', id: ID });
    this.size = parsed.size;
    this.momentum = parsed.momentum;
    this.negatives = parsed.negatives;
    this.initialization = parsed.initialization;
    this.fixedDim = parsed.embeddingDim;
    this.rng = new SeededRandom(parsed.seed);
    this.bankLabels = new Int32Array(this.size).fill(-1);
    if (parsed.embeddingDim !== undefined) this.allocate(parsed.embeddingDim);
  }

  /** Embedding dimension (undefined before the first step when not given). */
  get embeddingDim(): number | undefined {
    return this.bank?.dim;
  }

  /**
   * Overwrites entries directly (momentum 0), e.g. to initialise the bank with the embeddings of
   * the whole dataset under the initial encoder. `embeddings` `[n, D]` are normalised here. Bad
   * input throws at once; the promise resolves once the entries are written.
   */
  fill(indices: Int32Array, embeddings: tf.Tensor2D, labels?: tf.Tensor1D): Promise<void> {
    this.assertAlive();
    const who = 'MemoryBank.fill';
    const shape = checkEmbeddings(embeddings, who, this.embeddingDim);
    if (embeddings.rank !== 2)
      throw new Error(`${who}: embeddings must have shape [n, D], got [${embeddings.shape}]`);
    checkIndices(indices, shape.batch, this.size, who);
    checkLabels(labels, shape.batch, who);
    if (!this.bank) this.allocate(shape.dim);
    return this.write(indices, embeddings, 0, labels);
  }

  /** A copy of the stored entries `[size, D]` (the caller disposes it). */
  entries(): tf.Tensor2D {
    this.assertAlive();
    if (!this.bank)
      throw new Error('MemoryBank.entries: the bank is not allocated yet (no step and no embeddingDim)');
    return tf.tensor2d(this.bank.values.slice(), [this.size, this.bank.dim]);
  }

  /** The stored label of each entry, -1 where none was written yet. */
  labels(): Int32Array {
    return this.bankLabels.slice();
  }

  protected override checkSetup(setup: StrategySetup): void {
    if (this.size !== setup.datasetSize) {
      throw new Error(
        `memory-bank: options.size is ${this.size} but the training set has ${setup.datasetSize} examples (one entry per example)`,
      );
    }
  }

  /**
   * Fills the bank from `context.initialEntries` unless `initialization` is `'random'` or a
   * checkpoint is being restored. Bad entries throw at once (and are freed).
   */
  protected override prepare(context: StrategyContext): Promise<void> {
    if (this.initialization === 'random' || context.resuming) return Promise.resolve();
    if (!context.initialEntries) {
      if (this.initialization === 'encoder') {
        throw new Error(
          "MemoryBank.attach: initialization 'encoder' needs context.initialEntries (the trainer's embeddings of the training set)",
        );
      }
      return Promise.resolve();
    }
    const { embeddings, labels } = context.initialEntries();
    const free = () => {
      embeddings.dispose();
      labels?.dispose();
    };
    let filled: Promise<void>;
    try {
      if (embeddings.rank !== 2 || embeddings.shape[0] !== this.size) {
        throw new Error(
          `MemoryBank.attach: initialEntries must be [${this.size}, D] (one row per dataset index, options.size = ${this.size}), got [${embeddings.shape}]`,
        );
      }
      filled = this.fill(Int32Array.from({ length: this.size }, (_, i) => i), embeddings, labels);
    } catch (error) {
      free();
      throw error;
    }
    return filled.finally(free);
  }

  /** The batch's views against their own entries plus K entries sampled from the rest of the bank. */
  protected contrast(step: StrategyStep, reference: ReferenceLoss): tf.Scalar {
    const who = 'MemoryBank.loss';
    const shape = checkEmbeddings(step?.embeddings, who, this.embeddingDim ?? this.fixedDim);
    checkLabels(step.labels, shape.batch, who);
    const indices = checkIndices(step.indices, shape.batch, this.size, who);
    const bank = this.bank ?? this.allocate(shape.dim);

    const { unique, segments } = uniqueWithSegments(indices);
    const firstOccurrence = new Int32Array(unique.length);
    for (let i = indices.length - 1; i >= 0; i--) firstOccurrence[segments[i]] = i;
    const sampler = SeededRandom.fromState(this.rng.getState());
    const extra = Math.min(this.negatives, this.size - unique.length);
    const sampled = sampleDistinct(sampler, this.size, extra, new Set(unique));
    const referenceIndices = new Int32Array(unique.length + sampled.length);
    referenceIndices.set(unique);
    referenceIndices.set(sampled, unique.length);

    return tf.tidy(() => {
      const queries = flattenViews(step.embeddings);
      let queryLabels: tf.Tensor1D;
      let referenceLabels: tf.Tensor1D;
      if (step.labels) {
        const labels = tileLabels(step.labels, 1);
        queryLabels = tileLabels(labels, shape.views);
        const sampledLabels = Int32Array.from(sampled, (j) =>
          this.bankLabels[j] >= 0 ? this.bankLabels[j] : -1 - j,
        );
        referenceLabels = tf.concat([
          tf.gather(labels, tf.tensor1d(firstOccurrence, 'int32')),
          tf.tensor1d(sampledLabels, 'int32'),
        ]);
      } else {
        queryLabels = tf.tensor1d(tileIds(indices, shape.views), 'int32');
        referenceLabels = tf.tensor1d(referenceIndices, 'int32');
      }
      const referenceEmbeddings = tf.tensor2d(bank.rows(referenceIndices), [
        referenceIndices.length,
        bank.dim,
      ]);
      const perSample = step.embeddings.rank === 3 ? step.embeddings : tf.expandDims(step.embeddings, 1);
      this.stash({
        features: withoutGradient(() => normalizeRows(tf.mean(perSample, 1) as tf.Tensor2D)),
        labels: step.labels ? tileLabels(step.labels, 1) : undefined,
        indices: Int32Array.from(indices),
        rngState: sampler.getState(),
      });
      return reference.computeWithReference(queries, queryLabels, {
        embeddings: referenceEmbeddings,
        labels: referenceLabels,
      });
    });
  }

  /** Moves the visited entries toward the step's features and commits the sampler's draw. */
  protected async commit(step: BankStep): Promise<void> {
    await this.write(step.indices, step.features, this.momentum, step.labels);
    this.rng = SeededRandom.fromState(step.rngState);
  }

  protected saveState(): StateBody {
    const meta = { size: this.size, rng: this.rng.getState() };
    const labels = { shape: [this.size], dtype: 'int32' as const, values: this.bankLabels.slice() };
    if (!this.bank) return { meta: { ...meta, allocated: false }, tensors: { labels } };
    return {
      meta: { ...meta, allocated: true, embeddingDim: this.bank.dim },
      tensors: {
        bank: { shape: [this.size, this.bank.dim], dtype: 'float32', values: this.bank.values.slice() },
        labels,
      },
    };
  }

  protected restoreState(state: StrategyState): void {
    const size = metaNumber(state.meta, 'size');
    if (size !== this.size)
      throw new Error(`setState: saved memory bank has ${size} entries, this one ${this.size}`);
    const labels = checkStored(state.tensors.labels, 'labels', [this.size]);
    if (state.meta.allocated === true) {
      const dim = metaNumber(state.meta, 'embeddingDim');
      if (this.bank && this.bank.dim !== dim) {
        throw new Error(`setState: saved memory bank has embeddingDim ${dim}, this one ${this.bank.dim}`);
      }
      const stored = state.tensors.bank;
      if (
        !stored ||
        stored.dtype !== 'float32' ||
        stored.shape.length !== 2 ||
        stored.shape[0] !== this.size ||
        stored.shape[1] !== dim
      ) {
        throw new Error(
          `setState: state.tensors['bank'] must be float32 [${this.size}, ${dim}], got ${stored ? `${stored.dtype} [${stored.shape}]` : 'nothing'}`,
        );
      }
      if (stored.values.length !== this.size * dim) {
        throw new Error(
          `setState: state.tensors['bank'] has ${stored.values.length} values for [${this.size}, ${dim}]`,
        );
      }
      this.bank = new HostBank(this.size, dim, Float32Array.from(stored.values));
    }
    this.bankLabels.set(labels.values);
    this.rng = SeededRandom.fromState(state.meta.rng as RandomState);
  }

  protected override release(): void {
    this.bank = undefined;
  }

  private allocate(dim: number): HostBank {
    this.bank = HostBank.random(this.size, dim, this.rng.fork('init'));
    return this.bank;
  }

  /**
   * v <- normalise(m v + (1 - m) f) for the unique indices (a repeated index uses the normalised
   * sum of its rows), and their labels when given. The one host read of the bank: asynchronous.
   */
  private async write(indices: Int32Array, features: tf.Tensor2D, momentum: number, labels?: tf.Tensor1D): Promise<void> {
    const bank = this.bank!;
    const [values, labelValues] = await Promise.all([features.data(), labels?.data()]);
    const { unique, segments } = uniqueWithSegments(indices);
    const merged = new Float64Array(unique.length * bank.dim);
    segments.forEach((segment, i) => {
      for (let j = 0; j < bank.dim; j++) merged[segment * bank.dim + j] += values[i * bank.dim + j];
    });
    unique.forEach((index, u) => {
      const row = merged.subarray(u * bank.dim, (u + 1) * bank.dim);
      const norm = Math.max(Math.hypot(...row), 1e-12);
      bank.blend(
        index,
        Array.from(row, (x) => x / norm),
        momentum,
      );
    });
    if (labelValues) indices.forEach((index, i) => (this.bankLabels[index] = labelValues[i]));
  }
}

/** `memory-bank`: one momentum-updated embedding per dataset index (Wu et al. 2018). */
export const memoryBankPlugin = definePlugin({
  kind: 'strategy',
  id: ID,
  description:
    'memory bank: one stored embedding per dataset sample, momentum-updated, negatives sampled from it (Wu et al.)',
  optionsSchema: withLossOption(memoryBankOptionsSchema),
  create: ({ loss, ...options }, context) => new MemoryBank(ownLoss(loss, context, ID), options),
});
