/**
 * Pseudo-labels for self-supervised steps: every sample of every step gets a fresh integer id,
 * so a sample's views (and its key) are positives of each other and everything stored from
 * earlier steps is a negative. Ids wrap at 2^30 (far beyond any memory's lifetime).
 */
export class InstanceIds {
  private nextId = 0;

  /** The ids the next `count` samples would get, without consuming them. */
  peek(count: number): Int32Array {
    const ids = new Int32Array(count);
    for (let i = 0; i < count; i++) ids[i] = (this.nextId + i) % InstanceIds.WRAP;
    return ids;
  }

  /** Consumes `count` ids (after the step is committed). */
  advance(count: number): void {
    this.nextId = (this.nextId + count) % InstanceIds.WRAP;
  }

  get state(): number {
    return this.nextId;
  }

  set state(value: number) {
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`setState: instance id counter must be a non-negative integer, got ${value}`);
    this.nextId = value % InstanceIds.WRAP;
  }

  static readonly WRAP = 2 ** 30;
}
