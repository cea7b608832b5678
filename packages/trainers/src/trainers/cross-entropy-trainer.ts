import * as tf from '@tensorflow/tfjs-core';
import type { Augmentation } from '@contrastive/augment';
import { SeededRandom } from '@contrastive/core';
import type { TrainerCallback } from '../callbacks/callback';
import type { Optimizer } from '../optim/optimizer';
import type { LearningRateSchedule } from '../schedule/schedule';
import type { BatchSource } from './batch-source';
import { asVariable } from './model-weights';
import { crossEntropy, SoftmaxClassifier } from './softmax-classifier';
import { stepRandom } from './step-randomness';
import { runTrainingLoop } from './training-loop';
import type { TrainingHistory } from './training-state';
import type { TrainableModel } from './trainable-model';

export interface CrossEntropyTrainerParts {
  model: TrainableModel;
  augment: Augmentation;
  optimizer: Optimizer;
  schedule: LearningRateSchedule;
  numClasses: number;
  featureDim: number;
}

/**
 * The baseline the SupCon paper compares against: the same encoder trained end to end with a
 * linear softmax classifier on its features and cross-entropy, on one augmented view.
 */
export class CrossEntropyTrainer {
  readonly classifier: SoftmaxClassifier;

  constructor(
    private readonly parts: CrossEntropyTrainerParts,
    seed = 0,
  ) {
    this.classifier = new SoftmaxClassifier(
      parts.featureDim,
      parts.numClasses,
      new SeededRandom(`${seed}/ce-head`),
    );
  }

  async fit(
    data: BatchSource,
    options: {
      epochs: number;
      seed: number;
      callbacks?: TrainerCallback[];
      /** Steps between host reads of the loss (default: 1 on CPU backends, 10 on GPU ones). */
      lossReadEvery?: number;
    },
  ): Promise<TrainingHistory> {
    const { model, augment, optimizer, schedule } = this.parts;
    const variables = [...model.trainableWeights.map(asVariable), ...this.classifier.variables];
    return runTrainingLoop({
      data,
      epochs: options.epochs,
      seed: options.seed,
      schedule,
      callbacks: options.callbacks,
      readEvery: options.lossReadEvery,
      runStep: (indices, step, learningRate) => {
        const rng = stepRandom(options.seed, step);
        return tf.tidy(() => {
          const { x, labels } = data.batch(indices);
          const view = augment.apply(x, rng);
          const { value, grads } = tf.variableGrads(
            () => crossEntropy(this.classifier.logits(model.features(view, true)), labels),
            variables,
          );
          optimizer.applyGradients(variables, grads, learningRate);
          return value;
        });
      },
    });
  }

  /**
   * Classification accuracy of encoder + trained classifier on a split: the hits are summed on the
   * device and read once, asynchronously.
   */
  async accuracy(data: BatchSource, allIndices: Int32Array, batchSize = 512): Promise<number> {
    let correct = tf.scalar(0, 'int32');
    for (let start = 0; start < allIndices.length; start += batchSize) {
      const indices = allIndices.subarray(start, start + batchSize);
      const total = tf.tidy(() => {
        const { x, labels } = data.batch(indices);
        const predicted = tf.argMax(this.classifier.logits(this.parts.model.features(x, false)), 1);
        return tf.add(correct, tf.sum(tf.cast(tf.equal(predicted, tf.cast(labels, 'int32')), 'int32')));
      });
      correct.dispose();
      correct = total as tf.Scalar;
    }
    const hits = (await correct.data())[0];
    correct.dispose();
    return hits / allIndices.length;
  }

  dispose(): void {
    this.classifier.dispose();
  }
}
