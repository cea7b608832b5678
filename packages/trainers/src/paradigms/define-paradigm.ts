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
export function defineParadigm<S extends z.ZodType>(
  id: string,
  description: string,
  optionsSchema: S,
  create: (options: z.output<S>, context: PluginContext) => Paradigm,
): PluginDefinition<z.output<S>, Trainer, 'trainer', z.input<S>> {
  return definePlugin({
    kind: 'trainer',
    id,
    description,
    optionsSchema,
    create: (options, context): Trainer => {
      const trainer = new ParadigmTrainer(() => create(options, context));
      return {
        id,
        validate: (plan) => {
          if (plan.strategy && plan.strategy.id !== 'in-batch') {
            throw new ConfigError(
              `trainer '${id}' brings its own target network and loss; config.strategy must be 'in-batch' (the default), got '${plan.strategy.id}'`,
              'strategy',
            );
          }
          trainer.validate(plan);
        },
        train: (parts, budget, options) => trainer.train({ ...parts, strategy: undefined }, budget, options),
      };
    },
  });
}
