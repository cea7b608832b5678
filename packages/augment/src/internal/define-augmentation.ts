import { definePlugin, type PluginContext, type PluginDefinition, type z } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import type { ViewGenerator } from '../views/view-groups';

/**
 * An `augmentation` plugin (one augmentation, or a view generator such as `per-view`): the class's own options schema (the single source of its options)
 * and a factory. Defined beside each class; `plugins.ts` only lists them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function defineAugmentation<S extends z.ZodType<any>, I extends Augmentation | ViewGenerator = Augmentation>(
  id: string,
  description: string,
  optionsSchema: S,
  create: (options: z.output<S>, context: PluginContext) => I,
): PluginDefinition<z.output<S>, I> {
  return definePlugin({ kind: 'augmentation', id, description, optionsSchema, create });
}
