import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { copyWeights, emaWeights, type StatisticsPolicy, type WeightLike } from '@contrastive/core';
import '../layers/l2-normalize';
import { checkBatch } from '../util/validate';
import { packArtifacts, unpackArtifacts } from './artifacts';
import type { ModelManifest, PartRef } from './manifest';

export type { StatisticsPolicy };

/** The weights of another model a momentum update reads: any `ContrastiveModel`-like object. */
export interface WeightSource {
  /** Weights the optimizer updates. */
  readonly trainableWeights: ReadonlyArray<WeightLike>;
  /** State that is not trained (batch-norm moving statistics). */
  readonly nonTrainableWeights?: ReadonlyArray<WeightLike>;
}

const WHO = 'ContrastiveModel';

/**
 * An encoder (`[B, ...inputShape]` -> features `[B, F]`) followed by a projection head
 * (`[B, F]` -> L2-normalised embeddings `[B, D]`), both tfjs-layers models.
 *
 * Forward passes take a `training` flag (default false): true runs batch norm with batch
 * statistics and updates its moving statistics, and enables dropout (tfjs-layers
 * `apply(x, { training: true })`). Every method is leak-free (`tf.tidy`); returned tensors
 * belong to the caller.
 */
export class ContrastiveModel {
  /** Maps inputs to features `[B, F]`. */
  readonly encoder: tfl.LayersModel;
  /** Maps features to the projection `[B, D]` that the loss sees. */
  readonly head: tfl.LayersModel;
  /** Per-example input shape. */
  readonly inputShape: number[];
  /** Encoder (pre-head) feature width F. */
  readonly featureDim: number;
  /** Embedding width D. */
  readonly embeddingDim: number;
  private readonly parts: { encoder?: PartRef; head?: PartRef };
  private disposed = false;

  /**
   * @param encoder maps `[B, ...inputShape]` to `[B, F]`
   * @param head maps `[B, F]` to `[B, D]` (should end in L2 normalisation, as the `head` plugins do)
   * @param parts registry ids and options the parts were built from (recorded in saved models)
   */
  constructor(encoder: tfl.LayersModel, head: tfl.LayersModel, parts: { encoder?: PartRef; head?: PartRef } = {}) {
    if (encoder.inputs.length !== 1 || encoder.outputs.length !== 1) {
      throw new Error(`${WHO}: encoder must have one input and one output, got ${encoder.inputs.length} and ${encoder.outputs.length}`);
    }
    if (head.inputs.length !== 1 || head.outputs.length !== 1) {
      throw new Error(`${WHO}: head must have one input and one output, got ${head.inputs.length} and ${head.outputs.length}`);
    }
    const featureShape = encoder.outputs[0].shape;
    if (featureShape.length !== 2 || typeof featureShape[1] !== 'number') {
      throw new Error(`${WHO}: encoder output must have shape [B, F], got [${featureShape.map((d) => d ?? 'B').join(', ')}]`);
    }
    const headInput = head.inputs[0].shape;
    if (headInput.length !== 2 || headInput[1] !== featureShape[1]) {
      throw new Error(
        `${WHO}: head input must have shape [B, ${featureShape[1]}] (the encoder's features), got [${headInput.map((d) => d ?? 'B').join(', ')}]`,
      );
    }
    const embeddingShape = head.outputs[0].shape;
    if (embeddingShape.length !== 2 || typeof embeddingShape[1] !== 'number') {
      throw new Error(`${WHO}: head output must have shape [B, D], got [${embeddingShape.map((d) => d ?? 'B').join(', ')}]`);
    }
    const inputShape = encoder.inputs[0].shape.slice(1);
    if (inputShape.some((d) => typeof d !== 'number')) {
      throw new Error(`${WHO}: encoder input shape must be fully defined besides the batch axis, got [${encoder.inputs[0].shape.join(', ')}]`);
    }
    this.encoder = encoder;
    this.head = head;
    this.inputShape = inputShape as number[];
    this.featureDim = featureShape[1];
    this.embeddingDim = embeddingShape[1];
    this.parts = parts;
  }

  /** Registry ids/options and shapes of this model (saved with it). */
  get manifest(): ModelManifest {
    return {
      ...(this.parts.encoder ? { encoder: this.parts.encoder } : {}),
      ...(this.parts.head ? { head: this.parts.head } : {}),
      inputShape: [...this.inputShape],
      featureDim: this.featureDim,
      embeddingDim: this.embeddingDim,
    };
  }

