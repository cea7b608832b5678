import type { z } from 'zod';
import type { PluginKind } from './plugin-kinds';
import type { PluginRef } from './plugin-ref';
import type { PluginInstance } from './plugin-types';

/**
 * What a factory may do with the registry: build the plugins it is composed of. The registry
 * implements it; declared here so definitions and registry do not import each other.
 */
export interface PluginResolver {
  /** Builds the plugin `ref` names under `kind`; `pathPrefix` prefixes option paths in its errors. */
  create<K extends PluginKind>(kind: K, ref: PluginRef | string, pathPrefix?: string): PluginInstance<K>;
  /** Whether an id (or alias) is registered under `kind`. */
  has(kind: PluginKind, id: string): boolean;
}

/** What a factory receives besides its options: the registry, so composite plugins can build their parts. */
export interface PluginContext {
  /** The registry that is building this plugin. */
  readonly registry: PluginResolver;
}

/**
 * A plugin: a string id under a kind, an options schema and a factory.
 * The schema both validates user config (errors name the bad field) and fills defaults;
 * `TOptions` is what the factory receives (the schema's output), `TInput` what a config may
 * write (the schema's input, defaults optional).
 */
export interface PluginDefinition<
  TOptions = unknown,
  TInstance = unknown,
  TKind extends PluginKind = PluginKind,
  TInput = unknown,
> {
  /** The slot the plugin fills (`loss`, `strategy`, `encoder`...); `registry.create(kind, ...)` looks it up there. */
  readonly kind: TKind;
  /** The name a config uses, unique within the kind. */
  readonly id: string;
  /** Former ids that still resolve to this plugin, so configs written before a rename keep loading. */
  readonly aliases?: readonly string[];
  /** One line for listings (`contrastive plugins`) and error messages. */
  readonly description: string;
  /** Validates a config's options and fills their defaults; without one the plugin takes none. */
  readonly optionsSchema?: z.ZodType<TOptions, TInput>;
  /** Builds an instance from the parsed options. */
  create(options: TOptions, context: PluginContext): TInstance;
}

/** The options a config may give a plugin: its schema's input type. */
export type PluginOptionsInput<D> = D extends PluginDefinition<unknown, unknown, PluginKind, infer TInput> ? TInput : never;

interface PluginSpecBase<K extends PluginKind> {
  /** The slot the plugin fills. */
  readonly kind: K;
  /** The name a config uses, unique within the kind. */
  readonly id: string;
  /** Former ids that still resolve to this plugin. */
  readonly aliases?: readonly string[];
  /** One line for listings and error messages. */
  readonly description: string;
}

/** A plugin with options: their type comes from the schema. */
export interface PluginSpecWithOptions<K extends PluginKind, S extends z.ZodType, I> extends PluginSpecBase<K> {
  /** The single source of the options: their type, defaults and validation. */
  readonly optionsSchema: S;
  /** Builds an instance from the options as the schema parsed them. */
  create(options: z.output<S>, context: PluginContext): I;
}

/** A plugin without options. */
export interface PluginSpecWithoutOptions<K extends PluginKind, I> extends PluginSpecBase<K> {
  /** None: the plugin takes no options. */
  readonly optionsSchema?: undefined;
  /** Builds an instance (the options are empty). */
  create(options: Record<string, unknown>, context: PluginContext): I;
}

/**
 * Defines a plugin with its types checked: the factory's options are the schema's output, and
 * what it builds must satisfy the kind's contract (`PluginTypes`).
 */
export function definePlugin<K extends PluginKind, S extends z.ZodType, I extends PluginInstance<K>>(
  definition: PluginSpecWithOptions<K, S, I>,
): PluginDefinition<z.output<S>, I, K, z.input<S>>;
export function definePlugin<K extends PluginKind, I extends PluginInstance<K>>(
  definition: PluginSpecWithoutOptions<K, I>,
): PluginDefinition<Record<string, unknown>, I, K, Record<string, unknown>>;
export function definePlugin(definition: PluginSpecBase<PluginKind>): PluginSpecBase<PluginKind> {
  return definition;
}

/**
 * A plugin whose instance is `new PluginClass(options)`, given the options its schema parsed:
 *
 * ```ts
 * export const sgdPlugin = classPlugin('optimizer', 'sgd', sgdOptionsSchema, SgdOptimizer, {
 *   description: 'SGD with momentum and L2 weight decay (PyTorch semantics)',
 * });
 * ```
 */
export function classPlugin<K extends PluginKind, S extends z.ZodType, I extends PluginInstance<K>>(
  kind: K,
  id: string,
  optionsSchema: S,
  PluginClass: new (options: z.output<S>) => I,
  about: { readonly description: string; readonly aliases?: readonly string[] },
): PluginDefinition<z.output<S>, I, K, z.input<S>> {
  return definePlugin({ kind, id, ...about, optionsSchema, create: (options) => new PluginClass(options) });
}
