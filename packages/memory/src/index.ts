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
export { InBatch, type InBatchLayout, type InBatchOptions } from './strategies/in-batch';
export { CrossBatchMemory, type CrossBatchMemoryOptions } from './strategies/cross-batch-memory';
export {
  MemoryBank,
  type MemoryBankInitialization,
  type MemoryBankOptions,
} from './strategies/memory-bank';
export { MoCo, type MoCoOptions } from './strategies/moco';
export { EmbeddingQueue, type QueueContents, type QueueMeta } from './queue/embedding-queue';
export { momentumUpdate, type MomentumModel, type StatisticsPolicy } from './moco/momentum-model';
// Re-exported for existing users; their home is @contrastive/core.
export type { WeightLike } from '@contrastive/core';
export { momentumAt, type MomentumSchedule } from './moco/momentum-schedule';
// Re-exported for existing users; its home is @contrastive/losses.
export { withoutGradient } from '@contrastive/losses';
export { isReferenceLoss } from './internal/reference-loss';
export {
  memoryModule,
  memoryPlugins,
  inBatchPlugin,
  crossBatchMemoryPlugin,
  memoryBankPlugin,
  mocoPlugin,
  inBatchOptionsSchema,
  crossBatchMemoryOptionsSchema,
  memoryBankOptionsSchema,
  mocoOptionsSchema,
} from './plugins';
