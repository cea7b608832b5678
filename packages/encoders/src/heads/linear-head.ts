import * as tfl from '@tensorflow/tfjs-layers';
import { l2Normalize } from '../layers/l2-normalize';
import { SeededInitializers, type InitScheme } from '../util/seeded-initializers';
import { checkPositiveInt } from '../util/validate';

/** Options of {@link createLinearHead}. */
export interface LinearHeadOptions {
  /** Feature width F of the encoder. */
  inputDim: number;
  /** Embedding width D. Default 128. */
  outputDim?: number;
  /** Weight initialisation (`he`: Glorot-uniform kernel, zero bias; `torch`: PyTorch's `nn.Linear` default). Default `he`. */
  init?: InitScheme;
  /** Initialisation seed. Default 0. */
  seed?: number | string;
}

/** A linear projection `[B, F]` -> `[B, D]`, L2-normalised (the seeds' `F.normalize(nn.Linear(F, 128)(h))`). */
export function createLinearHead(options: LinearHeadOptions): tfl.LayersModel {
  const who = "head 'linear'";
  const inputDim = checkPositiveInt(options.inputDim, 'inputDim', who);
  const outputDim = checkPositiveInt(options.outputDim ?? 128, 'outputDim', who);
  const init = new SeededInitializers(options.seed ?? 0);
  const input = tfl.input({ shape: [inputDim] });
  const layerInit = init.layer(options.init ?? 'he', inputDim, false);
  const z = tfl.layers.dense({ units: outputDim, ...layerInit }).apply(input) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: l2Normalize().apply(z) as tfl.SymbolicTensor, name: 'linear_head' });
}
