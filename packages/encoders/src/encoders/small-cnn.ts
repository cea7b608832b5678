import { definePlugin, parsePluginOptions, z } from '@contrastive/core';
import * as tfl from '@tensorflow/tfjs-layers';
import { standardize } from '../layers/standardize';
import { imageInputShape, init, positiveInt, seed } from '../util/option-schemas';
import { SeededInitializers } from '../util/seeded-initializers';

/** Default feature width of the small CNN. */
export const SMALL_CNN_FEATURES = 128;
/** Default filters of the small CNN's two conv blocks. */
export const SMALL_CNN_CHANNELS: readonly number[] = [16, 32];

/** Options of {@link createSmallCnn} and the `small-cnn` encoder plugin. */
export const smallCnnSchema = z
  .object({
    inputShape: imageInputShape.describe('[H, W, C] with H, W >= 2^blocks (one 2x2 max-pool per block); any channel count; MNIST: [28, 28, 1]'),
    channels: z
      .array(positiveInt)
      .min(1)
      .default([...SMALL_CNN_CHANNELS])
      .describe('filters of each conv3x3-relu-maxpool block; [16, 32] is the reference PyTorch recipe\'s CNN'),
    features: positiveInt.default(SMALL_CNN_FEATURES).describe('width F of the fully connected feature layer'),
    init,
    normalize: z
      .object({ mean: z.array(z.number()).min(1), std: z.array(z.number().positive()).min(1) })
      .strict()
      .optional()
      .describe(
        'standardise inputs inside the model, (x - mean) / std per channel (e.g. Fashion-MNIST 0.286 / 0.353), so the model takes raw pixels and a padding crop pads with black, as torchvision does',
      ),
    seed,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type SmallCnnOptions = z.input<typeof smallCnnSchema>;

/**
 * The small MNIST-sized CNN of the reference PyTorch recipe (tools/bench/pytorch/seed_recipe.py):
 * `Conv2d(C,16,3,padding=1)`, ReLU, `MaxPool2d(2)`, `Conv2d(16,32,3,padding=1)`, ReLU,
 * `MaxPool2d(2)`, flatten, `Linear(32*H/4*W/4, 128)`, ReLU; NHWC: `[B, H, W, C]` -> `[B, F]`, with
 * the widths configurable. Convolutions and the dense layer carry their ReLU, so tfjs-layers runs
 * them as fused conv+bias+relu / matMul+bias+relu kernels.
 */
export function createSmallCnn(options: SmallCnnOptions): tfl.LayersModel {
  const parsed = parsePluginOptions(smallCnnSchema, options, { kind: 'encoder', id: 'small-cnn' });
  const { inputShape, channels, features, init: scheme, normalize } = parsed;
  const [height, width, inChannels] = inputShape;
  const minSide = 2 ** channels.length;
  if (height < minSide || width < minSide) {
    throw new Error(
      `encoder 'small-cnn': inputShape height and width must be >= ${minSide} (${channels.length} 2x2 max-pools), got [${inputShape.join(', ')}]`,
    );
  }
  const init = new SeededInitializers(parsed.seed);
  const input = tfl.input({ shape: inputShape });
  let x: tfl.SymbolicTensor = input;
  if (normalize) x = standardize(normalize).apply(x) as tfl.SymbolicTensor;
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
  // The tfjs model keeps its first name, which saved models and exported graphs carry.
  return tfl.model({ inputs: input, outputs: x, name: 'seed_cnn' });
}

/** `small-cnn` (formerly `seed-cnn`, which old configs may still name). */
export const smallCnnPlugin = definePlugin({
  kind: 'encoder',
  id: 'small-cnn',
  aliases: ['seed-cnn'],
  description:
    'small MNIST-sized CNN of the reference PyTorch recipe: conv3x3(16)-relu-pool, conv3x3(32)-relu-pool, fc 128 relu; widths configurable (channels, features), F = features',
  optionsSchema: smallCnnSchema,
  create: createSmallCnn,
});

/** @deprecated renamed {@link createSmallCnn}. */
export const createSeedCnn = createSmallCnn;
/** @deprecated renamed {@link SmallCnnOptions}. */
export type SeedCnnOptions = SmallCnnOptions;
/** @deprecated renamed {@link SMALL_CNN_FEATURES}. */
export const SEED_CNN_FEATURES = SMALL_CNN_FEATURES;
/** @deprecated renamed {@link SMALL_CNN_CHANNELS}. */
export const SEED_CNN_CHANNELS = SMALL_CNN_CHANNELS;
/** @deprecated renamed {@link smallCnnPlugin}. */
export const seedCnnPlugin = smallCnnPlugin;
