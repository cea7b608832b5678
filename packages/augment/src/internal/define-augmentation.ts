import { definePlugin, type PluginContext, type PluginDefinition, type z } from '@contrastive/core';
import type { ViewSource } from '../views/view-groups';

/**
 * An `augmentation` plugin (one augmentation, or a view generator such as `per-view`): the class's
 * own options schema, the single source of its options, and a factory. Defined beside each class;
 * `plugins.ts` only lists them.
 */
export function defineAugmentation<S extends z.ZodType, I extends ViewSource>(
  id: string,
  description: string,
  optionsSchema: S,
  create: (options: z.output<S>, context: PluginContext) => I,
): PluginDefinition<z.output<S>, I, 'augmentation', z.input<S>> {
  return definePlugin({ kind: 'augmentation', id, description, optionsSchema, create });
}
