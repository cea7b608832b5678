import type { PluginKind } from './plugin-kinds';

/**
 * What each plugin kind builds. Empty here: every package that implements a kind adds its
 * contract by declaration merging, e.g. in `@contrastive/losses`:
 *
 * ```ts
 * declare module '@contrastive/core' {
 *   interface PluginTypes { loss: ContrastiveLoss }
 * }
 * ```
 *
 * so `registry.create('loss', ref)` is a `ContrastiveLoss` and a `loss` plugin whose factory
 * returns anything else does not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PluginTypes {}

/** The instance type of a kind: its contract from {@link PluginTypes}, or `unknown` where no package added one. */
export type PluginInstance<K extends PluginKind> = K extends keyof PluginTypes ? PluginTypes[K] : unknown;
