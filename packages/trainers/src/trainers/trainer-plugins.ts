import { definePlugin, z } from '@contrastive/core';
import { ContrastiveTrainer } from './contrastive-trainer';
import { CrossEntropyTrainer } from './cross-entropy-trainer';
import type { Trainer } from './trainer';

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
  create: (options): Trainer => ({
    id: 'contrastive',
    validate: (plan) => {
      if (!plan.strategy) throw new Error("trainer 'contrastive' needs a negative strategy (config.strategy)");
      plan.strategy.validate?.({
        loss: plan.loss,
        batchSize: plan.batchSize,
        views: plan.views,
        datasetSize: plan.data.size,
        supervised: options.supervised,
      });
    },
    train: (context) => {
      const { strategy } = context;
      if (!strategy) throw new Error("trainer 'contrastive' needs a negative strategy (config.strategy)");
      return new ContrastiveTrainer({ ...context, strategy }).fit(context.data, {
        epochs: context.epochs,
        seed: context.seed,
        views: context.views,
        supervised: options.supervised,
        callbacks: context.callbacks,
        checkpoint: context.checkpoint,
        resume: context.resume,
      });
    },
  }),
});

export const crossEntropyTrainerPlugin = definePlugin({
  kind: 'trainer',
  id: 'cross-entropy',
  description: 'the baseline: encoder + linear classifier trained end to end with softmax cross-entropy',
  optionsSchema: z.object({}).strict(),
  create: (): Trainer => ({
    id: 'cross-entropy',
    validate: (plan) => {
      if (plan.numClasses < 2) {
        throw new Error(`trainer 'cross-entropy' needs at least 2 classes, the dataset has ${plan.numClasses}`);
      }
    },
    train: async (context) => {
      const trainer = new CrossEntropyTrainer(context, context.seed);
      try {
        return await trainer.fit(context.data, {
          epochs: context.epochs,
          seed: context.seed,
          callbacks: context.callbacks,
        });
      } finally {
        trainer.dispose();
      }
    },
  }),
});
