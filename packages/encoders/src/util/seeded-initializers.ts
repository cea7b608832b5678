import { SeededRandom } from '@contrastive/core';
import * as tfl from '@tensorflow/tfjs-layers';

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

  /** A seed for a stochastic layer (dropout). */
  seed(): number {
    return this.random.nextSeed();
  }
}
