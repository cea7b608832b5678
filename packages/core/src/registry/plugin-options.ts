import type { z } from 'zod';
import { ConfigError } from '../errors/config-error';
import { formatZodIssues } from '../config/format-zod-error';
import type { PluginKind } from './plugin-kinds';

/** Which plugin the options belong to, and where they sit in a config, for the error message. */
export interface PluginOptionsSource {
  /** The plugin's kind, named in error paths. */
  readonly kind: PluginKind;
  /** The plugin's id, named in error messages. */
  readonly id: string;
  /** Where the plugin's ref sits in a config; its options are at `<path>.options`. Default: the kind. */
  readonly path?: string;
  /** Where the options themselves sit, when they are not a ref's `options` (e.g. `loss.options.miner`). */
  readonly optionsPath?: string;
}

/**
 * Validates plugin options against their schema and fills the defaults. The registry and the
 * plugin classes' constructors both call this, so `new SupConLoss({ temperature: -1 })` and a
 * config with the same options fail with the same {@link ConfigError}, which names the field
 * (`loss.options.temperature: ...`).
 */
export function parsePluginOptions<S extends z.ZodType>(
  schema: S,
  options: unknown,
  { kind, id, path = kind, optionsPath = `${path}.options` }: PluginOptionsSource,
): z.output<S> {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const lines = formatZodIssues(result.error, optionsPath);
  throw new ConfigError(`invalid options for ${kind} '${id}':\n  ${lines.join('\n  ')}`, lines[0]?.split(':')[0]);
}

/** The constructor {@link withOptions} returns: its instances carry the parsed options as read-only fields. */
export type OptionsClass<S extends z.ZodType> = new (
  ...args: object extends z.input<S> ? [options?: z.input<S>] : [options: z.input<S>]
) => Readonly<z.output<S>>;

/**
 * A base class whose constructor parses its options with `schema` ({@link parsePluginOptions}) and
 * keeps them as read-only fields, so a plugin class writes its options once, as its schema:
 *
 * ```ts
 * export const scaleSchema = z.object({ factor: z.number().positive().default(2) }).strict();
 * export class Scale extends withOptions(scaleSchema, { kind: 'schedule', id: 'scale' }) {
 *   learningRate() { return this.factor; } // factor: number, 2 unless given
 * }
 * ```
 */
export function withOptions<S extends z.ZodType>(schema: S, source: PluginOptionsSource): OptionsClass<S> {
  return class {
    constructor(options?: unknown) {
      Object.assign(this, parsePluginOptions(schema, options, source));
    }
  } as unknown as OptionsClass<S>;
}
