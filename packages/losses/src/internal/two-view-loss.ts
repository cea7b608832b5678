import * as tf from '@tensorflow/tfjs-core';
import { parsePluginOptions, type z } from '@contrastive/core';
import type { ContrastiveLoss, LossTarget } from '../types';
import { rejectTarget, twoViews } from './views';

/**
 * What the self-supervised two-view losses (Barlow Twins, VICReg, DCL, DCLW) share: they take
 * `[N, 2, D]` as the in-batch strategy passes the views, use no labels, need N >= 2 (a batch
 * variance or a negative), and differ only in what they compute from the two `[N, D]` views.
 */
export abstract class TwoViewLoss implements ContrastiveLoss {
  /** Takes `[N, 2, D]` batches (the in-batch strategy passes the views as they are). */
  readonly acceptsViews = true;
  /** Check the features' values (finite): one small host read per call on CPU backends, a NaN loss on GPU backends. */
  declare readonly validate: boolean;

  /** Parses `options` with the loss's schema and keeps them as fields; `name` is the class's, for errors. */
  constructor(
    private readonly name: string,
    schema: z.ZodType,
    id: string,
    options: unknown,
  ) {
    Object.assign(this, parsePluginOptions(schema, options, { kind: 'loss', id }));
  }

  /**
   * The loss of a batch of two views of each sample.
   * @param features `[N, 2, D]` float32, N >= 2.
   * @param target must be empty: the loss uses no labels.
   */
  compute(features: tf.Tensor, target?: LossTarget): tf.Scalar {
    const who = `${this.name}.compute`;
    rejectTarget(target, who);
    return tf.tidy(() => {
      const [a, b, guard] = twoViews(features, who, this.validate, 2);
      return guard(this.computeViews(a, b));
    });
  }

  /** The loss of the views `a` and `b` (`[N, D]` each, row n of both from sample n), inside a tidy. */
  abstract computeViews(a: tf.Tensor2D, b: tf.Tensor2D): tf.Scalar;
}

/**
 * The base class of a two-view loss with options `schema` (which includes `validate`): its
 * constructor parses them as the `id` plugin's and exposes them as read-only fields.
 */
export function twoViewLoss<S extends z.ZodType<{ validate: boolean }>>(name: string, id: string, schema: S) {
  abstract class TwoViewLossWithOptions extends TwoViewLoss {
    constructor(options?: z.input<S>) {
      super(name, schema, id, options);
    }
  }
  return TwoViewLossWithOptions as unknown as abstract new (options?: z.input<S>) => TwoViewLoss & Readonly<z.output<S>>;
}
