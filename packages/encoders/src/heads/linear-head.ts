import { definePlugin, parsePluginOptions, z } from '@contrastive/core';
import * as tfl from '@tensorflow/tfjs-layers';
import { init, normalizeOutput, positiveInt, seed } from '../util/option-schemas';
import { headModel } from './head-model';
import { SeededInitializers } from '../util/seeded-initializers';

/** Options of {@link createLinearHead} and the `linear` head plugin. */
export const linearHeadSchema = z
  .object({
    inputDim: positiveInt.describe('feature width F of the encoder'),
    outputDim: positiveInt.default(128).describe('embedding width D'),
    normalize: normalizeOutput,
    init,
    seed,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type LinearHeadOptions = z.input<typeof linearHeadSchema>;

/**
 * A linear projection `[B, F]` -> `[B, D]`, L2-normalised unless `normalize: false` (the reference PyTorch recipe's
 * `F.normalize(nn.Linear(F, 128)(h))`).
 */
export function createLinearHead(options: LinearHeadOptions): tfl.LayersModel {
  const parsed = parsePluginOptions(linearHeadSchema, options, { kind: 'head', id: 'linear' });
  const { inputDim, outputDim } = parsed;
  const init = new SeededInitializers(parsed.seed);
  const input = tfl.input({ shape: [inputDim] });
  const layerInit = init.layer(parsed.init, inputDim, false);
  const z = tfl.layers.dense({ units: outputDim, ...layerInit }).apply(input) as tfl.SymbolicTensor;
  return headModel(input, z, parsed.normalize, 'linear_head');
}

/** The `linear` head plugin. */
export const linearHeadPlugin = definePlugin({
  kind: 'head',
  id: 'linear',
  description: 'linear projection to outputDim, L2-normalised unless normalize: false',
  optionsSchema: linearHeadSchema,
  create: createLinearHead,
});
