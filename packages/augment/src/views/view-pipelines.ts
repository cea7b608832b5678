import * as tf from '@tensorflow/tfjs-core';
import { pluginRefSchema, z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { defineAugmentation } from '../internal/define-augmentation';
import { assertAugmentation, assertBatch, assertRng } from '../internal/validation';
import { singleAugmentation } from './as-view-generator';
import type { ViewGenerator, ViewGroup } from './view-groups';

/** `count` views, each made by `pipeline`. */
export interface ViewPipeline {
  /** The augmentation that makes these views. */
  readonly pipeline: Augmentation;
  /** How many views it makes. */
  readonly count: number;
}

/**
 * Views with a pipeline of their own: BYOL's asymmetric pair (blur p 1.0 / 0.1, solarize p 0 / 0.2)
 * is two entries of count 1; DINO's multi-crop is a global entry of count 2 and a local one of
 * count k at a smaller size. Views are made entry after entry, view after view, from one rng.
 * Consecutive views that come out with the same item shape share a {@link ViewGroup}, so equal-size
 * views still arrive as one `[B, V, ...]` tensor and the contrastive losses take them unchanged.
 */
export class ViewPipelines implements ViewGenerator {
  /** Name in error messages. */
  readonly name = 'ViewPipelines';
  /** The pipelines, in view order. */
  readonly entries: readonly ViewPipeline[];
  readonly viewCount: number;

  constructor(entries: readonly ViewPipeline[]) {
    if (!Array.isArray(entries) || entries.length === 0) {
      throw new TypeError(`ViewPipelines: argument 'entries' must be a non-empty array of { pipeline, count }`);
    }
    entries.forEach((entry, i) => {
      assertAugmentation(entry?.pipeline, `ViewPipelines: entries[${i}].pipeline`);
      if (!Number.isInteger(entry.count) || entry.count < 1) {
        throw new RangeError(`ViewPipelines: entries[${i}].count must be a positive integer; got ${entry.count}`);
      }
    });
    this.entries = entries.map(({ pipeline, count }) => ({ pipeline, count }));
    this.viewCount = this.entries.reduce((sum, e) => sum + e.count, 0);
  }

  generate(batch: tf.Tensor, rng: SeededRandom): ViewGroup[] {
    assertBatch(batch, this.name, { minRank: 1, layout: '[B, ...]' });
    assertRng(rng, this.name);
    const runs: { shape: string; views: tf.Tensor[]; viewIndices: number[] }[] = [];
    try {
      let index = 0;
      for (const { pipeline, count } of this.entries) {
        for (let k = 0; k < count; k++, index++) {
          const view = pipeline.apply(batch, rng);
          if (view.shape[0] !== batch.shape[0]) {
            view.dispose();
            throw new RangeError(`${this.name}: view ${index} has ${view.shape[0]} items, the batch ${batch.shape[0]}`);
          }
          const shape = view.shape.slice(1).join(',');
          const last = runs[runs.length - 1];
          if (last && last.shape === shape) {
            last.views.push(view);
            last.viewIndices.push(index);
          } else runs.push({ shape, views: [view], viewIndices: [index] });
        }
      }
      return runs.map(({ views, viewIndices }) => ({ views: tf.stack(views, 1), viewIndices }));
    } finally {
      for (const run of runs) tf.dispose(run.views);
    }
  }
}

/** Options of the `per-view` plugin. */
export const viewPipelinesOptionsSchema = z
  .object({
    pipelines: z
      .array(
        z
          .object({
            augmentation: pluginRefSchema.describe('the augmentation plugin that makes these views'),
            count: z.number().int().positive().default(1).describe('views made with it'),
          })
          .strict(),
      )
      .min(1)
      .describe('one entry per kind of view, in view order'),
  })
  .strict();

/** The `per-view` augmentation plugin. */
export const viewPipelinesPlugin = defineAugmentation(
  'per-view',
  'a pipeline per view (asymmetric views, multi-crop): views of one size share a [B, V, ...] group',
  viewPipelinesOptionsSchema,
  (options, { registry }) =>
    new ViewPipelines(
      options.pipelines.map((entry, i) => ({
        pipeline: singleAugmentation(
          registry.create('augmentation', entry.augmentation, `augmentation.options.pipelines.${i}.augmentation`),
          `augmentation.options.pipelines.${i}.augmentation`,
        ),
        count: entry.count,
      })),
    ),
);
