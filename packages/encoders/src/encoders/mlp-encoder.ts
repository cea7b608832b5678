import * as tfl from '@tensorflow/tfjs-layers';
import type { Activation } from '../util/activations';
import { SeededInitializers } from '../util/seeded-initializers';
import { validateInputShape } from '../util/validate';

/** Options of {@link createMlpEncoder}. */
export interface MlpEncoderOptions {
  /** Per-example input shape (without batch axis); inputs of rank > 1 are flattened first. */
  inputShape: number[];
  /** Width of each hidden layer; the last is the feature width F. Default `[256, 128]`. */
  widths?: number[];
  /** Activation after every layer (including the last: features are post-activation). Default `relu`. */
  activation?: Activation;
  /** Batch norm between each linear layer and its activation (the linear layer then has no bias). */
  batchNorm?: boolean;
  /** Dropout rate after each activation, in [0, 1). Default 0 (none). */
  dropout?: number;
  /** Initialisation seed: the same seed gives the same weights. Default 0. */
  seed?: number | string;
}

const WHO = "encoder 'mlp'";

/** A multi-layer perceptron encoder: `[B, ...inputShape]` -> `[B, widths.at(-1)]`. */
export function createMlpEncoder(options: MlpEncoderOptions): tfl.LayersModel {
  const inputShape = validateInputShape(options.inputShape, WHO);
  const widths = options.widths ?? [256, 128];
  if (!Array.isArray(widths) || widths.length === 0 || widths.some((w) => !Number.isInteger(w) || w <= 0)) {
    throw new Error(`${WHO}: widths must be a non-empty array of positive integers, got ${JSON.stringify(widths)}`);
  }
  const dropout = options.dropout ?? 0;
  if (!(dropout >= 0 && dropout < 1)) throw new Error(`${WHO}: dropout must be in [0, 1), got ${dropout}`);
  const activation = options.activation ?? 'relu';
  const batchNorm = options.batchNorm ?? false;
  const init = new SeededInitializers(options.seed ?? 0);

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
