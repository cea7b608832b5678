export { PLUGIN_KINDS, PLUGIN_TOKENS, isPluginKind, type PluginKind } from './registry/plugin-kinds';
export {
  classPlugin,
  definePlugin,
  type PluginContext,
  type PluginDefinition,
  type PluginOptionsInput,
  type PluginResolver,
  type PluginSpecWithOptions,
  type PluginSpecWithoutOptions,
} from './registry/plugin-definition';
export type { PluginInstance, PluginTypes } from './registry/plugin-types';
export type { PluginRef } from './registry/plugin-ref';
export { parsePluginOptions, withOptions, type OptionsClass, type PluginOptionsSource } from './registry/plugin-options';
export { createPluginModule } from './registry/plugin-module';
export { PluginRegistry } from './registry/plugin-registry';
export { ConfigError } from './errors/config-error';
export { formatZodIssues } from './config/format-zod-error';
export { pluginRefSchema, type PluginRefConfig } from './config/plugin-ref-schema';
export { experimentConfigSchema, parseExperimentConfig, type ExperimentConfig } from './config/experiment-config';
export { SeededRandom, type RandomState } from './random/seeded-random';
export { z } from 'zod';
export { GPU_BACKENDS, isGpuBackend, assertSynchronousReads } from './backend/gpu-backends';
export {
  readWeight,
  writeWeight,
  copyWeights,
  emaWeights,
  type StatisticsPolicy,
  type WeightLike,
} from './tensors/weights';
export type { StoredTensor } from './tensors/stored-tensor';
