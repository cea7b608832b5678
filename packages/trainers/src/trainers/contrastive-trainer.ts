import * as tf from '@tensorflow/tfjs-core';
import { asViewGenerator, stackedViews } from '@contrastive/augment';
import type { ContrastiveLoss } from '@contrastive/losses';
import type { NegativeStrategy } from '@contrastive/memory';
import { runCheckpointedTraining } from './checkpointed-training';
import { embedTrainingSet } from './initial-entries';
import { checkTrainableModel, modelForStrategy } from './model-capabilities';
import { asVariable } from './model-weights';
import { stepRandom } from './step-randomness';
import type { Trainer, TrainingBudget, TrainingParts, TrainingRunOptions, TrainPlan } from './trainer';
import type { TrainingHistory } from './training-state';

/** Options of {@link ContrastiveTrainer}. */
export interface ContrastiveTrainerOptions {
  /** Pass labels to the strategy/loss (SupCon); false for self-supervised (SimCLR). Default true. */
  supervised?: boolean;
}

const CHECKPOINT_KIND = 'contrastive-trainer';
const WHO = 'the contrastive trainer';

/**
 * Contrastive pre-training: each step samples a batch, makes V augmented views, embeds them
 * with encoder + head, lets the negative strategy build the contrast set and the loss, and
 * applies the optimizer at the schedule's learning rate (`variableGrads` + `applyGradients`).
 * The strategy's `update` commits its memory after the step. Every random draw derives from
 * (seed, step), so resume is exact.
 */
export class ContrastiveTrainer implements Trainer {
  readonly id = 'contrastive';
  private readonly supervised: boolean;

  constructor(options: ContrastiveTrainerOptions = {}) {
    this.supervised = options.supervised ?? true;
  }

  validate(plan: TrainPlan): void {
    if (!plan.strategy) throw new Error("trainer 'contrastive' needs a negative strategy (config.strategy)");
    if (!plan.loss) throw new Error("trainer 'contrastive' needs a loss (config.loss)");
    plan.strategy.validate?.({
      loss: plan.loss,
      batchSize: plan.batchSize,
      views: plan.views,
      datasetSize: plan.data.size,
      supervised: this.supervised,
    });
    if (plan.strategy.needs.momentumModel && plan.model) modelForStrategy(plan.model(), plan.strategy);
  }

  async train(parts: TrainingParts, budget: TrainingBudget, options: TrainingRunOptions): Promise<TrainingHistory> {
    const { model, augment, optimizer, schedule, strategy, loss } = parts;
    if (!strategy) throw new Error(`${WHO} needs parts.strategy (a negative strategy)`);
    if (!loss) throw new Error(`${WHO} needs parts.loss`);
    if (options.views === undefined) throw new Error(`${WHO} needs options.views (augmented views per sample)`);
    checkTrainableModel(model, WHO);
    const { data } = budget;
    const { seed } = options;
    const supervised = this.supervised;
    const multiView = asViewGenerator(augment, options.views);
    const variables = model.trainableWeights.map(asVariable);
    const momentumModel = modelForStrategy(model, strategy);
    return runCheckpointedTraining({
      kind: CHECKPOINT_KIND,
      trainerName: WHO,
      budget,
      options,
      schedule,
      state: { model, optimizer, strategy },
      prepare: (resuming) =>
        strategy.attach({
          model: momentumModel,
          totalSteps: budget.epochs * data.stepsPerEpoch,
          initialEntries: () => embedTrainingSet(model, data, supervised),
          resuming,
        }),
      // The strategy's commit may read back to the host (the memory bank): awaited, never synchronous.
      runStep: async (indices, step, learningRate) => {
        const rng = stepRandom(seed, step);
        const lossTensor = tf.tidy(() => {
          const { x, labels } = data.batch(indices);
          const views = stackedViews(multiView.generate(x, rng), WHO);
          const { value, grads } = tf.variableGrads(
            () => contrastiveLoss(strategy, loss, model.embedViews(views, true), supervised ? labels : undefined, indices, views),
            variables,
          );
          optimizer.applyGradients(variables, grads, learningRate);
          return value;
        });
        await strategy.update();
        return lossTensor;
      },
    });
  }
}

/** The step's loss: the strategy builds the contrast set from what it says it needs. */
function contrastiveLoss(
  strategy: NegativeStrategy,
  loss: ContrastiveLoss,
  embeddings: tf.Tensor,
  labels: tf.Tensor1D | undefined,
  indices: Int32Array,
  views: tf.Tensor,
): tf.Scalar {
  return strategy.loss(
    {
      embeddings,
      labels,
      indices: strategy.needs.indices ? indices : undefined,
      views: strategy.needs.views ? views : undefined,
    },
    loss,
  );
}
