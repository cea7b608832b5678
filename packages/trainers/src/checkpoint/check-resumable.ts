import { ConfigError } from '@contrastive/core';
import type { Checkpoint } from './checkpoint-store';
import { identityDifferences } from './run-identity';

/**
 * Refuses a checkpoint this run cannot continue: another trainer (`kind`), another setup, a larger
 * budget. `trainerName` names this run's trainer in the message.
 */
export function checkResumable(
  saved: Checkpoint,
  kind: string,
  trainerName: string,
  identity: Record<string, unknown> | undefined,
  totalSteps: number,
  epochs: number,
  stepsPerEpoch: number,
): void {
  if (saved.meta.kind !== kind) {
    throw new ConfigError(
      `cannot resume: the checkpoint was written by '${String(saved.meta.kind)}', not ${trainerName}`,
      'checkpoint',
    );
  }
  if (identity && saved.meta.identity !== undefined) {
    const changed = identityDifferences(saved.meta.identity, identity);
    if (changed.length > 0) {
      throw new ConfigError(
        `cannot resume: the checkpoint was written with a different ${changed.join(', ')}; ` +
          'resume with the config it was written with, or start afresh',
        changed[0],
      );
    }
  }
  const step = Number(saved.meta.step);
  if (!Number.isInteger(step) || step < 0) {
    throw new ConfigError(`cannot resume: the checkpoint's step is ${String(saved.meta.step)}`, 'checkpoint');
  }
  if (step > totalSteps) {
    throw new ConfigError(
      `cannot resume: the checkpoint is at step ${step}, past this run's budget of ${totalSteps} steps ` +
        `(${epochs} epochs x ${stepsPerEpoch} steps); resume with at least the budget it was written with`,
      'pretrain.epochs',
    );
  }
}
