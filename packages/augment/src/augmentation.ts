import type * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '@contrastive/core';

/**
 * One batched, seeded data augmentation.
 *
 * `apply` maps a batch `[B, ...]` to a new tensor of the same shape (unless an option such as a crop's output
 * `size` documents otherwise), draws every random choice from `rng` (so the same seed gives the same output),
 * never disposes or mutates `batch`, and leaves no intermediate tensors behind (work happens inside `tf.tidy`).
 * The caller owns (and disposes) the returned tensor.
 */
export interface Augmentation {
  /** Short human-readable name, used in error messages (optional for your own augmentations). */
  readonly name?: string;
  /** Returns an augmented copy of `batch` (`[B, ...]`); every random draw comes from `rng`, so a seed repeats it. */
  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor;
}
