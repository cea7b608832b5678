import { definePlugin, z } from '@contrastive/core';
import { ContrastiveTrainer } from './contrastive-trainer';
import { CrossEntropyTrainer } from './cross-entropy-trainer';

export const contrastiveTrainerPlugin = definePlugin({
  kind: 'trainer',
  id: 'contrastive',
  description: 'contrastive pre-training: views -> encoder -> head -> strategy -> loss -> optimizer',
  optionsSchema: z
    .object({
      /** Pass labels to the loss (SupCon); false trains self-supervised (SimCLR). */
      supervised: z.boolean().default(true),
    })
    .strict(),
  create: (options) => new ContrastiveTrainer(options),
});

export const crossEntropyTrainerPlugin = definePlugin({
  kind: 'trainer',
  id: 'cross-entropy',
  description: 'the baseline: encoder + linear classifier trained end to end with softmax cross-entropy',
  optionsSchema: z.object({}).strict(),
  create: () => new CrossEntropyTrainer(),
});
