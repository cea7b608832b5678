import * as tf from '@tensorflow/tfjs-core';
import { parsePluginOptions, z } from '@contrastive/core';
import type { ContrastiveLoss, LossTarget } from '../types';
import { l2Normalize } from '../internal/math';
import { logOnePlusSumExp } from '../internal/log-one-plus-sum-exp';
import { matMulTransposed } from '../internal/matmul';
import { initialValue, tensorInit, validateOption } from '../internal/options';
import { withoutGradient } from '../internal/without-gradient';
import { classLabelledEmbeddings, classMembership, classParameters } from './class-labels';

/** Options of {@link ProxyAnchorLoss} (defaults as pytorch-metric-learning's `ProxyAnchorLoss`). */
export const proxyAnchorOptionsSchema = z
  .object({
    numClasses: z.number().int().positive().describe('C, the number of classes (one proxy each)'),
    embeddingSize: z.number().int().positive().describe('D, the embedding size'),
    margin: z.number().default(0.1).describe('margin delta on the cosine similarity'),
    alpha: z.number().positive().default(32).describe('scale alpha (> 0)'),
    initialProxies: tensorInit.optional().describe('initial proxies [C, D] (default: seeded normal, std sqrt(2 / C) as pml\'s kaiming_normal_)'),
    seed: z.number().int().default(0).describe('seed of the default proxy initialisation'),
    validate: validateOption,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type ProxyAnchorLossOptions = z.input<typeof proxyAnchorOptionsSchema>;

/**
 * Proxy-Anchor loss (Kim et al. 2020), pytorch-metric-learning's `ProxyAnchorLoss`, with one
 * trainable proxy per class (`proxies` `[C, D]`). With `s` the cosine similarity of embeddings to
 * proxies: `pos = mean over the proxies with a positive in the batch of log(1 + sum_{i in class c} exp(-alpha (s_ic - margin)))`,
 * `neg = (1/C) sum over all proxies of log(1 + sum_{i not in c} exp(alpha (s_ic + margin)))`, loss = pos + neg.
 *
 * The proxies are `tf.Variable`s listed in {@link trainableVariables}: whoever trains with this loss
 * must hand them to the optimizer (and save them in checkpoints), which the contrastive trainer
 * does not do yet, so it is not a config plugin (see docs/losses.md). Call {@link dispose} when done.
 *
 * @example
 * ```ts
 * const loss = new ProxyAnchorLoss({ numClasses: 10, embeddingSize: 128 });
 * const { value, grads } = tf.variableGrads(() => loss.compute(model.embed(x), { labels }), [...modelVariables, ...loss.trainableVariables]);
 * ```
 */
export class ProxyAnchorLoss implements ContrastiveLoss {
  /** C, the number of classes (one proxy each). */
  readonly numClasses: number;
  /** D, the embedding size. */
  readonly embeddingSize: number;
  /** Margin delta on the cosine similarity. */
  readonly margin: number;
  /** Scale alpha. */
  readonly alpha: number;
  /** Whether inputs are checked before computing. */
  readonly validate: boolean;
  /** The class proxies `[C, D]`, trainable. */
  readonly proxies: tf.Variable;

  constructor(options: ProxyAnchorLossOptions) {
    const who = 'ProxyAnchorLoss';
    const parsed = parsePluginOptions(proxyAnchorOptionsSchema, options, { kind: 'loss', id: 'proxy-anchor' });
    this.numClasses = parsed.numClasses;
    this.embeddingSize = parsed.embeddingSize;
    this.margin = parsed.margin;
    this.alpha = parsed.alpha;
    this.validate = parsed.validate;
    const shape: [number, number] = [this.numClasses, this.embeddingSize];
    const initial = parsed.initialProxies === undefined ? undefined : initialValue(parsed.initialProxies, shape, 'options.initialProxies', who);
    this.proxies = classParameters(initial, shape, Math.sqrt(2 / this.numClasses), parsed.seed);
  }

  /** The parameters an optimizer must update: `[proxies]`. */
  get trainableVariables(): tf.Variable[] {
    return [this.proxies];
  }

  /**
   * The loss of the embeddings against the class proxies.
   * @param embeddings `[N, D]` float32 (normalised inside).
   * @param target `labels` `[N]` int32 class ids in `[0, C)` (required).
   */
  compute(embeddings: tf.Tensor, target?: LossTarget): tf.Scalar {
    const who = 'ProxyAnchorLoss.compute';
    const { x, labels, guard } = classLabelledEmbeddings(embeddings, target, this, who, this.validate);
    return tf.tidy(() => {
      // [C, N]: proxies as rows, so the per-proxy sums are row-wise log-sum-exps.
      const similarity = matMulTransposed(l2Normalize(this.proxies as tf.Tensor2D), l2Normalize(x));
      const positive = withoutGradient(() => classMembership(labels, this.numClasses));
      const negative = tf.sub(1, positive) as tf.Tensor2D;
      const positiveTerms = logOnePlusSumExp(tf.mul(tf.sub(this.margin, similarity), this.alpha) as tf.Tensor2D, positive);
      const negativeTerms = logOnePlusSumExp(tf.mul(tf.add(similarity, this.margin), this.alpha) as tf.Tensor2D, negative);
      const proxiesWithPositives = tf.sum(tf.minimum(tf.sum(positive, 1), 1));
      return guard(tf.add(tf.div(tf.sum(positiveTerms), proxiesWithPositives), tf.div(tf.sum(negativeTerms), this.numClasses)) as tf.Scalar);
    });
  }

  /** Releases the proxies. */
  dispose(): void {
    this.proxies.dispose();
  }
}
