import type { SeededRandom } from '@contrastive/core';

/**
 * `size` L2-normalised rows of `dim` floats in one host `Float32Array` (row-major), updated in
 * place. The memory bank lives here rather than in a tensor: it is never differentiated, a
 * step reads K + B rows and writes B rows, and tfjs has no partial in-place update, so a
 * device-resident bank would cost a full `[size, dim]` copy per step.
 */
export class HostBank {
  readonly values: Float32Array;

  constructor(
    readonly size: number,
    readonly dim: number,
    values?: Float32Array,
  ) {
    if (values && values.length !== size * dim) {
      throw new Error(`HostBank: expected ${size * dim} values for [${size}, ${dim}], got ${values.length}`);
    }
    this.values = values ?? new Float32Array(size * dim);
  }

  /**
   * Random unit rows: coordinates uniform in [-1, 1), then normalised (the initialisation of
   * Wu et al.'s memory; uniform draws keep it fast for large banks).
   */
  static random(size: number, dim: number, rng: SeededRandom): HostBank {
    const bank = new HostBank(size, dim);
    for (let i = 0; i < bank.values.length; i++) bank.values[i] = 2 * rng.next() - 1;
    for (let r = 0; r < size; r++) bank.normalizeRow(r);
    return bank;
  }

  /** The rows at `indices`, concatenated (`[indices.length, dim]` row-major). */
  rows(indices: Int32Array): Float32Array {
    const out = new Float32Array(indices.length * this.dim);
    indices.forEach((index, k) =>
      out.set(this.values.subarray(index * this.dim, (index + 1) * this.dim), k * this.dim),
    );
    return out;
  }

  /** `row <- normalise(m row + (1 - m) f)` for a unit (or any non-zero) feature `f`. */
  blend(index: number, feature: ArrayLike<number>, momentum: number): void {
    const offset = index * this.dim;
    for (let j = 0; j < this.dim; j++) {
      this.values[offset + j] = momentum * this.values[offset + j] + (1 - momentum) * feature[j];
    }
    this.normalizeRow(index);
  }

  private normalizeRow(index: number): void {
    const offset = index * this.dim;
    let norm = 0;
    for (let j = 0; j < this.dim; j++) norm += this.values[offset + j] ** 2;
    const scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
    for (let j = 0; j < this.dim; j++) this.values[offset + j] *= scale;
  }
}
