import type * as tf from '@tensorflow/tfjs-core';
import type { ContrastiveLoss } from '@contrastive/losses';
import type {
  NegativeStrategy,
  StrategyContext,
  StrategyNeeds,
  StrategySetup,
  StrategyStep,
} from '../strategy';
import { checkStateOwner, type StrategyState } from '../state/strategy-state';
import { Pending } from './pending';

/** What `contrast` keeps for the following `commit`: tensors (kept, and freed after the commit) and host values. */
export type Stash = object;

/** The strategy's own part of its checkpoint state; the base adds `strategy` and `version`. */
export interface StateBody {
  /** JSON-able metadata (pointers, counters, options to check on restore). */
  meta: Record<string, unknown>;
  /** Named tensors (memory contents, momentum weights). */
  tensors: StrategyState['tensors'];
}

/**
 * The lifecycle every negative strategy shares, so that a strategy writes only its idea: what a
 * step is contrasted against (`contrast`) and what it stores after the step (`commit`).
 *
 * The base owns the rest of the {@link NegativeStrategy} contract: use after `dispose()` is an
 * error; `loss()` resolves the loss and stashes what `contrast` hands to {@link stash}, outside
 * the optimizer's tidy scope; `update()` takes that stash, commits it and frees its tensors
 * (`update()` without a `loss()` before it is an error); a checkpoint state carries the
 * strategy's id and format version and is checked against them before `restoreState` runs, which
 * also drops any stash.
 *
 * `R` is what `attach()` and `update()` return: `void` for a strategy whose host work is
 * synchronous, `Promise<void>` for one that must read tensors back to the host (on GPU backends
 * only asynchronously). While such a promise is pending every other call is refused, so a step
 * can never see half-committed memory.
 *
 * A base class rather than a helper the strategies call: the lifecycle is the same sequence of
 * checks around every method of the contract, and the template methods keep it in one place.
 */
export abstract class StrategyBase<S extends Stash, L = ContrastiveLoss, R extends void | Promise<void> = void>
  implements NegativeStrategy
{
  abstract readonly id: string;
  /** What the strategy reads from a step besides the embeddings. */
  abstract readonly needs: StrategyNeeds;
  private readonly pending = new Pending<S>();
  private disposed = false;
  private busy = false;

  /**
   * @param name prefixes error messages (`MemoryBank.loss: ...`)
   * @param stateVersion format version of the checkpoint state; bump it (and migrate) when the format changes
   */
  protected constructor(
    protected readonly name: string,
    private readonly stateVersion = 1,
  ) {}

  /** The loss this step is scored with, from the one the trainer passes (or the strategy's own). */
  protected abstract lossFor(given: ContrastiveLoss | undefined, who: string): L;

  /**
   * The step's differentiable loss, with the contrast set this strategy builds. Pure with respect
   * to the memory: what the following `update()` must store goes to {@link stash}.
   */
  protected abstract contrast(step: StrategyStep, loss: L): tf.Scalar;

  /** Stores the stashed step in the memory (after the optimizer step, without gradient). */
  protected abstract commit(stashed: S): R;

  /** The strategy's checkpoint state (memory contents, pointers, counters). */
  protected abstract saveState(): StateBody | Promise<StateBody>;

  /** Restores a state whose id and version were checked. */
  protected abstract restoreState(state: StrategyState): void;

  /** Checks the run this strategy will serve (see {@link NegativeStrategy.validate}). */
  protected checkSetup(_setup: StrategySetup): void {}

  /**
   * Builds what the strategy needs from the model before the first step. A strategy whose `R` is
   * a promise overrides this and returns one.
   */
  protected prepare(_context: StrategyContext): R {
    return undefined as R;
  }

  /** Frees the strategy's tensors and variables (the stash is freed by the base). */
  protected release(): void {}

  validate(setup: StrategySetup): void {
    this.checkSetup(setup);
  }

  attach(context: StrategyContext = {}): R {
    this.assertReady(`${this.name}.attach`);
    return this.track(() => this.prepare(context));
  }

  loss(step: StrategyStep, loss?: ContrastiveLoss): tf.Scalar {
    const who = `${this.name}.loss`;
    this.assertReady(who);
    return this.contrast(step, this.lossFor(loss, who));
  }

  update(): R {
    const who = `${this.name}.update`;
    this.assertReady(who);
    const stashed = this.pending.take(who);
    return this.track(
      () => this.commit(stashed),
      () => Pending.release(stashed),
    );
  }

  async getState(): Promise<StrategyState> {
    this.assertReady(`${this.name}.getState`);
    const { meta, tensors } = await this.saveState();
    return { meta: { strategy: this.id, version: this.stateVersion, ...meta }, tensors };
  }

  setState(state: StrategyState): void {
    this.assertReady(`${this.name}.setState`);
    checkStateOwner(state, this.id, this.stateVersion);
    this.pending.clear();
    this.restoreState(state);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pending.clear();
    this.release();
  }

  /** Keeps what the next `update()` commits (its tensors survive the optimizer's tidy scope). */
  protected stash(value: S): void {
    this.pending.set(value);
  }

  /** Drops a stashed step without committing it (e.g. when the memory is reset). */
  protected dropStash(): void {
    this.pending.clear();
  }

  /** Throws once the strategy is disposed or while an `attach`/`update` promise is pending. */
  protected assertAlive(): void {
    if (this.disposed) throw new Error(`${this.name}: used after dispose()`);
  }

  private assertReady(who: string): void {
    this.assertAlive();
    if (this.busy) {
      throw new Error(`${who}: the previous attach() or update() has not finished yet; await it first`);
    }
  }

  /** Runs `work`, then `done` (also on failure); a promise from `work` marks the strategy busy until it settles. */
  private track(work: () => R, done: () => void = () => {}): R {
    let result: R;
    try {
      result = work();
    } catch (error) {
      done();
      throw error;
    }
    if (!(result instanceof Promise)) {
      done();
      return result;
    }
    this.busy = true;
    return result.finally(() => {
      this.busy = false;
      done();
    }) as R;
  }
}
