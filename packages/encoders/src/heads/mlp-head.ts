import { definePlugin, parsePluginOptions, z } from '@contrastive/core';
import * as tfl from '@tensorflow/tfjs-layers';
import { init, normalizeOutput, positiveInt, seed } from '../util/option-schemas';
import { headModel } from './head-model';
import { SeededInitializers } from '../util/seeded-initializers';

/** Options of {@link createMlpHead} and the `mlp` head plugin. */
export const mlpHeadSchema = z
  .object({
    inputDim: positiveInt.describe('feature width F of the encoder'),
    outputDim: positiveInt.default(128).describe('embedding width D'),
    hiddenDim: positiveInt.optional().describe("width of the hidden layers; default inputDim (SupContrast's Linear(dim_in, dim_in))"),
    layers: z.number().int().min(2, "layers must be >= 2 (use head 'linear' for one layer)").default(2).describe('number of linear layers: 2 (SupContrast); SimCLR v2 uses 3'),
    batchNorm: z
      .boolean()
      .default(false)
      .describe('SimCLR v2 style: hidden layers Linear (no bias) - BatchNorm - ReLU, the last Linear without bias; false: Linear - ReLU - ... - Linear with biases'),
    normalize: normalizeOutput,
    init,
    seed,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type MlpHeadOptions = z.input<typeof mlpHeadSchema>;

/**
 * The non-linear projection head, L2-normalised unless `normalize: false`: SupContrast's `Linear(F, F) - ReLU - Linear(F, 128)`
 * by default, SimCLR v2's batch-normalised variant with `batchNorm: true`.
 */
export function createMlpHead(options: MlpHeadOptions): tfl.LayersModel {
  const parsed = parsePluginOptions(mlpHeadSchema, options, { kind: 'head', id: 'mlp' });
  const { inputDim, outputDim, layers, batchNorm, init: scheme } = parsed;
  const hiddenDim = parsed.hiddenDim ?? inputDim;
  const init = new SeededInitializers(parsed.seed);

  const input = tfl.input({ shape: [inputDim] });
  let x: tfl.SymbolicTensor = input;
  let width = inputDim;
  for (let i = 0; i < layers - 1; i++) {
    if (batchNorm) {
      const { kernelInitializer } = init.layer(scheme, width, true);
      x = tfl.layers.dense({ units: hiddenDim, useBias: false, kernelInitializer }).apply(x) as tfl.SymbolicTensor;
      x = tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }).apply(x) as tfl.SymbolicTensor;
      x = tfl.layers.reLU().apply(x) as tfl.SymbolicTensor;
    } else {
      x = tfl.layers
        .dense({ units: hiddenDim, activation: 'relu', ...init.layer(scheme, width, true) })
        .apply(x) as tfl.SymbolicTensor;
    }
    width = hiddenDim;
  }
  const last = init.layer(scheme, width, false);
  x = tfl.layers
    .dense({ units: outputDim, useBias: !batchNorm, ...(batchNorm ? { kernelInitializer: last.kernelInitializer } : last) })
    .apply(x) as tfl.SymbolicTensor;
  return headModel(input, x, parsed.normalize, 'mlp_head');
}

/** The `mlp` head plugin. */
export const mlpHeadPlugin = definePlugin({
  kind: 'head',
  id: 'mlp',
  description: 'non-linear projection (SupContrast Linear-ReLU-Linear; SimCLR v2 with batchNorm), L2-normalised unless normalize: false',
  optionsSchema: mlpHeadSchema,
  create: createMlpHead,
});
