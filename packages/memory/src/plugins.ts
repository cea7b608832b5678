import {
  createPluginModule,
  definePlugin,
  pluginRefSchema,
  z,
  type PluginContext,
  type PluginRefConfig,
} from '@contrastive/core';
import type { ReferenceLoss } from '@contrastive/losses';
import { resolveReferenceLoss } from './internal/reference-loss';
import { InBatch } from './strategies/in-batch';
import { CrossBatchMemory } from './strategies/cross-batch-memory';
import { MemoryBank } from './strategies/memory-bank';
import { MoCo } from './strategies/moco';

const positiveInt = z.number().int().positive();

/** Builds the strategy's own loss from its `loss` option (a loss plugin ref), if given. */
function ownLoss(
  ref: PluginRefConfig | undefined,
  context: PluginContext,
  id: string,
): ReferenceLoss | undefined {
  if (ref === undefined) return undefined;
  const loss = context.registry.create('loss', ref, 'strategy.options.loss');
  return resolveReferenceLoss(undefined, loss as never, `strategy '${id}'`);
}

const lossOption = pluginRefSchema
  .optional()
  .describe(
    "the strategy's own loss (a loss plugin ref such as { id: 'supcon', options: {...} }); default: the experiment's loss",
  );

export const inBatchOptionsSchema = z
  .object({
    layout: z
      .enum(['auto', 'views', 'flat'])
      .default('auto')
      .describe(
        "how the batch reaches loss.compute: 'views' [B, V, D], 'flat' [V*B, D] with labels, 'auto' by the loss",
      ),
  })
  .strict();

export const crossBatchMemoryOptionsSchema = z
  .object({
    size: positiveInt.describe('rows held by the memory (at least batch size x views)'),
    embeddingDim: positiveInt
      .optional()
      .describe('embedding dimension D (default: taken from the first step)'),
    loss: lossOption,
  })
  .strict();

export const memoryBankOptionsSchema = z
  .object({
    size: positiveInt.describe('number of entries: the dataset size'),
    embeddingDim: positiveInt
      .optional()
      .describe('embedding dimension D (default: taken from the first step)'),
    momentum: z.number().min(0).lt(1).default(0.5).describe('m in v <- normalise(m v + (1 - m) f)'),
    negatives: positiveInt.default(4096).describe('entries sampled per step besides the batch entries'),
    seed: z
      .union([z.number().int(), z.string()])
      .default(0)
      .describe('seed of the initialisation and the sampling'),
    initialization: z
      .enum(['auto', 'encoder', 'random'])
      .default('auto')
      .describe(
        "entries before a sample's first visit: 'encoder' = the initial model's embeddings of the training set, 'random' = random unit vectors (Wu et al.), 'auto' = encoder when the trainer offers them",
      ),
    loss: lossOption,
  })
  .strict();

export const mocoOptionsSchema = z
  .object({
    queueSize: positiveInt.default(4096).describe('keys kept in the queue'),
    momentum: z.number().min(0).max(1).default(0.999).describe('base momentum of the key encoder EMA'),
    schedule: z
      .enum(['constant', 'cosine'])
      .default('constant')
      .describe("'cosine' raises the momentum to 1 over training"),
    symmetric: z.boolean().default(false).describe('average the loss over both view orders (V = 2)'),
    statistics: z
      .enum(['copy', 'ema', 'keep'])
      .default('copy')
      .describe(
        "batch-norm moving statistics of the key model at each update: copy the query model's, ema, or keep",
      ),
    embeddingDim: positiveInt
      .optional()
      .describe('embedding dimension D (default: taken from the first step)'),
    loss: lossOption,
  })
  .strict();

/** `in-batch`: SimCLR / SupCon's contrast set, the current batch's views. */
export const inBatchPlugin = definePlugin({
  kind: 'strategy',
  id: 'in-batch',
  description:
    'end-to-end: each sample is contrasted with the other views of the current batch (SimCLR, SupCon)',
  optionsSchema: inBatchOptionsSchema,
  create: (options) => new InBatch(options),
});

/** `cross-batch-memory`: a FIFO queue of past embeddings (pytorch-metric-learning's CrossBatchMemory). */
export const crossBatchMemoryPlugin = definePlugin({
  kind: 'strategy',
  id: 'cross-batch-memory',
  description:
    'a FIFO queue of past embeddings and labels enlarges the contrast set (XBM; pml CrossBatchMemory)',
  optionsSchema: crossBatchMemoryOptionsSchema,
  create: (options, context) =>
    new CrossBatchMemory(ownLoss(options.loss, context, 'cross-batch-memory'), {
      size: options.size,
      embeddingDim: options.embeddingDim,
    }),
});

/** `memory-bank`: one momentum-updated embedding per dataset index (Wu et al. 2018). */
export const memoryBankPlugin = definePlugin({
  kind: 'strategy',
  id: 'memory-bank',
  description:
    'memory bank: one stored embedding per dataset sample, momentum-updated, negatives sampled from it (Wu et al.)',
  optionsSchema: memoryBankOptionsSchema,
  create: (options, context) =>
    new MemoryBank(ownLoss(options.loss, context, 'memory-bank'), {
      size: options.size,
      embeddingDim: options.embeddingDim,
      momentum: options.momentum,
      negatives: options.negatives,
      seed: options.seed,
      initialization: options.initialization,
    }),
});

/** `moco`: momentum key encoder and a queue of keys (He et al. 2020), supervised when labels are given. */
export const mocoPlugin = definePlugin({
  kind: 'strategy',
  id: 'moco',
  description:
    'MoCo: keys from a momentum (EMA) copy of the encoder and a queue of past keys; supervised with labels',
  optionsSchema: mocoOptionsSchema,
  create: (options, context) =>
    new MoCo(ownLoss(options.loss, context, 'moco'), {
      queueSize: options.queueSize,
      momentum: options.momentum,
      schedule: options.schedule,
      symmetric: options.symmetric,
      statistics: options.statistics,
      embeddingDim: options.embeddingDim,
    }),
});

/** Every strategy plugin of this package. */
export const memoryPlugins = [inBatchPlugin, crossBatchMemoryPlugin, memoryBankPlugin, mocoPlugin] as const;

/** `registry.load(memoryModule)` registers `in-batch`, `cross-batch-memory`, `memory-bank` and `moco`. */
export const memoryModule = createPluginModule(memoryPlugins);
