import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { MultiView } from './multi-view';
import { isViewGenerator, type ViewGenerator, type ViewSource } from './view-groups';
import { ViewPipelines } from './view-pipelines';

/**
 * What a trainer makes its views with: the configured `augment` itself when it already makes views
 * (`per-view`, `byol`, `multi-crop`), which must then make exactly `views` of them; otherwise `views`
 * copies of the one pipeline ({@link MultiView}).
 */
export function asViewGenerator(augment: ViewSource, views: number): ViewGenerator {
  if (isViewGenerator(augment)) {
    if (augment.viewCount !== views) {
      throw new ConfigError(
        `augment '${augment.name ?? 'view generator'}' makes ${augment.viewCount} views but pretrain.views is ${views}; ` +
          `set pretrain.views to ${augment.viewCount}`,
        'pretrain.views',
      );
    }
    return augment;
  }
  return new MultiView(augment, views);
}

/**
 * One augmentation standing for the configured `augment` where a single view is wanted (the
 * cross-entropy baseline): the augmentation itself, or the pipeline of a view generator's first
 * view (BYOL's view 1, multi-crop's first global crop).
 */
export function firstViewAugmentation(augment: ViewSource): Augmentation {
  if (!isViewGenerator(augment)) return augment;
  if (augment instanceof MultiView) return augment.pipeline;
  if (augment instanceof ViewPipelines) return augment.entries[0].pipeline;
  const generator = augment;
  return {
    name: `${generator.name ?? 'view generator'} (view 0)`,
    apply: (batch, rng) => {
      const groups = generator.generate(batch, rng);
      const first = groups[0].views;
      const view = tf.tidy(() => tf.squeeze(tf.slice(first, [0, 0], [first.shape[0], 1]), [1]));
      tf.dispose(groups.map((group) => group.views));
      return view;
    },
  };
}

/**
 * `built` as one augmentation, for a place that applies it to a batch (a `compose` step, what
 * `random-apply` wraps, one `per-view` pipeline); a view generator there is a config error.
 */
export function singleAugmentation(built: ViewSource, path: string): Augmentation {
  if (isViewGenerator(built)) {
    throw new ConfigError(
      `${path}: '${built.name ?? 'view generator'}' makes several views and cannot be one step of a pipeline; ` +
        'use it as the experiment\'s augment, or one of its view pipelines instead',
      path,
    );
  }
  return built;
}
