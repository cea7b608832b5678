import type * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '@contrastive/core';

/**
 * Views of one item shape. Views of different sizes (multi-crop's global and local crops) cannot
 * stack into one `[B, V, ...]` tensor, so a generator returns one group per run of consecutive
 * views that share a shape: `[B, V_g, ...item]` plus where those views sit in the overall order.
 */
export interface ViewGroup {
  /** `[B, V_g, ...item]`, the group's views in view order. Owned by the caller. */
  readonly views: tf.Tensor;
  /** Position of each of the group's views in the generator's view order (0-based, ascending). */
  readonly viewIndices: readonly number[];
}

/**
 * Makes the V views of a batch, possibly with a pipeline per view (BYOL's asymmetric views) and
 * several output sizes (DINO's multi-crop). Every draw comes from `rng`, view after view, so the same
 * seed gives the same views. The input is not disposed; the caller disposes the groups' tensors.
 */
export interface ViewGenerator {
  /** Name in error messages. */
  readonly name?: string;
  /** V, the number of views over all groups. */
  readonly viewCount: number;
  /** `[B, ...]` -> the views, grouped by item shape, groups in view order. */
  generate(batch: tf.Tensor, rng: SeededRandom): ViewGroup[];
}

/**
 * What an `augmentation` plugin builds: one augmentation (made into V views by `MultiView`) or a
 * view generator that makes the views itself (`per-view`, `byol`, `multi-crop`).
 */
export type ViewSource = import('../augmentation').Augmentation | ViewGenerator;

/** Whether `value` makes views itself (a {@link ViewGenerator}) rather than being one augmentation. */
export function isViewGenerator(value: unknown): value is ViewGenerator {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ViewGenerator).generate === 'function' &&
    Number.isInteger((value as ViewGenerator).viewCount)
  );
}

/**
 * The one `[B, V, ...]` tensor of views that all share a shape (what the contrastive losses take);
 * throws, disposing the groups, when the generator made views of several sizes.
 */
export function stackedViews(groups: ViewGroup[], owner: string): tf.Tensor {
  if (groups.length !== 1) {
    const shapes = groups.map((g) => `[${g.views.shape.slice(2).join(', ')}] x ${g.viewIndices.length}`).join(', ');
    for (const group of groups) group.views.dispose();
    throw new RangeError(
      `${owner}: views of different sizes (${shapes}) cannot stack into one [B, V, ...] tensor; ` +
        'use a trainer that takes view groups (dino) or give every view the same output size',
    );
  }
  return groups[0].views;
}
