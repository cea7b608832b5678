import type * as tf from '@tensorflow/tfjs-core';

/**
 * Holds the tensors `loss()` stashed for the following `update()` (kept out of every tidy
 * scope); replacing or clearing disposes the previous ones.
 */
export class Pending<T extends Record<string, unknown>> {
  private value: T | undefined;

  set(next: T): void {
    this.clear();
    this.value = next;
  }

  /** Takes the stash (the caller disposes its tensors with `release`), or throws. */
  take(who: string): T {
    if (!this.value) {
      throw new Error(`${who}: update() called without a preceding loss() for this step`);
    }
    const value = this.value;
    this.value = undefined;
    return value;
  }

  get has(): boolean {
    return this.value !== undefined;
  }

  clear(): void {
    if (this.value) Pending.release(this.value);
    this.value = undefined;
  }

  /** Disposes every tensor field of a stash. */
  static release(value: Record<string, unknown>): void {
    for (const field of Object.values(value)) {
      if (
        field &&
        typeof field === 'object' &&
        typeof (field as tf.Tensor).dispose === 'function' &&
        'dataId' in field
      ) {
        (field as tf.Tensor).dispose();
      }
    }
  }
}
