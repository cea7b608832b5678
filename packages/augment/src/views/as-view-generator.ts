import { ConfigError } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { MultiView } from './multi-view';
import { isViewGenerator, type ViewGenerator } from './view-groups';

/**
 * What a trainer makes its views with: the configured `augment` itself when it already makes views
 * (`per-view`, `byol`, `multi-crop`), which must then make exactly `views` of them; otherwise `views`
 * copies of the one pipeline ({@link MultiView}).
 */
export function asViewGenerator(augment: Augmentation | ViewGenerator, views: number): ViewGenerator {
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
