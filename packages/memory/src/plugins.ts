import { createPluginModule } from '@contrastive/core';
import { inBatchPlugin } from './strategies/in-batch';
import { crossBatchMemoryPlugin } from './strategies/cross-batch-memory';
import { memoryBankPlugin } from './strategies/memory-bank';
import { mocoPlugin } from './strategies/moco';

/** Every strategy plugin of this package; each is defined beside its class, with the class's options schema. */
export const memoryPlugins = [inBatchPlugin, crossBatchMemoryPlugin, memoryBankPlugin, mocoPlugin] as const;

/** `registry.load(memoryModule)` registers `in-batch`, `cross-batch-memory`, `memory-bank` and `moco`. */
export const memoryModule = createPluginModule(memoryPlugins);
