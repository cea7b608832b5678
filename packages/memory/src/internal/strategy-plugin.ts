import { pluginRefSchema, z, type PluginContext, type PluginRefConfig } from '@contrastive/core';
import type { ReferenceLoss } from '@contrastive/losses';
import { resolveReferenceLoss } from './reference-loss';

/** Schema pieces several strategies share. */
export const positiveInt = z.number().int().positive();
export const embeddingDimOption = positiveInt
  .optional()
  .describe('embedding dimension D (default: taken from the first step)');

const lossOption = pluginRefSchema
  .optional()
  .describe(
    "the strategy's own loss (a loss plugin ref such as { id: 'supcon', options: {...} }); default: the experiment's loss",
  );

/**
 * A memory strategy's plugin options: its class's schema plus `loss`, a loss plugin ref that the
 * registry builds into the strategy's own reference loss (see {@link ownLoss}); the class itself
 * takes the built loss.
 */
export function withLossOption<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape, z.core.$strict>) {
  return schema.extend({ loss: lossOption }).strict();
}

/** Builds a strategy's own loss from its `loss` option, refusing one without `computeWithReference`. */
export function ownLoss(ref: PluginRefConfig | undefined, context: PluginContext, id: string): ReferenceLoss | undefined {
  if (ref === undefined) return undefined;
  const loss = context.registry.create('loss', ref, 'strategy.options.loss');
  return resolveReferenceLoss(undefined, loss, `strategy '${id}'`);
}
