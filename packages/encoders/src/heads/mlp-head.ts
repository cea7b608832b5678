import * as tfl from '@tensorflow/tfjs-layers';
import { l2Normalize } from '../layers/l2-normalize';
import { SeededInitializers, type InitScheme } from '../util/seeded-initializers';
import { checkPositiveInt } from '../util/validate';

/** Options of {@link createMlpHead}. */
export interface MlpHeadOptions {
  /** Feature width F of the encoder. */
  inputDim: number;
  /** Embedding width D. Default 128. */
  outputDim?: number;
  /** Width of the hidden layers. Default `inputDim` (SupContrast's `Linear(dim_in, dim_in)`). */
  hiddenDim?: number;
  /** Number of linear layers, >= 2. Default 2 (SupContrast); SimCLR v2 uses 3. */
  layers?: number;
  /**
   * SimCLR v2 style: hidden layers are Linear (no bias) - BatchNorm - ReLU and the last layer is
   * Linear without bias (and without ReLU). Default false: Linear - ReLU - ... - Linear with biases.
   */
  batchNorm?: boolean;
  /** Weight initialisation (`he`: He before ReLU, Glorot last, zero biases; `torch`: PyTorch's default). Default `he`. */
  init?: InitScheme;
  /** Initialisation seed. Default 0. */
  seed?: number | string;
}

/**
 * The non-linear projection head, L2-normalised: SupContrast's `Linear(F, F) - ReLU - Linear(F, 128)`
 * by default, SimCLR v2's batch-normalised variant with `batchNorm: true`.
 */
export function createMlpHead(options: MlpHeadOptions): tfl.LayersModel {
  const who = "head 'mlp'";
  const inputDim = checkPositiveInt(options.inputDim, 'inputDim', who);
  const outputDim = checkPositiveInt(options.outputDim ?? 128, 'outputDim', who);
  const hiddenDim = checkPositiveInt(options.hiddenDim ?? inputDim, 'hiddenDim', who);
  const layers = checkPositiveInt(options.layers ?? 2, 'layers', who);
  if (layers < 2) throw new Error(`${who}: layers must be >= 2 (use head 'linear' for one layer), got ${layers}`);
  const batchNorm = options.batchNorm ?? false;
  const scheme = options.init ?? 'he';
  const init = new SeededInitializers(options.seed ?? 0);

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
  return tfl.model({ inputs: input, outputs: l2Normalize().apply(x) as tfl.SymbolicTensor, name: 'mlp_head' });
}
