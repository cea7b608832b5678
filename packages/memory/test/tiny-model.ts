import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { MomentumModel } from '../src/moco/momentum-model';

/**
 * A minimal query/key model for tests: flatten -> dense (-> optional batch norm) -> L2
 * normalise. Shaped like `ContrastiveModel` as far as MoCo is concerned; it has no
 * `momentumUpdateFrom`, so the generic EMA is exercised.
 */
export class TinyModel implements MomentumModel {
  private constructor(
    readonly net: tfl.LayersModel,
    private readonly spec: { inputShape: number[]; outputDim: number; batchNorm: boolean },
  ) {}

  static create(inputShape: number[], outputDim: number, seed: number, batchNorm = false): TinyModel {
    const layers: tfl.layers.Layer[] = [
      tfl.layers.flatten({ inputShape }),
      tfl.layers.dense({
        units: outputDim,
        kernelInitializer: tfl.initializers.glorotNormal({ seed }),
        biasInitializer: 'zeros',
      }),
    ];
    if (batchNorm) layers.push(tfl.layers.batchNormalization());
    return new TinyModel(tfl.sequential({ layers }), { inputShape, outputDim, batchNorm });
  }

  embed(x: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const out = this.net.apply(x, { training: true }) as tf.Tensor2D;
      return tf.div(out, tf.maximum(tf.norm(out, 'euclidean', 1, true), 1e-12)) as tf.Tensor2D;
    });
  }

  clone(): TinyModel {
    const copy = TinyModel.create(this.spec.inputShape, this.spec.outputDim, 0, this.spec.batchNorm);
    const weights = this.net.getWeights();
    copy.net.setWeights(weights);
    return copy;
  }

  get trainableWeights() {
    return this.net.trainableWeights;
  }

  get weights() {
    return this.net.weights;
  }

  /** The query-side variables an optimizer updates. */
  variables(): tf.Variable[] {
    return this.net.trainableWeights.map((w) => w.read() as tf.Variable);
  }

  dispose(): void {
    this.net.dispose();
  }
}
