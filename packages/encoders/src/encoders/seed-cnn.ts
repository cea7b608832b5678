import * as tfl from '@tensorflow/tfjs-layers';
import { SeededInitializers } from '../util/seeded-initializers';
import { validateInputShape } from '../util/validate';

/** Options of {@link createSeedCnn}. */
export interface SeedCnnOptions {
  /** `[H, W, C]` with H, W >= 4 (two 2x2 max-pools); any channel count. MNIST: `[28, 28, 1]`. */
  inputShape: number[];
  /** Initialisation seed: the same seed gives the same weights. Default 0. */
  seed?: number | string;
}

/** Feature width of the seed CNN. */
export const SEED_CNN_FEATURES = 128;

const WHO = "encoder 'seed-cnn'";

/**
 * The seeds' MNIST CNN (PyTorch `Conv2d(C,16,3,padding=1)`, ReLU, `MaxPool2d(2)`,
 * `Conv2d(16,32,3,padding=1)`, ReLU, `MaxPool2d(2)`, flatten, `Linear(32*H/4*W/4, 128)`, ReLU),
 * NHWC: `[B, H, W, C]` -> `[B, 128]`. Convolutions and the dense layer carry their ReLU, so
 * tfjs-layers runs them as fused conv+bias+relu / matMul+bias+relu kernels at inference.
 */
export function createSeedCnn(options: SeedCnnOptions): tfl.LayersModel {
  const inputShape = validateInputShape(options.inputShape, WHO, 3, '[height, width, channels], NHWC');
  const [height, width] = inputShape;
  if (height < 4 || width < 4) {
    throw new Error(`${WHO}: inputShape height and width must be >= 4 (two 2x2 max-pools), got [${inputShape.join(', ')}]`);
  }
  const init = new SeededInitializers(options.seed ?? 0);
  const input = tfl.input({ shape: inputShape });
  let x = tfl.layers
    .conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init.he() })
    .apply(input) as tfl.SymbolicTensor;
  x = tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers
    .conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init.he() })
    .apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.flatten().apply(x) as tfl.SymbolicTensor;
  x = tfl.layers
    .dense({ units: SEED_CNN_FEATURES, activation: 'relu', kernelInitializer: init.he() })
    .apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: x, name: 'seed_cnn' });
}
