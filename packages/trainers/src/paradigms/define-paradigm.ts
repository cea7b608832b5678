import { ConfigError, definePlugin, type PluginContext, type PluginDefinition, type z } from '@contrastive/core';
import type { Trainer } from '../trainers/trainer';
import type { Paradigm } from './paradigm';
import { ParadigmTrainer } from './paradigm-trainer';

/**
 * A paradigm as a `trainer` plugin, so a config selects it with `trainer: { id: 'byol' }`: the
 * paradigm trainer composes it with the configured model, augmentation, optimizer and schedule.
 * The paradigm brings its own target network and loss, so `config.strategy` must stay `in-batch`
 * and `config.loss` is not used.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function defineParadigm<S extends z.ZodType<any>>(
  id: string,
  description: string,
  optionsSchema: S,
  create: (options: z.output<S>, context: PluginContext) => Paradigm,
): PluginDefinition<z.output<S>, Trainer> {
  return definePlugin({
    kind: 'trainer',
    id,
    description,
    optionsSchema,
    create: (options, context): Trainer => ({
      id,
      validate: (plan) => {
        if (plan.strategy && plan.strategy.id !== 'in-batch') {
          throw new ConfigError(
            `trainer '${id}' brings its own target network and loss; config.strategy must be 'in-batch' (the default), got '${plan.strategy.id}'`,
            'strategy',
          );
        }
        const paradigm = create(options, context);
        try {
          paradigm.validate?.({ views: plan.views, batchSize: plan.batchSize, numClasses: plan.numClasses });
        } finally {
          paradigm.dispose();
        }
      },
      train: async (run) => {
        const paradigm = create(options, context);
        try {
          return await new ParadigmTrainer({ ...run, paradigm }).fit(run.data, {
            epochs: run.epochs,
            views: run.views,
            seed: run.seed,
            numClasses: run.numClasses,
            callbacks: run.callbacks,
            checkpoint: run.checkpoint,
            resume: run.resume,
          });
        } finally {
          paradigm.dispose();
        }
      },
    }),
  });
}
