import { createPluginModule, definePlugin, z } from '@contrastive/core';
import { createMlpEncoder } from './encoders/mlp-encoder';
import { createResNet } from './encoders/resnet';
import { createSeedCnn } from './encoders/seed-cnn';
import { createLinearHead } from './heads/linear-head';
import { createMlpHead } from './heads/mlp-head';
import { ACTIVATIONS } from './util/activations';
import { INIT_SCHEMES } from './util/seeded-initializers';

const positiveInt = z.number().int().positive();
const inputShape = z.array(positiveInt).min(1);
const seed = z.union([z.number().int(), z.string()]).default(0);
const init = z.enum(INIT_SCHEMES).default('he').describe("weight init: 'he' (He / Glorot, zero biases) or 'torch' (PyTorch's default)");

/** Options of the `mlp` encoder plugin. */
export const mlpEncoderSchema = z
  .object({
    inputShape,
    widths: z.array(positiveInt).min(1).default([256, 128]),
    activation: z.enum(ACTIVATIONS).default('relu'),
    batchNorm: z.boolean().default(false),
    dropout: z.number().min(0).lt(1).default(0),
    seed,
  })
  .strict();

/** Options of the `seed-cnn` encoder plugin. */
export const seedCnnSchema = z
  .object({
    inputShape: z.array(positiveInt).length(3),
    channels: z.array(positiveInt).min(1).default([16, 32]).describe('filters of each conv3x3-relu-maxpool block'),
    features: positiveInt.default(128).describe('width F of the fully connected feature layer'),
    init,
    normalize: z
      .object({ mean: z.array(z.number()).min(1), std: z.array(z.number().positive()).min(1) })
      .strict()
      .optional()
      .describe('standardise inputs inside the model, (x - mean) / std per channel'),
    seed,
  })
  .strict();

/** Options of the `resnet` encoder plugin. */
export const resnetSchema = z
  .object({
    inputShape: z.array(positiveInt).length(3),
    depth: z.union([z.literal(18), z.literal(34), z.literal(50)]).default(18),
    width: positiveInt.default(64),
    seed,
  })
  .strict();

/** Options of the `linear` head plugin. */
export const linearHeadSchema = z
  .object({ inputDim: positiveInt, outputDim: positiveInt.default(128), init, seed })
  .strict();

/** Options of the `mlp` head plugin. */
export const mlpHeadSchema = z
  .object({
    inputDim: positiveInt,
    outputDim: positiveInt.default(128),
    hiddenDim: positiveInt.optional(),
    layers: z.number().int().min(2).default(2),
    batchNorm: z.boolean().default(false),
    init,
    seed,
  })
  .strict();

export const mlpEncoderPlugin = definePlugin({
  kind: 'encoder',
  id: 'mlp',
  description: 'multi-layer perceptron (widths, activation, optional batch norm and dropout); flattens any input shape',
  optionsSchema: mlpEncoderSchema,
  create: (options) => createMlpEncoder(options),
});

export const seedCnnPlugin = definePlugin({
  kind: 'encoder',
  id: 'seed-cnn',
  description: "the seeds' MNIST CNN: conv3x3(16)-relu-pool, conv3x3(32)-relu-pool, fc 128 relu; widths configurable (channels, features), F = features",
  optionsSchema: seedCnnSchema,
  create: (options) => createSeedCnn(options),
});

export const resnetPlugin = definePlugin({
  kind: 'encoder',
  id: 'resnet',
  description: 'ResNet-18/34/50 with the CIFAR stem (3x3 conv stride 1, no max-pool), batch norm; F = 8 * width (x4 for 50)',
  optionsSchema: resnetSchema,
  create: (options) => createResNet(options),
});

export const linearHeadPlugin = definePlugin({
  kind: 'head',
  id: 'linear',
  description: 'linear projection to outputDim, L2-normalised',
  optionsSchema: linearHeadSchema,
  create: (options) => createLinearHead(options),
});

export const mlpHeadPlugin = definePlugin({
  kind: 'head',
  id: 'mlp',
  description: 'non-linear projection (SupContrast Linear-ReLU-Linear; SimCLR v2 with batchNorm), L2-normalised',
  optionsSchema: mlpHeadSchema,
  create: (options) => createMlpHead(options),
});

/** Every encoder and head plugin of this package; `registry.load(encodersModule)`. */
export const encodersModule = createPluginModule([mlpEncoderPlugin, seedCnnPlugin, resnetPlugin, linearHeadPlugin, mlpHeadPlugin]);
