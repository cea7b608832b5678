import * as tf from '@tensorflow/tfjs-core';
import { asViewGenerator } from '@contrastive/augment';
import { asVariable } from '../trainers/model-weights';
import { runCheckpointedTraining } from '../trainers/checkpointed-training';
import { stepRandom } from '../trainers/step-randomness';
import type { TrainableModel } from '../trainers/trainable-model';
import type { Trainer, TrainingBudget, TrainingParts, TrainingRunOptions, TrainPlan } from '../trainers/trainer';
import type { BatchSource } from '../trainers/batch-source';
import type { TrainingHistory } from '../trainers/training-state';
import type { Paradigm } from './paradigm';

/**
 * Pre-training with a {@link Paradigm} (BYOL, SimSiam, DINO, proxy losses): the trainer makes the
 * views (per-view pipelines and multi-crop groups included), runs the paradigm's loss under the
 * optimizer with the model's variables and the paradigm's own (predictor, prototypes, proxies),
 * then lets the paradigm update its target network. The shared checkpointed loop saves model,
 * optimizer and the paradigm's state (`paradigm/`), so a resumed run continues the straight run's
 * loss curve; a checkpoint of another paradigm is refused (its kind names the paradigm).
 */
export class ParadigmTrainer implements Trainer {
  readonly id: string;

  constructor(private readonly makeParadigm: () => Paradigm) {
    const probe = makeParadigm();
    this.id = probe.id;
    probe.dispose();
  }

  validate(plan: TrainPlan): void {
    const paradigm = this.makeParadigm();
    try {
      paradigm.validate?.({ views: plan.views, batchSize: plan.batchSize, numClasses: plan.numClasses });
    } finally {
      paradigm.dispose();
    }
  }

  async train(parts: TrainingParts, budget: TrainingBudget, options: TrainingRunOptions): Promise<TrainingHistory> {
    const { model, optimizer, schedule } = parts;
    const { data, epochs } = budget;
    const { seed } = options;
    const who = `trainer '${this.id}'`;
    if (options.views === undefined) throw new Error(`${who} needs options.views (augmented views per sample)`);
    const views = asViewGenerator(parts.augment, options.views);
    const paradigm = this.makeParadigm();
    let variables: tf.Variable[] = [];
    try {
      return await runCheckpointedTraining({
        kind: `paradigm-trainer/${this.id}`,
        trainerName: who,
        budget,
        options,
        schedule,
        state: {
          model,
          optimizer,
          ownState: { prefix: 'paradigm', getState: () => paradigm.getState(), setState: (state) => paradigm.setState(state) },
        },
        prepare: () => {
          const { inputShape, embeddingDim } = probeShapes(model, data);
          paradigm.attach({
            model,
            inputShape,
            embeddingDim,
            numClasses: options.numClasses ?? 0,
            totalSteps: epochs * data.stepsPerEpoch,
            stepsPerEpoch: data.stepsPerEpoch,
            seed,
          });
          variables = [...model.trainableWeights.map(asVariable), ...paradigm.trainableVariables];
        },
        runStep: (indices, step, learningRate) => {
          const rng = stepRandom(seed, step);
          const epoch = Math.floor(step / data.stepsPerEpoch);
          const loss = tf.tidy(() => {
            const { x, labels } = data.batch(indices);
            const groups = views.generate(x, rng);
            const { value, grads } = tf.variableGrads(
              () => paradigm.loss({ groups, labels: paradigm.supervised ? labels : undefined, step, epoch }),
              variables,
            );
            optimizer.applyGradients(variables, grads, learningRate);
            return value;
          });
          paradigm.afterStep(step);
          return loss;
        },
      });
    } finally {
      paradigm.dispose();
    }
  }
}

/** The model's input shape (from one example) and embedding width (one inference pass). */
function probeShapes(model: TrainableModel, data: BatchSource): { inputShape: number[]; embeddingDim: number } {
  const { x, labels } = data.batch(Int32Array.of(0));
  try {
    const embeddings = tf.tidy(() => model.embedViews(tf.expandDims(x, 1), false));
    const embeddingDim = embeddings.shape[2] as number;
    embeddings.dispose();
    return { inputShape: x.shape.slice(1), embeddingDim };
  } finally {
    tf.dispose([x, labels]);
  }
}
