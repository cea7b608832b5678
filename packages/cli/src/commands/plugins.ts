import { isPluginKind, PLUGIN_KINDS, type PluginRegistry } from '@contrastive/core';
import { CliError, EXIT } from '../cli-error';

/** Lines listing registered plugins (all kinds, or one), e.g. `loss      supcon       SupCon ...`. */
export function listPlugins(registry: PluginRegistry, kind?: string): string[] {
  if (kind !== undefined && !isPluginKind(kind)) {
    throw new CliError(`unknown plugin kind '${kind}'; kinds: ${PLUGIN_KINDS.join(', ')}`, EXIT.usage);
  }
  const definitions = registry.list(kind);
  const idWidth = Math.max(2, ...definitions.map((d) => d.id.length));
  // A renamed plugin shows its old ids, which configs may still use.
  const formerly = (d: (typeof definitions)[number]) => (d.aliases?.length ? ` (formerly ${d.aliases.join(', ')})` : '');
  return definitions.map((d) => `${d.kind.padEnd(12)} ${d.id.padEnd(idWidth)}  ${d.description}${formerly(d)}`);
}
