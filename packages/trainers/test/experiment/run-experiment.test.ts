import * as tf from '@tensorflow/tfjs-core';
import {
  Experiment,
  ExperimentInterrupted,
  MemoryCheckpointStore,
  type ExperimentCallbacks,
  type ExperimentResult,
} from '../../src';
import { supConPlugin } from '@contrastive/losses';
import { blobDataset, fullRegistry, onCpu, tinyConfig } from '../support/fixtures';

beforeAll(onCpu);

const config = tinyConfig({ id: 'in-batch' }, { probe: { epochs: 2, batchSize: 32, learningRate: 0.05 } });
const experiment = () => new Experiment(config, fullRegistry(), blobDataset());

/** A result without what legitimately differs between runs: timings and elapsed times. */
function comparable(result: ExperimentResult): unknown {
  const { timings, histories, ...rest } = result;
  const withoutTime = ({ elapsedMs, ...history }: { elapsedMs: number }) => history;
  return {
    ...rest,
    histories: {
      contrastive: withoutTime(histories.contrastive),
      crossEntropy: histories.crossEntropy && withoutTime(histories.crossEntropy),
    },
  };
}

describe('Experiment.run: the whole recipe, observed through callbacks', () => {
  let straight: ExperimentResult;
  let events: string[];

  beforeAll(async () => {
    events = [];
    const seen = (event: string) => () => void events.push(event);
    const callbacks: ExperimentCallbacks = {
      onStageStart: (stage) => void events.push(`start ${stage}`),
      onStageEnd: (stage) => void events.push(`end ${stage}`),
      onTrainingStart: (stage, { totalSteps, startStep }) =>
        void events.push(`train ${stage} ${startStep}/${totalSteps}`),
      onStep: seen('step'),
      onEpoch: (stage, { epoch }) => void events.push(`epoch ${stage} ${epoch}`),
      onTrainingEnd: (stage) => void events.push(`trained ${stage}`),
      onEvaluationStart: (encoder, name) => void events.push(`evaluate ${encoder} ${name}`),
      onScores: (encoder) => void events.push(`scores ${encoder}`),
      onComplete: (_result, model) => void events.push(`complete ${model.featureDim}`),
    };
    straight = await experiment().run({ callbacks });
  });

  it('runs the stages in order and reports each', () => {
    const summary = events.filter((event) => event !== 'step');
    expect(summary).toEqual([
      'start pre-training',
      'train pre-training 0/16',
      'epoch pre-training 0',
      'epoch pre-training 1',
      'trained pre-training',
      'end pre-training',
      'start evaluation',
      'evaluate contrastive supcon (in-batch)',
      'scores contrastive',
      'evaluate random random encoder',
      'scores random',
      'end evaluation',
      'start cross-entropy baseline',
      'train cross-entropy baseline 0/16',
      'epoch cross-entropy baseline 0',
      'epoch cross-entropy baseline 1',
      'trained cross-entropy baseline',
      'evaluate cross-entropy cross-entropy',
      'scores cross-entropy',
      'end cross-entropy baseline',
      'start projection',
      'end projection',
      'complete 16',
    ]);
    expect(events.filter((event) => event === 'step')).toHaveLength(32);
  });

  it('returns the typed result: three score rows, both histories, a projection', () => {
    expect(straight.scores.map((row) => row.encoder)).toEqual([
      'supcon (in-batch)',
      'random encoder',
      'cross-entropy',
    ]);
    expect(straight.histories.contrastive.loss).toHaveLength(16);
    expect(straight.histories.crossEntropy?.loss).toHaveLength(16);
    expect(straight.projection.method).toBe('tsne');
    expect(straight.projection.labels).toHaveLength(64);
    expect(straight.backend).toBe(tf.getBackend());
    expect(Object.keys(straight.timings)).toEqual([
      'pretraining',
      'evaluation',
      'cross-entropy baseline',
      'projection (tsne)',
    ]);
  });

  it.each([
    ['pre-training', 5],
    ['cross-entropy baseline', 16 + 5],
  ] as const)(
    'stopped in the %s stage, then resumed from its checkpoints, gives the straight run',
    async (stage, stopAfterSteps) => {
      const checkpoints = {
        pretraining: new MemoryCheckpointStore(),
        crossEntropy: new MemoryCheckpointStore(),
      };
      // stopRequested is asked after each step, before the step's callbacks: one more step completes.
      let steps = 0;
      const error = await experiment()
        .run({
          checkpoints,
          callbacks: { onStep: () => void (steps += 1) },
          stopRequested: () => steps >= stopAfterSteps,
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ExperimentInterrupted);
      const interrupted = error as ExperimentInterrupted;
      expect(interrupted.stage).toBe(stage);
      expect(interrupted.pretraining).toEqual({
        completedSteps: Math.min(stopAfterSteps + 1, 16),
        totalSteps: 16,
      });
      if (stage === 'cross-entropy baseline')
        expect(interrupted.crossEntropy).toEqual({ completedSteps: 6, totalSteps: 16 });

      const starts: string[] = [];
      const resumed = await experiment().run({
        checkpoints,
        resume: true,
        callbacks: { onTrainingStart: (name, { startStep }) => void starts.push(`${name} ${startStep}`) },
      });
      expect(starts).toEqual(
        stage === 'pre-training'
          ? ['pre-training 6', 'cross-entropy baseline 0']
          : ['pre-training 16', 'cross-entropy baseline 6'],
      );
      expect(comparable(resumed)).toEqual(comparable(straight));
    },
  );

  it('a stop request between stages names the stage it stopped before', async () => {
    let asked = 0;
    const error = await experiment()
      .run({ callbacks: { onStageStart: () => undefined }, stopRequested: () => ++asked > 16 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExperimentInterrupted);
    expect((error as ExperimentInterrupted).stage).toBe('evaluation');
  });
});

describe('Experiment.run: a checkpoint written under a renamed plugin id still resumes', () => {
  it('compares the saved identity by current ids (the former id is an alias)', async () => {
    // A loss renamed from 'supcon-before' to 'supcon-after', the old id kept as an alias.
    const registry = () =>
      fullRegistry().register({ ...supConPlugin, id: 'supcon-after', aliases: ['supcon-before'] });
    const renamedConfig = { ...config, loss: { id: 'supcon-before', options: config.loss.options } };
    const renamed = () => new Experiment(renamedConfig, registry(), blobDataset());
    const pretraining = new MemoryCheckpointStore();
    let steps = 0;
    await renamed()
      .run({
        checkpoints: { pretraining },
        callbacks: { onStep: () => void (steps += 1) },
        stopRequested: () => steps >= 5,
      })
      .catch((caught: unknown) => expect(caught).toBeInstanceOf(ExperimentInterrupted));

    // The checkpoint names the current id; one written before the rename named the former id.
    const saved = (await pretraining.loadLatest())!;
    const identity = saved.meta.identity as { loss: { id: string } };
    expect(identity.loss.id).toBe('supcon-after');
    identity.loss.id = 'supcon-before';
    await pretraining.save(saved);

    const starts: number[] = [];
    const resumed = await renamed().run({
      checkpoints: { pretraining },
      resume: true,
      callbacks: {
        onTrainingStart: (name, { startStep }) => void (name === 'pre-training' && starts.push(startStep)),
      },
    });
    expect(starts).toEqual([6]);
    const straightRun = await renamed().run();
    expect(resumed.histories.contrastive.loss).toEqual(straightRun.histories.contrastive.loss);
  });
});
