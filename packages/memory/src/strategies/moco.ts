import * as tf from '@tensorflow/tfjs-core';
import { definePlugin, parsePluginOptions, z } from '@contrastive/core';
import { withoutGradient, type ReferenceLoss } from '@contrastive/losses';
import type { StrategyContext, StrategyNeeds, StrategySetup, StrategyStep } from '../strategy';
import { EmbeddingQueue } from '../queue/embedding-queue';
import { InstanceIds } from '../internal/instance-ids';
import { MemoryStrategy } from '../lifecycle/memory-strategy';
import type { StateBody } from '../lifecycle/strategy-base';
import { checkEmbeddings, checkLabels } from '../internal/validate';
import { embeddingDimOption, ownLoss, positiveInt, withLossOption } from '../internal/strategy-plugin';
import { selectView, tileLabels } from '../internal/views';
import {
  loadWeights,
  momentumUpdate,
  saveWeights,
  type MomentumModel,
  type StatisticsPolicy,
} from '../moco/momentum-model';
import { momentumAt, type MomentumSchedule } from '../moco/momentum-schedule';
import { metaNumber, type StoredTensor, type StrategyState } from '../state/strategy-state';

/** Options of {@link MoCo} (the plugin adds `loss`, see {@link mocoPlugin}). */
export const mocoOptionsSchema = z
  .object({
    queueSize: positiveInt.default(4096).describe('K: keys kept in the queue'),
    momentum: z
      .number()
      .min(0)
      .max(1)
      .default(0.999)
      .describe('base momentum m of theta_k <- m theta_k + (1 - m) theta_q'),
    schedule: z
      .enum(['constant', 'cosine'])
      .default('constant')
      .describe("'constant' (MoCo) or 'cosine' from momentum to 1 over the run's steps (BYOL / MoCo v3)"),
    symmetric: z
      .boolean()
      .default(false)
      .describe("also score view 2's queries against view 1's keys and average the two losses (V = 2)"),
    statistics: z
      .enum(['copy', 'ema', 'keep'])
      .default('copy')
      .describe(
        "batch-norm moving statistics of the key model at each update (models with momentumUpdateFrom, e.g. ContrastiveModel): copy the query model's, ema them like the weights, or keep the key model's own",
      ),
    embeddingDim: embeddingDimOption,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type MoCoOptions = z.input<typeof mocoOptionsSchema>;

const ID = 'moco';

/** What a step leaves for its commit: its keys and their labels, and how many instance ids it used. */
interface KeyStep {
  keys: tf.Tensor2D;
  labels: tf.Tensor1D;
  newIds: number;
}

/**
 * MoCo (He et al. 2020): a momentum (EMA) copy of the encoder + head produces the keys, and a
 * FIFO queue of past keys (with labels) is the contrast set.
 *
 * Per step, with views `[B, V, ...]` and the query model's embeddings `[B, V, D]`:
 * - queries = view 1's embeddings (differentiable); keys = the key model's embeddings of views
 *   2..V, computed without gradient and without taping (like `torch.no_grad()`);
 * - reference = this step's keys followed by the queue (the queue as it was before the step);
 *   without labels each sample is its own class, so a query's only positive is its own key (the
 *   InfoNCE of MoCo, with the other batch keys as extra negatives); with labels every key or
 *   queued key of the same class is a positive (supervised MoCo: SupCon over queue positives
 *   and the batch keys);
 * - `symmetric`: the same with the views swapped, averaged;
 * - after the optimizer step (`update()`): `theta_k <- m theta_k + (1 - m) theta_q` over the
 *   trainable weights (m from the schedule), then the step's keys are enqueued.
 *
 * Batch norm: the trainable weights are averaged; the moving statistics follow `statistics`
 * (`ContrastiveModel.momentumUpdateFrom`: `copy` the query model's by default). Keys come from
 * `keyModel.embed(x)`, which for `ContrastiveModel` runs in inference mode: the key model
 * normalises with moving statistics, never with the statistics of the key batch, so a key cannot
 * leak information about the other samples of its batch (the "cheating" that MoCo's shuffled BN
 * prevents on several GPUs). Shuffled BN itself is not implemented.
 */
export class MoCo extends MemoryStrategy<KeyStep> {
  readonly id = ID;
  readonly needs: StrategyNeeds = { views: true, indices: false, momentumModel: true };
  /** K, keys kept in the queue. */
  readonly queueSize: number;
  /** Base momentum m of the key encoder's EMA. */
  readonly baseMomentum: number;
  /** Constant momentum, or cosine from m to 1 over the run. */
  readonly schedule: MomentumSchedule;
  /** Whether both views serve as queries (the two losses averaged). */
  readonly symmetric: boolean;
  /** What happens to the key model's batch-norm statistics at each update. */
  readonly statistics: StatisticsPolicy;
  private queue: EmbeddingQueue | undefined;
  private queryModel: MomentumModel | undefined;
  private keyModel: MomentumModel | undefined;
  private totalSteps: number | undefined;
  private stepCount = 0;
  private savedKeyWeights: StoredTensor[] | undefined;
  private readonly ids = new InstanceIds();

  constructor(ownLoss: ReferenceLoss | undefined, options: MoCoOptions = {}) {
    super('MoCo', ownLoss);
    const parsed = parsePluginOptions(mocoOptionsSchema, options, { kind: 'strategy', id: ID });
    this.queueSize = parsed.queueSize;
    this.baseMomentum = parsed.momentum;
    this.schedule = parsed.schedule;
    this.symmetric = parsed.symmetric;
    this.statistics = parsed.statistics;
    if (parsed.embeddingDim !== undefined) this.queue = new EmbeddingQueue(this.queueSize, parsed.embeddingDim);
  }

  /** The momentum (key) model, once attached. */
  get keyEncoder(): MomentumModel | undefined {
    return this.keyModel;
  }

  /** Optimizer steps committed so far. */
  get steps(): number {
    return this.stepCount;
  }

  /** The momentum the next `update()` uses. */
  get currentMomentum(): number {
    return momentumAt(this.baseMomentum, this.schedule, this.stepCount, this.totalSteps);
  }

  /** Keys currently queued. */
  get queued(): number {
    return this.queue?.count ?? 0;
  }

  protected override checkSetup(setup: StrategySetup): void {
    if (setup.views < 2) {
      throw new Error(`moco: needs at least 2 views per sample (queries and keys), pretrain.views is ${setup.views}`);
    }
    if (this.symmetric && setup.views !== 2) {
      throw new Error(`moco: options.symmetric needs exactly 2 views, pretrain.views is ${setup.views}`);
    }
    const keysPerStep = setup.batchSize * (setup.views - 1);
    if (keysPerStep > this.queueSize) {
      throw new Error(
        `moco: options.queueSize ${this.queueSize} is smaller than one step's ${keysPerStep} keys (batch ${setup.batchSize} x ${setup.views - 1} key views)`,
      );
    }
  }

  /** Clones the query model into the key model (its weights copied). Call again to re-attach a new model. */
  protected override prepare(context: StrategyContext): void {
    const model = context?.model;
    if (!model || typeof model.embed !== 'function' || typeof model.clone !== 'function') {
      throw new Error(
        'MoCo.attach: context.model must be the query model (embed(x), clone(), trainableWeights)',
      );
    }
    if (this.schedule === 'cosine' && !(typeof context.totalSteps === 'number' && context.totalSteps > 0)) {
      throw new Error(
        `MoCo.attach: the cosine momentum schedule needs context.totalSteps > 0, got ${context.totalSteps}`,
      );
    }
    this.totalSteps = context.totalSteps;
    this.keyModel?.dispose?.();
    this.queryModel = model;
    this.keyModel = model.clone();
    if (this.savedKeyWeights) {
      loadWeights(this.keyModel, this.savedKeyWeights, (i) => `keyModel/${i}`);
      this.savedKeyWeights = undefined;
    }
  }

  /** View 1's queries against this step's keys (from the key model) followed by the queue. */
  protected contrast(step: StrategyStep, reference: ReferenceLoss): tf.Scalar {
    const who = 'MoCo.loss';
    const keyModel = this.keyModel;
    if (!keyModel)
      throw new Error(
        `${who}: call attach({ model }) before the first step (MoCo clones the model into its key encoder)`,
      );
    const shape = checkEmbeddings(step?.embeddings, who, this.queue?.embeddingDim);
    if (step.embeddings.rank !== 3 || shape.views < 2) {
      throw new Error(
        `${who}: MoCo needs at least 2 views: embeddings [B, V >= 2, D], got [${step.embeddings.shape}]`,
      );
    }
    if (this.symmetric && shape.views !== 2) {
      throw new Error(`${who}: the symmetric loss needs exactly 2 views, got V = ${shape.views}`);
    }
    const views = step.views;
    if (!views || views.rank < 3 || views.shape[0] !== shape.batch || views.shape[1] !== shape.views) {
      throw new Error(
        `${who}: step.views must be the augmented views [${shape.batch}, ${shape.views}, ...inputShape] (keys come from them), ` +
          `got ${views ? `[${views.shape}]` : 'undefined'}`,
      );
    }
    checkLabels(step.labels, shape.batch, who);
    const keyRows = shape.batch * (shape.views - 1);
    if (keyRows > this.queueSize) {
      throw new Error(
        `${who}: a step enqueues ${keyRows} keys (batch ${shape.batch} x ${shape.views - 1} key views) but queueSize is ${this.queueSize}`,
      );
    }
    const queue = (this.queue ??= new EmbeddingQueue(this.queueSize, shape.dim));

    return tf.tidy(() => {
      const sampleLabels = step.labels
        ? tileLabels(step.labels, 1)
        : tf.tensor1d(this.ids.peek(shape.batch), 'int32');
      const keysOf = (v: number): tf.Tensor2D =>
        withoutGradient(() => tf.tidy(() => keyModel.embed(selectView(views, v)) as tf.Tensor2D));
      const queryOf = (v: number): tf.Tensor2D =>
        tf.squeeze(tf.slice(step.embeddings, [0, v, 0], [shape.batch, 1, shape.dim]), [1]);
      const keyViews = Array.from({ length: shape.views - 1 }, (_, k) => keysOf(k + 1));
      for (const keys of keyViews) checkKeys(keys, shape.batch, shape.dim, who);
      const keys = keyViews.length === 1 ? keyViews[0] : (tf.concat(keyViews, 0) as tf.Tensor2D);
      const keyLabels = tileLabels(sampleLabels, shape.views - 1);
      const queued = queue.contents();
      const score = (queries: tf.Tensor2D, batchKeys: tf.Tensor2D, batchKeyLabels: tf.Tensor1D): tf.Scalar =>
        reference.computeWithReference(queries, sampleLabels, {
          embeddings: tf.concat([batchKeys, queued.embeddings], 0) as tf.Tensor2D,
          labels: tf.concat([batchKeyLabels, queued.labels], 0) as tf.Tensor1D,
        });
      let value = score(queryOf(0), keys, keyLabels);
      if (this.symmetric) {
        const keys0 = keysOf(0);
        checkKeys(keys0, shape.batch, shape.dim, who);
        value = tf.div(tf.add(value, score(queryOf(1), keys0, sampleLabels)), 2) as tf.Scalar;
      }
      this.stash({ keys: keys.clone(), labels: keyLabels.clone(), newIds: step.labels ? 0 : shape.batch });
      return value;
    });
  }

  /** The key model's momentum step, then the step's keys into the queue. */
  protected commit(step: KeyStep): void {
    momentumUpdate(this.keyModel!, this.queryModel!, this.currentMomentum, this.statistics);
    this.queue!.write(step.keys, step.labels);
    this.ids.advance(step.newIds);
    this.stepCount++;
  }

  protected async saveState(): Promise<StateBody> {
    const tensors: Record<string, StoredTensor> = {};
    const meta: Record<string, unknown> = {
      steps: this.stepCount,
      nextId: this.ids.state,
      queueSize: this.queueSize,
      allocated: this.queue !== undefined,
    };
    if (this.queue) {
      const saved = await this.queue.getState();
      Object.assign(meta, { queue: saved.meta });
      tensors['queue/embeddings'] = saved.embeddings;
      tensors['queue/labels'] = saved.labels;
    }
    const keyWeights = this.keyModel ? await saveWeights(this.keyModel) : this.savedKeyWeights;
    if (keyWeights) {
      meta.keyWeights = keyWeights.length;
      keyWeights.forEach((weight, i) => (tensors[`keyModel/${i}`] = weight));
    }
    return { meta, tensors };
  }

  /** Restores queue, counters and key-model weights; before `attach()` the weights are applied when it runs. */
  protected restoreState(state: StrategyState): void {
    const queueSize = metaNumber(state.meta, 'queueSize');
    if (queueSize !== this.queueSize)
      throw new Error(`setState: saved MoCo queue holds ${queueSize} keys, this one ${this.queueSize}`);
    if (state.meta.allocated === true) {
      const queueMeta = state.meta.queue as Record<string, unknown>;
      if (!this.queue) this.queue = new EmbeddingQueue(this.queueSize, metaNumber(queueMeta, 'embeddingDim'));
      this.queue.setState(queueMeta, state.tensors['queue/embeddings'], state.tensors['queue/labels']);
    } else {
      this.queue?.clear();
    }
    const count = state.meta.keyWeights === undefined ? 0 : metaNumber(state.meta, 'keyWeights');
    const weights = Array.from({ length: count }, (_, i) => state.tensors[`keyModel/${i}`]);
    if (count > 0 && this.keyModel) loadWeights(this.keyModel, weights, (i) => `keyModel/${i}`);
    else this.savedKeyWeights = count > 0 ? weights : undefined;
    this.stepCount = metaNumber(state.meta, 'steps');
    this.ids.state = metaNumber(state.meta, 'nextId');
  }

  protected override release(): void {
    this.queue?.dispose();
    this.keyModel?.dispose?.();
    this.keyModel = undefined;
  }
}

function checkKeys(keys: tf.Tensor, batch: number, dim: number, who: string): void {
  if (keys.rank !== 2 || keys.shape[0] !== batch || keys.shape[1] !== dim) {
    throw new Error(
      `${who}: the key model's embed() returned [${keys.shape}], expected [${batch}, ${dim}] like the query embeddings`,
    );
  }
}

/** `moco`: momentum key encoder and a queue of keys (He et al. 2020), supervised when labels are given. */
export const mocoPlugin = definePlugin({
  kind: 'strategy',
  id: ID,
  description:
    'MoCo: keys from a momentum (EMA) copy of the encoder and a queue of past keys; supervised with labels',
  optionsSchema: withLossOption(mocoOptionsSchema),
  create: ({ loss, ...options }, context) => new MoCo(ownLoss(loss, context, ID), options),
});
