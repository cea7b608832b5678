import type { EpochInfo, TrainerCallback } from './callback';

/** Stops when the epoch's mean loss has not improved by `minDelta` for `patience` epochs. */
export class EarlyStopping implements TrainerCallback {
  private best = Infinity;
  private waited = 0;

  constructor(private readonly options: { patience: number; minDelta?: number }) {}

  onEpochEnd({ meanLoss, control, epoch }: EpochInfo): void {
    if (meanLoss < this.best - (this.options.minDelta ?? 0)) {
      this.best = meanLoss;
      this.waited = 0;
      return;
    }
    this.waited += 1;
    if (this.waited >= this.options.patience) {
      control.stop(
        `early stopping at epoch ${epoch}: no improvement for ${this.waited} epochs (best ${this.best.toFixed(4)})`,
      );
    }
  }
}
