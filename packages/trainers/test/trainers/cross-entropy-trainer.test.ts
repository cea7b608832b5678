import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, readWeight } from '@contrastive/core';
import { Experiment, MemoryCheckpointStore, type ExperimentModel } from '../../src';
import { blobDataset, fullRegistry, onCpu, tinyConfig } from '../support/fixtures';

beforeAll(onCpu);

async function weightsOf(model: ExperimentModel): Promise<number[][]> {
  return Promise.all(model.weights.map(async (w) => Array.from(await readWeight(w).data())));
}

describe('CrossEntropyTrainer: checkpoints and resume like pre-training', () => {
  const experiment = () => new Experiment(tinyConfig({ id: 'in-batch' }), fullRegistry(), blobDataset());

  it('stopped at a step and resumed from its checkpoint, it ends where a straight run ends', async () => {
    const straightModel = experiment().buildModel(2);
    const straight = await experiment().trainCrossEntropy(straightModel);
    const expected = await weightsOf(straightModel);
    straightModel.dispose();

    const store = new MemoryCheckpointStore();
    const first = experiment().buildModel(2);
    const stopped = await experiment().trainCrossEntropy(first, {
      checkpoint: { store },
      callbacks: [{ onStepEnd: ({ step, control }) => (step === 4 ? control.stop('test interrupt') : undefined) }],
    });
    first.dispose();
    expect(stopped.stopReason).toBe('test interrupt');
    expect(stopped.loss).toHaveLength(5);

    const second = experiment().buildModel(2);
    const starts: number[] = [];
    const resumed = await experiment().trainCrossEntropy(second, {
      checkpoint: { store },
      resume: true,
      callbacks: [{ onTrainBegin: ({ startStep }) => void starts.push(startStep) }],
    });
    expect(starts).toEqual([5]);
    expect(resumed.loss).toEqual(straight.loss);
    expect(resumed.epochLoss).toEqual(straight.epochLoss);
    expect(await weightsOf(second)).toEqual(expected);
    second.dispose();
  });

  it('refuses a pre-training checkpoint', async () => {
    const store = new MemoryCheckpointStore();
    const model = experiment().buildModel();
    await experiment().pretrain(model, { checkpoint: { store } });
    await expect(experiment().trainCrossEntropy(model, { checkpoint: { store }, resume: true })).rejects.toThrow(
      new ConfigError(
        "cannot resume: the checkpoint was written by 'contrastive-trainer', not the cross-entropy trainer",
        'checkpoint',
      ),
    );
    model.dispose();
  });

  it('keeps tf.memory() flat across steps and runs, checkpoints included', async () => {
    const model = experiment().buildModel(2);
    const counts: number[] = [];
    const run = () =>
      experiment().trainCrossEntropy(model, {
        checkpoint: { store: new MemoryCheckpointStore(), everySteps: 3 },
        callbacks: [{ onStepEnd: ({ step }) => void (step % 4 === 3 && counts.push(tf.memory().numTensors)) }],
      });
    await run();
    const after = tf.memory().numTensors;
    await run();
    // The optimizer is disposed by the experiment, the classifier by the trainer.
    expect(tf.memory().numTensors).toBe(after);
    expect(new Set(counts).size).toBe(1);
    model.dispose();
  });

  it('takes no contrastive loss or negative strategy: configured for pre-training, it says so', () => {
    const config = tinyConfig({ id: 'in-batch' }, { trainer: { id: 'cross-entropy', options: {} } });
    expect(() => new Experiment(config, fullRegistry(), blobDataset())).toThrow(
      /^trainer 'cross-entropy': trainer 'cross-entropy' is the experiment's baseline stage: .*takes no negative strategy or contrastive loss/,
    );
  });
});
