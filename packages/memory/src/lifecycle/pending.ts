import * as tf from '@tensorflow/tfjs-core';

/**
 * Holds what `loss()` stashed for the following `update()`. Its tensors are kept out of every
 * tidy scope (`loss()` runs inside the optimizer's); replacing or clearing the stash disposes them.
 */
export class Pending<T extends object> {
  private value: T | undefined;

  /** Keeps the tensor fields of `next` (so the enclosing tidy leaves them) and drops the previous stash. */
  set(next: T): void {
    this.clear();
    for (const field of Object.values(next)) if (isTensor(field)) tf.keep(field);
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

  clear(): void {
    if (this.value) Pending.release(this.value);
    this.value = undefined;
  }

  /** Disposes every tensor field of a stash. */
  static release(value: object): void {
    for (const field of Object.values(value)) if (isTensor(field)) field.dispose();
  }
}

function isTensor(field: unknown): field is tf.Tensor {
  return (
    typeof field === 'object' &&
    field !== null &&
    typeof (field as tf.Tensor).dispose === 'function' &&
    'dataId' in field
  );
}
