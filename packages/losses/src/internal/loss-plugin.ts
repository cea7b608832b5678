import { definePlugin, type PluginDefinition, type z } from '@contrastive/core';
import type { ContrastiveLoss } from '../types';

/**
 * A `loss` plugin: its id, what it is, the schema of its options (the class's own, so a config and
 * `new` validate alike) and how the parsed options become the loss.
 */
export function lossPlugin<S extends z.ZodType, L extends ContrastiveLoss>(
  id: string,
  description: string,
  optionsSchema: S,
  create: (options: z.output<S>) => L,
): PluginDefinition<z.output<S>, L, 'loss', z.input<S>> {
  return definePlugin({ kind: 'loss', id, description, optionsSchema, create });
}