  /** Encoder features `[B, F]` of `x` `[B, ...inputShape]` (what linear evaluation uses). */
  features(x: tf.Tensor, training = false): tf.Tensor2D {
    this.assertAlive('features');
    checkBatch(x, this.inputShape, 'x', `${WHO}.features`);
    return tf.tidy(() => this.encoder.apply(x, { training }) as tf.Tensor2D);
  }

  /** L2-normalised embeddings `[B, D]` of `x` `[B, ...inputShape]`. */
  embed(x: tf.Tensor, training = false): tf.Tensor2D {
    this.assertAlive('embed');
    checkBatch(x, this.inputShape, 'x', `${WHO}.embed`);
    return tf.tidy(() => this.forward(x, training));
  }

  /**
   * Embeddings `[B, V, D]` of views `[B, V, ...inputShape]`, in one forward pass over `B * V`
   * examples (so in training mode batch norm sees all views together, as in SupContrast).
   */
  embedViews(views: tf.Tensor, training = false): tf.Tensor3D {
    this.assertAlive('embedViews');
    checkBatch(views, this.inputShape, 'views', `${WHO}.embedViews`, 2);
    const [batch, numViews] = views.shape;
    return tf.tidy(() => {
      const flat = tf.reshape(views, [batch * numViews, ...this.inputShape]);
      return tf.reshape(this.forward(flat, training), [batch, numViews, this.embeddingDim]) as tf.Tensor3D;
    });
  }

  /** Trainable weights of encoder then head, in a stable order. */
  get trainableWeights(): tfl.LayerVariable[] {
    return [...this.encoder.trainableWeights, ...this.head.trainableWeights];
  }

  /** Non-trainable weights (batch-norm moving mean/variance) of encoder then head. */
  get nonTrainableWeights(): tfl.LayerVariable[] {
    return [...this.encoder.nonTrainableWeights, ...this.head.nonTrainableWeights];
  }

  /** Every weight (trainable and batch-norm statistics) of encoder then head, in a stable order. */
  get weights(): tfl.LayerVariable[] {
    return [...this.encoder.weights, ...this.head.weights];
  }

  /** Number of scalar parameters (all weights). */
  countParams(): number {
    return this.encoder.countParams() + this.head.countParams();
  }

  /** A model of the same architecture with copied weights and its own, independent variables. */
  clone(): ContrastiveModel {
    this.assertAlive('clone');
    const copy = new ContrastiveModel(rebuild(this.encoder), rebuild(this.head), this.parts);
    copy.copyWeightsFrom(this);
    return copy;
  }

  /** Overwrites every weight (including batch-norm statistics) with a copy of `other`'s. */
  copyWeightsFrom(other: ContrastiveModel): void {
    this.assertAlive('copyWeightsFrom');
    copyWeights(this.weights, other.weights, 'weights', `${WHO}.copyWeightsFrom`);
  }

