import { definePlugin, z } from '@contrastive/core';
import { AdamOptimizer } from './adam';
import { LarsOptimizer } from './lars';
import type { Optimizer } from './optimizer';
import { SgdOptimizer } from './sgd';

const nonNegative = z.number().nonnegative();

export const sgdPlugin = definePlugin({
  kind: 'optimizer',
  id: 'sgd',
  description: 'SGD with momentum and L2 weight decay (PyTorch semantics)',
  optionsSchema: z
    .object({
      momentum: nonNegative.max(1).default(0.9),
      weightDecay: nonNegative.default(1e-4),
      nesterov: z.boolean().default(false),
      decayBiasAndNorm: z.boolean().default(true),
    })
    .strict(),
  create: (options): Optimizer => new SgdOptimizer(options),
});

export const adamPlugin = definePlugin({
  kind: 'optimizer',
  id: 'adam',
  description: 'Adam / AdamW with bias correction',
  optionsSchema: z
    .object({
      beta1: nonNegative.lt(1).default(0.9),
      beta2: nonNegative.lt(1).default(0.999),
      epsilon: z.number().positive().default(1e-8),
      weightDecay: nonNegative.default(0),
      decoupled: z.boolean().default(false),
    })
    .strict(),
  create: (options): Optimizer => new AdamOptimizer(options),
});

export const larsPlugin = definePlugin({
  kind: 'optimizer',
  id: 'lars',
  description: 'LARS (SimCLR): layer-wise trust ratio, biases and batch norm excluded',
  optionsSchema: z
    .object({
      momentum: nonNegative.max(1).default(0.9),
      weightDecay: nonNegative.default(1e-6),
      trustCoefficient: z.number().positive().default(0.001),
      epsilon: z.number().positive().default(1e-9),
    })
    .strict(),
  create: (options): Optimizer => new LarsOptimizer(options),
});
