import type { z } from 'zod';
import { ConfigError } from '../errors/config-error';
import { formatZodIssues } from '../config/format-zod-error';
import type { PluginKind } from './plugin-kinds';

/** Which plugin the options belong to, for the error message; `path` is where they sit in a config (default: the kind). */
export interface PluginOptionsSource {
  readonly kind: PluginKind;
  readonly id: string;
  readonly path?: string;
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
  { kind, id, path = kind }: PluginOptionsSource,
): z.output<S> {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const lines = formatZodIssues(result.error, `${path}.options`);
  throw new ConfigError(`invalid options for ${kind} '${id}':\n  ${lines.join('\n  ')}`, lines[0]?.split(':')[0]);
}
