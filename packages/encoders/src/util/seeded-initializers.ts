import { SeededRandom } from '@contrastive/core';
import * as tfl from '@tensorflow/tfjs-layers';

type Initializer = ReturnType<typeof tfl.initializers.zeros>;

/**
 * How a layer's weights start:
 * - `he`: He-normal kernels (tfjs' truncated normal, std sqrt(2 / fan_in)) before a ReLU, Glorot-uniform
 *   for a last linear layer, zero biases (the Keras / tfjs-layers family);
 * - `torch`: PyTorch's `nn.Conv2d` / `nn.Linear` default, kernel and bias both U(-1/sqrt(fan_in), 1/sqrt(fan_in))
 *   (`kaiming_uniform_(a=sqrt(5))`), whatever follows the layer.
 */
export const INIT_SCHEMES = ['he', 'torch'] as const;
/** A weight initialisation scheme. */
export type InitScheme = (typeof INIT_SCHEMES)[number];

/** A layer's kernel and bias initialisers. */
export interface LayerInitializers {
  kernelInitializer: Initializer;
  biasInitializer: Initializer;
}

/**
 * Hands out tfjs-layers initialisers whose seeds are drawn, in construction order, from one
 * `SeededRandom`: building the same architecture with the same seed gives the same weights.
 */
export class SeededInitializers {
  private readonly random: SeededRandom;

  constructor(seed: number | string) {
    this.random = new SeededRandom(`${seed}/init`);
  }

  /** He (Kaiming) normal, for kernels followed by ReLU (torchvision's ResNet uses the same family). */
  he(): ReturnType<typeof tfl.initializers.heNormal> {
    return tfl.initializers.heNormal({ seed: this.random.nextSeed() });
  }

  /** Glorot (Xavier) uniform, for linear layers (Keras' default). */
  glorot(): ReturnType<typeof tfl.initializers.glorotUniform> {
    return tfl.initializers.glorotUniform({ seed: this.random.nextSeed() });
  }

  /**
   * Kernel and bias initialisers of a conv / dense layer with `fanIn` inputs per output under `scheme`;
   * `beforeRelu` picks He over Glorot in the `he` scheme. The `he` scheme draws exactly the seeds
   * `he()` / `glorot()` draw, so models built before schemes existed keep their weights.
   */
  layer(scheme: InitScheme, fanIn: number, beforeRelu: boolean): LayerInitializers {
    if (scheme === 'torch') {
      const bound = 1 / Math.sqrt(fanIn);
      return {
        // U(-sqrt(3 * scale / fan_in), +...) with scale 1/3 is U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
        kernelInitializer: tfl.initializers.varianceScaling({
          scale: 1 / 3,
          mode: 'fanIn',
          distribution: 'uniform',
          seed: this.random.nextSeed(),
        }),
        biasInitializer: tfl.initializers.randomUniform({ minval: -bound, maxval: bound, seed: this.random.nextSeed() }),
      };
    }
    return { kernelInitializer: beforeRelu ? this.he() : this.glorot(), biasInitializer: tfl.initializers.zeros() };
  }

  /** A seed for a stochastic layer (dropout). */
  seed(): number {
    return this.random.nextSeed();
  }
}
