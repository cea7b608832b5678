import { SeededRandom } from '@contrastive/core';

/**
 * Every random draw of a run is derived from (seed, epoch) for sampling and (seed, step) for
 * augmentation, so a resumed run replays exactly the batches and views an uninterrupted run
 * would have seen, with no generator state to carry besides the seed.
 */
export function epochRandom(seed: number, epoch: number): SeededRandom {
  return new SeededRandom(`${seed}/epoch/${epoch}`);
}

export function stepRandom(seed: number, step: number): SeededRandom {
  return new SeededRandom(`${seed}/step/${step}`);
}
