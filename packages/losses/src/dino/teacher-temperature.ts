/**
 * DINO's teacher temperature at `epoch`: a linear warm-up from `warmup` to `final` over the first
 * `warmupEpochs` epochs (`linspace(warmup, final, warmupEpochs)[epoch]`, so one warm-up epoch uses
 * `warmup` at epoch 0), then `final`; no epoch means `final`.
 */
export function teacherTemperature(epoch: number | undefined, warmup: number, final: number, warmupEpochs: number): number {
  if (epoch === undefined || epoch >= warmupEpochs) return final;
  if (warmupEpochs === 1) return warmup;
  return warmup + ((final - warmup) * epoch) / (warmupEpochs - 1);
}