  /**
   * Momentum (EMA) update in place, MoCo's `theta_k <- m theta_k + (1 - m) theta_q` over the
   * trainable weights, with `source` the query model.
   *
   * Batch-norm moving statistics are not trainable; `statistics` decides them:
   * - `'copy'` (default): take the query model's current statistics, so the key model's
   *   inference-mode forward passes (what `embed(x)` does by default) normalise with statistics
   *   that track the data instead of the initial ones (mean 0, variance 1) they would otherwise keep;
   * - `'ema'`: average them with the same momentum as the weights;
   * - `'keep'`: leave them alone (they then only change if the key model runs in training mode).
   */
  momentumUpdateFrom(source: WeightSource, momentum: number, statistics: StatisticsPolicy = 'copy'): void {
    this.assertAlive('momentumUpdateFrom');
    const who = `${WHO}.momentumUpdateFrom`;
    if (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1)) {
      throw new Error(`${who}: momentum must be a number in [0, 1], got ${momentum}`);
    }
    if (!['copy', 'ema', 'keep'].includes(statistics)) {
      throw new Error(`${who}: statistics must be 'copy', 'ema' or 'keep', got ${JSON.stringify(statistics)}`);
    }
    emaWeights(this.trainableWeights, source.trainableWeights, momentum, 'trainableWeights', who);
    if (statistics === 'keep' || this.nonTrainableWeights.length === 0) return;
    const sourceStats = source.nonTrainableWeights;
    if (!sourceStats) {
      throw new Error(`${who}: statistics '${statistics}' needs source.nonTrainableWeights (the query model's batch-norm statistics)`);
    }
    if (statistics === 'copy') copyWeights(this.nonTrainableWeights, sourceStats, 'nonTrainableWeights', who);
    else emaWeights(this.nonTrainableWeights, sourceStats, momentum, 'nonTrainableWeights', who);
  }

  /** Saves encoder, head and manifest through a tfjs IOHandler or URL (`indexeddb://`, `downloads://`, http, or `file://` after `registerFileSystemRouter()` from `@contrastive/encoders/node`). */
  async save(handlerOrUrl: tf.io.IOHandler | string): Promise<tf.io.SaveResult> {
    this.assertAlive('save');
    const handler = resolveHandler(handlerOrUrl, 'save');
    if (!handler.save) throw new Error(`${WHO}.save: the IO handler for ${describe(handlerOrUrl)} cannot save`);
    const artifacts = await packArtifacts(this.encoder, this.head, this.manifest);
    return handler.save(artifacts);
  }

  /** Restores a model written by {@link ContrastiveModel.save}. */
  static async load(handlerOrUrl: tf.io.IOHandler | string): Promise<ContrastiveModel> {
    const handler = resolveHandler(handlerOrUrl, 'load');
    if (!handler.load) throw new Error(`${WHO}.load: the IO handler for ${describe(handlerOrUrl)} cannot load`);
    const artifacts = await handler.load();
    const { encoder, head, manifest } = await unpackArtifacts(artifacts, describe(handlerOrUrl));
    return new ContrastiveModel(encoder, head, { encoder: manifest.encoder, head: manifest.head });
  }

  /** A text summary of both parts (tfjs-layers' `summary`), also returned. */
  summary(print: (line: string) => void = console.log): string {
    const lines: string[] = [];
    const collect = (line: string) => lines.push(line);
    lines.push(`ContrastiveModel: [B, ${this.inputShape.join(', ')}] -> features [B, ${this.featureDim}] -> embeddings [B, ${this.embeddingDim}]`);
    lines.push(`Encoder${this.parts.encoder ? ` '${this.parts.encoder.id}'` : ''}:`);
    this.encoder.summary(100, undefined, collect);
    lines.push(`Head${this.parts.head ? ` '${this.parts.head.id}'` : ''}:`);
    this.head.summary(100, undefined, collect);
    const text = lines.join('\n');
    print(text);
    return text;
  }

  /** Frees every variable of encoder and head. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.encoder.dispose();
    this.head.dispose();
  }

  /** Whether `dispose()` was called. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  private forward(x: tf.Tensor, training: boolean): tf.Tensor2D {
    const features = this.encoder.apply(x, { training }) as tf.Tensor;
    return this.head.apply(features, { training }) as tf.Tensor2D;
  }

  private assertAlive(method: string): void {
    if (this.disposed) throw new Error(`${WHO}.${method}: the model has been disposed`);
  }
}

/** The same architecture as `model`, with fresh variables (values are overwritten by the caller). */
function rebuild(model: tfl.LayersModel): tfl.LayersModel {
  const cls = model.constructor as tf.serialization.SerializableConstructor<tfl.LayersModel>;
  const config = model.getConfig() as tf.serialization.ConfigDict;
  return tfl.LayersModel.fromConfig(cls, config, {}, true) as tfl.LayersModel;
}

function describe(target: tf.io.IOHandler | string): string {
  return typeof target === 'string' ? `'${target}'` : 'the given IO handler';
}

function resolveHandler(target: tf.io.IOHandler | string, mode: 'save' | 'load'): tf.io.IOHandler {
  if (typeof target !== 'string') {
    if (target === null || typeof target !== 'object') {
      throw new Error(`${WHO}.${mode}: expected a URL string or a tf.io.IOHandler, got ${target === null ? 'null' : typeof target}`);
    }
    return target;
  }
  const handlers = mode === 'save' ? tf.io.getSaveHandlers(target) : tf.io.getLoadHandlers(target);
  if (handlers.length === 0) {
    throw new Error(
      `${WHO}.${mode}: no tfjs IO handler for '${target}'. Browser: indexeddb://, localstorage://, downloads://, http(s)://. ` +
        `Node: fileSystemHandler(dir) from '@contrastive/encoders/node', or call its registerFileSystemRouter() to use file:// URLs.`,
    );
  }
  if (handlers.length > 1) throw new Error(`${WHO}.${mode}: several tfjs IO handlers match '${target}'`);
  return handlers[0];
}
