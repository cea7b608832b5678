/**
 * The kinds of plugin a contrastive experiment is assembled from. Each kind has one
 * uniform contract (defined in the package that implements it) and one DI token.
 */
export const PLUGIN_KINDS = [
  'loss',
  'encoder',
  'head',
  'augmentation',
  'strategy',
  'optimizer',
  'schedule',
  'trainer',
  'dataset',
  'metric',
] as const;

/** A plugin slot: `loss`, `strategy`, `encoder`, ... */
export type PluginKind = (typeof PLUGIN_KINDS)[number];

/** One inversify service identifier per plugin kind; `Symbol.for` so copies of this package agree. */
export const PLUGIN_TOKENS: Readonly<Record<PluginKind, symbol>> = Object.freeze(
  Object.fromEntries(PLUGIN_KINDS.map((kind) => [kind, Symbol.for(`@contrastive/plugin/${kind}`)])) as Record<
    PluginKind,
    symbol
  >,
);

/** Whether `value` names a plugin kind. */
export function isPluginKind(value: string): value is PluginKind {
  return (PLUGIN_KINDS as readonly string[]).includes(value);
}
