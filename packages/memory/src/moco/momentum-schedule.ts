/** How MoCo's momentum m evolves over training. */
export type MomentumSchedule = 'constant' | 'cosine';

/**
 * The momentum at `step` (0-based) of `totalSteps`: `constant` keeps `base`; `cosine` rises from
 * `base` to 1 as `1 - (1 - base) (cos(pi t / T) + 1) / 2` (BYOL), staying at 1 after T.
 */
export function momentumAt(
  base: number,
  schedule: MomentumSchedule,
  step: number,
  totalSteps?: number,
): number {
  if (schedule === 'constant') return base;
  if (totalSteps === undefined || !(totalSteps > 0)) {
    throw new Error(
      `momentumAt: the cosine momentum schedule needs totalSteps > 0 (attach({ totalSteps })), got ${totalSteps}`,
    );
  }
  const progress = Math.min(1, Math.max(0, step / totalSteps));
  return 1 - ((1 - base) * (Math.cos(Math.PI * progress) + 1)) / 2;
}
