import { firstViewAugmentation } from '@contrastive/augment';
import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom } from '@contrastive/core';
import { runCheckpointedTraining } from './checkpointed-training';
import { checkTrainableModel, hasFeatureDim } from './model-capabilities';
import { asVariable } from './model-weights';
import { crossEntropy, SoftmaxClassifier } from './softmax-classifier';
import { stepRandom } from './step-randomness';
import type { Trainer, TrainingBudget, TrainingParts, TrainingRunOptions, TrainPlan } from './trainer';
import type { TrainingHistory } from './training-state';

const CHECKPOINT_KIND = 'cross-entropy-trainer';
const WHO = 'the cross-entropy trainer';

/**
 * The baseline the SupCon paper compares against: the same encoder trained end to end with a
 * linear softmax classifier on its features and cross-entropy, on one augmented view. It has
 * its own objective, so it takes no contrastive loss or negative strategy; it checkpoints the
 * model, the classifier and the optimizer, and resumes like the contrastive trainer.
 */
export class CrossEntropyTrainer implements Trainer {
  readonly id = 'cross-entropy';

  validate(plan: TrainPlan): void {
    if (plan.strategy || plan.loss) {
      throw new Error(
        "trainer 'cross-entropy' is the experiment's baseline stage: it trains with softmax cross-entropy and takes " +
          "no negative strategy or contrastive loss (use trainer 'contrastive' for pre-training)",
      );
    }
    if (plan.numClasses < 2) {
      throw new Error(`trainer 'cross-entropy' needs at least 2 classes, the dataset has ${plan.numClasses}`);
    }
  }

  async train(parts: TrainingParts, budget: TrainingBudget, options: TrainingRunOptions): Promise<TrainingHistory> {
    const { model, optimizer, schedule } = parts;
    // One view per sample: a view generator (BYOL views, multi-crop) stands in with its first view.
    const augment = firstViewAugmentation(parts.augment);
    checkTrainableModel(model, WHO);
    if (!hasFeatureDim(model)) {
      throw new Error(`${WHO} needs model.featureDim (the width of the encoder's features) to size its classifier`);
    }
    const { data } = budget;
    const { seed, numClasses } = options;
    if (numClasses === undefined || !Number.isInteger(numClasses) || numClasses < 2) {
      throw new Error(`${WHO} needs options.numClasses >= 2 (the classes of the data), got ${String(numClasses)}`);
    }
    const classifier = new SoftmaxClassifier(model.featureDim, numClasses, new SeededRandom(`${seed}/ce-head`));
    const variables = [...model.trainableWeights.map(asVariable), ...classifier.variables];
    try {
      return await runCheckpointedTraining({
        kind: CHECKPOINT_KIND,
        trainerName: WHO,
        budget,
        options,
        schedule,
        state: { model, optimizer, ownWeights: { classifier: classifier.variables } },
        runStep: (indices, step, learningRate) => {
          const rng = stepRandom(seed, step);
          return tf.tidy(() => {
            const { x, labels } = data.batch(indices);
            const view = augment.apply(x, rng);
            const { value, grads } = tf.variableGrads(
              () => crossEntropy(classifier.logits(model.features(view, true)), labels),
              variables,
            );
            optimizer.applyGradients(variables, grads, learningRate);
            return value;
          });
        },
      });
    } finally {
      classifier.dispose();
    }
  }
}
