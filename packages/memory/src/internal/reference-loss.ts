import type { ContrastiveLoss, ReferenceLoss } from '@contrastive/losses';

/** True when `loss` can score queries against an external contrast set. */
export function isReferenceLoss(loss: unknown): loss is ReferenceLoss {
  return (
    typeof loss === 'object' &&
    loss !== null &&
    typeof (loss as ReferenceLoss).compute === 'function' &&
    typeof (loss as ReferenceLoss).computeWithReference === 'function'
  );
}

/**
 * Picks the loss a memory strategy uses: its own (built from its options) or the experiment's,
 * which must implement `computeWithReference`.
 */
export function resolveReferenceLoss(
  own: ReferenceLoss | undefined,
  given: ContrastiveLoss | undefined,
  who: string,
): ReferenceLoss {
  const loss = own ?? given;
  if (loss === undefined) {
    throw new Error(`${who}: no loss: pass one to loss(step, loss) or give the strategy a 'loss' option`);
  }
  if (!isReferenceLoss(loss)) {
    const name = (loss as object)?.constructor?.name ?? typeof loss;
    throw new Error(
      `${who}: the loss (${name}) has no computeWithReference(queries, queryLabels, reference); ` +
        `a memory strategy needs a reference loss such as 'ntxent' or 'supcon'`,
    );
  }
  return loss;
}
