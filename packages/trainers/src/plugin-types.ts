import type { Optimizer } from './optim/optimizer';
import type { LearningRateSchedule } from './schedule/schedule';
import type { Trainer } from './trainers/trainer';

/** What this package's plugin kinds build: `registry.create(...)` returns these, typed, with no cast. */
declare module '@contrastive/core' {
  interface PluginTypes {
    /** What `registry.create('optimizer', ...)` returns. */
    optimizer: Optimizer;
    /** What `registry.create('schedule', ...)` returns. */
    schedule: LearningRateSchedule;
    /** What `registry.create('trainer', ...)` returns. */
    trainer: Trainer;
  }
}
