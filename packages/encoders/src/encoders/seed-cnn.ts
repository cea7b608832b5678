import * as tfl from '@tensorflow/tfjs-layers';
import { standardize } from '../layers/standardize';
import { SeededInitializers, type InitScheme } from '../util/seeded-initializers';
import { checkPositiveInt, validateInputShape } from '../util/validate';

/** Options of {@link createSeedCnn}. */
export interface SeedCnnOptions {
  /** `[H, W, C]` with H, W >= 2^blocks (one 2x2 max-pool per block); any channel count. MNIST: `[28, 28, 1]`. */
  inputShape: number[];
  /** Filters of each conv block (conv 3x3 - ReLU - max-pool 2). Default `[16, 32]` (the seeds' CNN). */
  channels?: number[];
  /** Width F of the fully connected feature layer. Default 128. */
  features?: number;
  /** Weight initialisation ({@link InitScheme}). Default `he`. */
  init?: InitScheme;
  /**
   * Standardise inputs inside the model, `(x - mean) / std` per channel (e.g. Fashion-MNIST's 0.286 / 0.353), so
   * the model takes raw pixels everywhere and a padding crop pads with black, as torchvision's Normalize does.
   */
  normalize?: { mean: number[]; std: number[] };
  /** Initialisation seed: the same seed gives the same weights. Default 0. */
  seed?: number | string;
}

/** Default feature width of the seed CNN. */
export const SEED_CNN_FEATURES = 128;
/** Default filters of the seed CNN's two conv blocks. */
export const SEED_CNN_CHANNELS: readonly number[] = [16, 32];

const WHO = "encoder 'seed-cnn'";

/**
 * The seeds' MNIST CNN (PyTorch `Conv2d(C,16,3,padding=1)`, ReLU, `MaxPool2d(2)`,
 * `Conv2d(16,32,3,padding=1)`, ReLU, `MaxPool2d(2)`, flatten, `Linear(32*H/4*W/4, 128)`, ReLU),
 * NHWC: `[B, H, W, C]` -> `[B, F]`, with the widths configurable. Convolutions and the dense layer
 * carry their ReLU, so tfjs-layers runs them as fused conv+bias+relu / matMul+bias+relu kernels.
 */
export function createSeedCnn(options: SeedCnnOptions): tfl.LayersModel {
  const inputShape = validateInputShape(options.inputShape, WHO, 3, '[height, width, channels], NHWC');
  const channels = options.channels ?? SEED_CNN_CHANNELS;
  if (!Array.isArray(channels) || channels.length === 0) {
    throw new Error(`${WHO}: channels must be a non-empty array of positive integers, got ${JSON.stringify(channels)}`);
  }
  channels.forEach((c, i) => checkPositiveInt(c, `channels[${i}]`, WHO));
  const features = checkPositiveInt(options.features ?? SEED_CNN_FEATURES, 'features', WHO);
  const scheme = options.init ?? 'he';
  const [height, width, inChannels] = inputShape;
  const minSide = 2 ** channels.length;
  if (height < minSide || width < minSide) {
    throw new Error(
      `${WHO}: inputShape height and width must be >= ${minSide} (${channels.length} 2x2 max-pools), got [${inputShape.join(', ')}]`,
    );
  }
  const init = new SeededInitializers(options.seed ?? 0);
  const input = tfl.input({ shape: inputShape });
  let x: tfl.SymbolicTensor = input;
  if (options.normalize) x = standardize(options.normalize).apply(x) as tfl.SymbolicTensor;
  let [h, w, c] = [height, width, inChannels];
  for (const filters of channels) {
    x = tfl.layers
      .conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', ...init.layer(scheme, 9 * c, true) })
      .apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }).apply(x) as tfl.SymbolicTensor;
    [h, w, c] = [Math.floor(h / 2), Math.floor(w / 2), filters];
  }
  x = tfl.layers.flatten().apply(x) as tfl.SymbolicTensor;
  x = tfl.layers
    .dense({ units: features, activation: 'relu', ...init.layer(scheme, h * w * c, true) })
    .apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: x, name: 'seed_cnn' });
}
