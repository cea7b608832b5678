import { z } from 'zod';
import { ConfigError } from '../errors/config-error';
import { formatZodIssues } from './format-zod-error';
import { pluginRefSchema } from './plugin-ref-schema';

const positiveInt = z.number().int().positive();

/**
 * The shape of an experiment: which plugin fills each slot (by registry id, with its
 * options) and the budget of each stage. Plugin options are validated by the plugin's
 * own schema when the registry builds it.
 */
export const experimentConfigSchema = z
  .object({
    name: z.string().default('experiment'),
    seed: z.number().int().nonnegative().default(0),
    backend: z.enum(['auto', 'webgpu', 'tensorflow', 'wasm', 'cpu']).default('auto'),
    dataset: pluginRefSchema,
    encoder: pluginRefSchema,
    head: pluginRefSchema.default({ id: 'mlp', options: {} }),
    augment: pluginRefSchema.default({ id: 'identity', options: {} }),
    strategy: pluginRefSchema.default({ id: 'in-batch', options: {} }),
    loss: pluginRefSchema.default({ id: 'supcon', options: {} }),
    optimizer: pluginRefSchema.default({ id: 'sgd', options: {} }),
    schedule: pluginRefSchema.default({ id: 'warmup-cosine', options: {} }),
    trainer: pluginRefSchema.default({ id: 'contrastive', options: {} }),
    pretrain: z
      .object({
        epochs: positiveInt.default(1),
        batchSize: positiveInt.default(256),
        views: z.number().int().min(1).default(2),
        samplesPerClass: positiveInt.optional(),
        maxStepsPerEpoch: positiveInt.optional(),
      })
      .strict()
      .default({ epochs: 1, batchSize: 256, views: 2 }),
    probe: z
      .object({
        epochs: positiveInt.default(10),
        batchSize: positiveInt.default(256),
        learningRate: z.number().positive().default(0.1),
      })
      .strict()
      .default({ epochs: 10, batchSize: 256, learningRate: 0.1 }),
    output: z.object({ dir: z.string().default('runs/latest') }).strict().default({ dir: 'runs/latest' }),
  })
  .strict();

/** A parsed experiment config, every default filled in. */
export type ExperimentConfig = z.infer<typeof experimentConfigSchema>;

/** Validates a raw (e.g. JSON-parsed) config; throws a ConfigError listing every bad field by path. */
export function parseExperimentConfig(raw: unknown): ExperimentConfig {
  const result = experimentConfigSchema.safeParse(raw);
  if (!result.success) {
    const lines = formatZodIssues(result.error);
    throw new ConfigError(`invalid experiment config:\n  ${lines.join('\n  ')}`, lines[0]?.split(':')[0]);
  }
  return result.data;
}
