import type { ContrastiveLoss, ReferenceLoss } from '@contrastive/losses';
import type { StrategySetup } from '../strategy';
import { resolveReferenceLoss } from '../internal/reference-loss';
import { StrategyBase, type Stash } from './strategy-base';

/**
 * A strategy whose contrast set reaches beyond the batch (a queue, a bank, momentum keys): it
 * scores the step with a reference loss (`computeWithReference`), its own when it was built with
 * one, else the experiment's. A loss that cannot score against a reference is refused when the
 * strategy is built and when the run is validated, before any step.
 */
export abstract class MemoryStrategy<S extends Stash, R extends void | Promise<void> = void> extends StrategyBase<
  S,
  ReferenceLoss,
  R
> {
  protected constructor(
    name: string,
    /** The loss the strategy was built with, used instead of the experiment's. */
    protected readonly ownLoss: ReferenceLoss | undefined,
  ) {
    super(name);
    if (ownLoss !== undefined) resolveReferenceLoss(ownLoss, undefined, name);
  }

  override validate(setup: StrategySetup): void {
    resolveReferenceLoss(this.ownLoss, setup.loss, this.id);
    super.validate(setup);
  }

  protected lossFor(given: ContrastiveLoss | undefined, who: string): ReferenceLoss {
    return resolveReferenceLoss(this.ownLoss, given, who);
  }
}
