import { definePlugin, parsePluginOptions, z } from '@contrastive/core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ACTIVATIONS } from '../util/activations';
import { inputShape, positiveInt, seed } from '../util/option-schemas';
import { SeededInitializers } from '../util/seeded-initializers';

/** Options of {@link createMlpEncoder} and the `mlp` encoder plugin. */
export const mlpEncoderSchema = z
  .object({
    inputShape: inputShape.describe('per-example input shape, without the batch axis; inputs of rank > 1 are flattened first'),
    widths: z.array(positiveInt).min(1).default([256, 128]).describe('width of each hidden layer; the last is the feature width F'),
    activation: z.enum(ACTIVATIONS).default('relu').describe('activation after every layer (the last too: features are post-activation)'),
    batchNorm: z.boolean().default(false).describe('batch norm between each linear layer and its activation (the linear layer then has no bias)'),
    dropout: z.number().min(0).lt(1).default(0).describe('dropout rate after each activation, in [0, 1)'),
    seed,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type MlpEncoderOptions = z.input<typeof mlpEncoderSchema>;

/** A multi-layer perceptron encoder: `[B, ...inputShape]` -> `[B, widths.at(-1)]`. */
export function createMlpEncoder(options: MlpEncoderOptions): tfl.LayersModel {
  const { inputShape, widths, dropout, activation, batchNorm, seed } = parsePluginOptions(mlpEncoderSchema, options, {
    kind: 'encoder',
    id: 'mlp',
  });
  const init = new SeededInitializers(seed);

  const input = tfl.input({ shape: inputShape });
  let x = inputShape.length > 1 ? (tfl.layers.flatten().apply(input) as tfl.SymbolicTensor) : input;
  for (const units of widths) {
    const kernelInitializer = activation === 'linear' ? init.glorot() : init.he();
    if (batchNorm) {
      x = tfl.layers.dense({ units, useBias: false, kernelInitializer }).apply(x) as tfl.SymbolicTensor;
      x = tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }).apply(x) as tfl.SymbolicTensor;
      if (activation !== 'linear') x = tfl.layers.activation({ activation }).apply(x) as tfl.SymbolicTensor;
    } else {
      // Activation inside the dense layer: tfjs-layers fuses relu/elu/linear into fused.matMul.
      x = tfl.layers.dense({ units, activation, kernelInitializer }).apply(x) as tfl.SymbolicTensor;
    }
    if (dropout > 0) x = tfl.layers.dropout({ rate: dropout, seed: init.seed() }).apply(x) as tfl.SymbolicTensor;
  }
  return tfl.model({ inputs: input, outputs: x, name: 'mlp_encoder' });
}

/** The `mlp` encoder plugin. */
export const mlpEncoderPlugin = definePlugin({
  kind: 'encoder',
  id: 'mlp',
  description: 'multi-layer perceptron (widths, activation, optional batch norm and dropout); flattens any input shape',
  optionsSchema: mlpEncoderSchema,
  create: createMlpEncoder,
});
