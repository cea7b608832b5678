import './plugin-types';
export type {
  InitialEntries,
  NegativeStrategy,
  StrategyContext,
  StrategyNeeds,
  StrategySetup,
  StrategyStep,
} from './strategy';
export type { StoredTensor, StrategyState } from './state/strategy-state';
export {
  InBatch,
  inBatchPlugin,
  inBatchOptionsSchema,
  type InBatchLayout,
  type InBatchOptions,
} from './strategies/in-batch';
export {
  CrossBatchMemory,
  crossBatchMemoryPlugin,
  crossBatchMemoryOptionsSchema,
  type CrossBatchMemoryOptions,
} from './strategies/cross-batch-memory';
export {
  MemoryBank,
  memoryBankPlugin,
  memoryBankOptionsSchema,
  type MemoryBankInitialization,
  type MemoryBankOptions,
} from './strategies/memory-bank';
export { MoCo, mocoPlugin, mocoOptionsSchema, type MoCoOptions } from './strategies/moco';
export { StrategyBase, type Stash, type StateBody } from './lifecycle/strategy-base';
export { MemoryStrategy } from './lifecycle/memory-strategy';
export { EmbeddingQueue, type QueueContents, type QueueMeta } from './queue/embedding-queue';
export { momentumUpdate, type MomentumModel, type StatisticsPolicy } from './moco/momentum-model';
// Re-exported for existing users; their home is @contrastive/core.
export type { WeightLike } from '@contrastive/core';
export { momentumAt, type MomentumSchedule } from './moco/momentum-schedule';
// Re-exported for existing users; its home is @contrastive/losses.
export { withoutGradient } from '@contrastive/losses';
export { isReferenceLoss } from './internal/reference-loss';
export { memoryModule, memoryPlugins } from './plugins';
