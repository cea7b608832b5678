import seedrandom from 'seedrandom';

/** Serializable generator state, stored in checkpoints so a resumed run draws the same numbers. */
export interface RandomState {
  /** The seed the generator started from. */
  readonly seed: string;
  /** The generator's internal state (seedrandom's). */
  readonly generator: object;
  /** The second normal of the last Box-Muller pair, not yet used. */
  readonly spareNormal?: number;
}

/**
 * The one source of randomness for everything in contrastive (shuffles, augmentation,
 * initialisation seeds). Wraps seedrandom's alea generator, whose state can be saved.
 */
export class SeededRandom {
  private generator: seedrandom.StatefulPRNG<seedrandom.State.Alea>;
  private spareNormal: number | undefined;

  constructor(
    /** The seed the generator started from. */
    readonly seed: number | string = 0,
    state?: object,
    spareNormal?: number,
  ) {
    this.generator = seedrandom.alea(String(seed), { state: (state as seedrandom.State.Alea | undefined) ?? true });
    this.spareNormal = spareNormal;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.generator.quick();
  }

  /** Uniform in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.next();
  }

  /** Integer uniform in [0, n). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`int(n): n must be a positive integer, got ${n}`);
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal sample (Box-Muller, caching the second value). */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== undefined) {
      const value = this.spareNormal;
      this.spareNormal = undefined;
      return mean + std * value;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return mean + std * radius * Math.cos(2 * Math.PI * v);
  }

  /** Fisher-Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** A permutation of 0..n-1. */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /** A 32-bit integer seed for a library that takes one (tfjs initialisers, random ops). */
  nextSeed(): number {
    return this.generator.int32() >>> 0;
  }

  /** An independent child stream, so adding draws in one component does not shift another. */
  fork(label: string): SeededRandom {
    return new SeededRandom(`${this.seed}/${label}`);
  }

  /** The generator's state, to continue the same sequence after a checkpoint. */
  getState(): RandomState {
    return { seed: String(this.seed), generator: this.generator.state(), spareNormal: this.spareNormal };
  }

  /** A generator that continues from a saved state. */
  static fromState(state: RandomState): SeededRandom {
    return new SeededRandom(state.seed, state.generator, state.spareNormal);
  }
}
