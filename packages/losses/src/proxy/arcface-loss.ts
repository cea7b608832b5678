import * as tf from '@tensorflow/tfjs-core';
import { parsePluginOptions, z } from '@contrastive/core';
import type { ContrastiveLoss, LossTarget } from '../types';
import { l2Normalize } from '../internal/math';
import { matMulTransposed } from '../internal/matmul';
import { logOnePlusSumExp } from '../internal/log-one-plus-sum-exp';
import { initialValue, tensorInit, validateOption } from '../internal/options';
import { withoutGradient } from '../internal/without-gradient';
import { classLabelledEmbeddings, classMembership, classParameters } from './class-labels';

/** Options of {@link ArcFaceLoss} (defaults as pytorch-metric-learning's `ArcFaceLoss`). */
export const arcFaceOptionsSchema = z
  .object({
    numClasses: z.number().int().positive().describe('C, the number of classes (one weight column each)'),
    embeddingSize: z.number().int().positive().describe('D, the embedding size'),
    margin: z.number().min(0).lt(180).default(28.6).describe('additive angular margin, in DEGREES as pml (28.6 = 0.5 rad)'),
    scale: z.number().positive().default(64).describe('logit scale s (> 0)'),
    initialWeights: tensorInit.optional().describe('initial class weights W [D, C] (columns are classes, as pml stores W; default: seeded standard normal)'),
    seed: z.number().int().default(0).describe('seed of the default weight initialisation'),
    validate: validateOption,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type ArcFaceLossOptions = z.input<typeof arcFaceOptionsSchema>;

/** Keeps `1 - cos^2` away from 0 so `sin(theta)` has a finite gradient at theta = 0 or pi. */
const SINE_FLOOR = 1e-12;

/**
 * ArcFace (Deng et al. 2019), pytorch-metric-learning's `ArcFaceLoss`: the cross-entropy of
 * `scale * cos` over the classes, where `cos = normalize(x) . normalize(W)` (class weights are the
 * columns of the trainable `W` `[D, C]`) and the target class's logit gets an additive angular
 * margin m: `cos(theta + m)` while `theta <= pi - m`, else `cos(theta) - m sin(m)`. The margin is
 * given in degrees, as in pml.
 *
 * `cos(theta + m)` is computed as `cos(theta) cos(m) - sin(theta) sin(m)`, which has the same value and
 * gradient as going through `acos` but stays finite at theta = 0.
 *
 * `W` is a `tf.Variable` listed in {@link trainableVariables}: whoever trains with this loss must
 * hand it to the optimizer (and save it in checkpoints), which the contrastive trainer does not do
 * yet, so it is not a config plugin (see docs/losses.md). Call {@link dispose} when done.
 *
 * @example
 * ```ts
 * const loss = new ArcFaceLoss({ numClasses: 10, embeddingSize: 128 });
 * const { value, grads } = tf.variableGrads(() => loss.compute(model.embed(x), { labels }), [...modelVariables, loss.W]);
 * ```
 */
export class ArcFaceLoss implements ContrastiveLoss {
  /** C, the number of classes (one weight column each). */
  readonly numClasses: number;
  /** D, the embedding size. */
  readonly embeddingSize: number;
  /** The margin in degrees. */
  readonly margin: number;
  /** Logit scale s. */
  readonly scale: number;
  /** Whether inputs are checked before computing. */
  readonly validate: boolean;
  /** The class weights `[D, C]` (one column per class), trainable. */
  readonly W: tf.Variable;

  constructor(options: ArcFaceLossOptions) {
    const who = 'ArcFaceLoss';
    const parsed = parsePluginOptions(arcFaceOptionsSchema, options, { kind: 'loss', id: 'arcface' });
    this.numClasses = parsed.numClasses;
    this.embeddingSize = parsed.embeddingSize;
    this.margin = parsed.margin;
    this.scale = parsed.scale;
    this.validate = parsed.validate;
    const shape: [number, number] = [this.embeddingSize, this.numClasses];
    const initial = parsed.initialWeights === undefined ? undefined : initialValue(parsed.initialWeights, shape, 'options.initialWeights', who);
    this.W = classParameters(initial, shape, 1, parsed.seed);
  }

  /** The parameters an optimizer must update: `[W]`. */
  get trainableVariables(): tf.Variable[] {
    return [this.W];
  }

  /**
   * @param embeddings `[N, D]` float32 (normalised inside).
   * @param target `labels` `[N]` int32 class ids in `[0, C)` (required).
   * @returns the mean cross-entropy over the batch.
   */
  compute(embeddings: tf.Tensor, target?: LossTarget): tf.Scalar {
    const who = 'ArcFaceLoss.compute';
    const { x, labels, guard } = classLabelledEmbeddings(embeddings, target, this, who, this.validate);
    const m = (this.margin * Math.PI) / 180;
    return tf.tidy(() => {
      const unitClasses = l2Normalize(tf.transpose(this.W) as tf.Tensor2D); // [C, D]: W's columns, normalised
      const cosine = matMulTransposed(l2Normalize(x), unitClasses); // [N, C]
      const target = withoutGradient(() => tf.transpose(classMembership(labels, this.numClasses))) as tf.Tensor2D;
      const targetCosine = tf.clipByValue(tf.sum(tf.mul(cosine, target), 1), -1, 1);
      const sine = tf.sqrt(tf.maximum(tf.sub(1, tf.square(targetCosine)), SINE_FLOOR));
      const withMargin = tf.sub(tf.mul(targetCosine, Math.cos(m)), tf.mul(sine, Math.sin(m)));
      const fallback = tf.sub(targetCosine, m * Math.sin(m));
      // theta <= pi - m  <=>  cos(theta) >= -cos(m); decided on the detached cosine.
      const inRange = withoutGradient(() => tf.cast(tf.greaterEqual(targetCosine, -Math.cos(m)), 'float32'));
      const marginCosine = tf.add(tf.mul(withMargin, inRange), tf.mul(fallback, tf.sub(1, inRange)));
      // Cross-entropy as log(1 + sum_{j != y} exp(l_j - l_y)): exact gradients also when the loss is
      // near 0, where 1 - softmax_y would lose its digits in float32.
      const others = tf.sub(1, target) as tf.Tensor2D;
      const margins = tf.mul(tf.sub(cosine, tf.reshape(marginCosine, [-1, 1])), this.scale) as tf.Tensor2D;
      return guard(tf.mean(logOnePlusSumExp(margins, others)) as tf.Scalar);
    });
  }

  /** Releases `W`. */
  dispose(): void {
    this.W.dispose();
  }
}
