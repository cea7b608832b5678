import type { ZodType } from 'zod';
import type { PluginKind } from './plugin-kinds';
import type { PluginRegistry } from './plugin-registry';

/** What a factory receives besides its options: the registry, so composite plugins can build their parts. */
export interface PluginContext {
  readonly registry: PluginRegistry;
}

/**
 * A plugin: a string id under a kind, an options schema and a factory.
 * The schema both validates user config (errors name the bad field) and fills defaults.
 */
export interface PluginDefinition<TOptions = unknown, TInstance = unknown> {
  readonly kind: PluginKind;
  readonly id: string;
  readonly description: string;
  readonly optionsSchema?: ZodType<TOptions>;
  create(options: TOptions, context: PluginContext): TInstance;
}

/** Identity helper that keeps the option and instance types of a definition. */
export function definePlugin<TOptions, TInstance>(
  definition: PluginDefinition<TOptions, TInstance>,
): PluginDefinition<TOptions, TInstance> {
  return definition;
}
