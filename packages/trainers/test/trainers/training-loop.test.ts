import { EarlyStopping } from '../../src/callbacks/early-stopping';
import { ConstantSchedule } from '../../src/schedule/constant';
import type { BatchSource } from '../../src/trainers/batch-source';
import { runTrainingLoop } from '../../src/trainers/training-loop';

function fakeSource(stepsPerEpoch: number): BatchSource {
  return {
    size: stepsPerEpoch * 2,
    stepsPerEpoch,
    epochBatches: (epoch) => Array.from({ length: stepsPerEpoch }, (_, i) => Int32Array.of(epoch, i)),
    batch: () => {
      throw new Error('not used');
    },
  };
}

describe('runTrainingLoop', () => {
  const schedule = new ConstantSchedule({ learningRate: 0.1 });

  it('runs epochs x steps, records losses, learning rates and epoch means, and reports progress', async () => {
    const seen: string[] = [];
    const steps: number[] = [];
    const history = await runTrainingLoop({
      data: fakeSource(3),
      epochs: 2,
      seed: 0,
      schedule,
      callbacks: [
        {
          onStepEnd: (info) => void steps.push(info.step),
          onEpochEnd: (info) => void seen.push(`e${info.epoch}`),
        },
      ],
      runStep: (_indices, step) => 10 - step,
    });
    expect(history.loss).toEqual([10, 9, 8, 7, 6, 5]);
    expect(history.learningRate).toEqual(Array(6).fill(0.1));
    expect(history.epochLoss).toEqual([9, 6]);
    expect(steps).toEqual([0, 1, 2, 3, 4, 5]);
    expect(seen).toEqual(['e0', 'e1']);
  });

  it('resumes mid-epoch with the batches and epoch means of an uninterrupted run', async () => {
    const used: string[] = [];
    const runStep = (indices: Int32Array, step: number) => {
      used.push(`${indices[0]}:${indices[1]}`);
      return step;
    };
    const straight = await runTrainingLoop({ data: fakeSource(4), epochs: 2, seed: 0, schedule, runStep });
    const straightBatches = used.splice(0);
    const first = await runTrainingLoop({
      data: fakeSource(4),
      epochs: 2,
      seed: 0,
      schedule,
      runStep,
      callbacks: [{ onStepEnd: ({ step, control }) => (step === 5 ? control.stop('test') : undefined) }],
    });
    expect(first.stopReason).toBe('test');
    const resumed = await runTrainingLoop({
      data: fakeSource(4),
      epochs: 2,
      seed: 0,
      schedule,
      runStep,
      startStep: first.loss.length,
      history: { ...first, stopReason: undefined },
    });
    expect(used).toEqual(straightBatches);
    expect(resumed.loss).toEqual(straight.loss);
    expect(resumed.epochLoss).toEqual(straight.epochLoss);
  });

  it('stops early through a callback and refuses a non-finite loss', async () => {
    const history = await runTrainingLoop({
      data: fakeSource(1),
      epochs: 10,
      seed: 0,
      schedule,
      callbacks: [new EarlyStopping({ patience: 2 })],
      runStep: () => 1,
    });
    expect(history.loss).toHaveLength(3);
    expect(history.stopReason).toMatch(/early stopping at epoch 2/);
    await expect(
      runTrainingLoop({
        data: fakeSource(2),
        epochs: 1,
        seed: 0,
        schedule,
        runStep: (_i, step) => (step === 1 ? NaN : 1),
      }),
    ).rejects.toThrow(/loss became NaN at step 1/);
  });

  it('an end-of-epoch checkpoint holds that epoch mean, so resuming from it loses no epoch loss', async () => {
    const runStep = (_indices: Int32Array, step: number) => 10 - step;
    const straight = await runTrainingLoop({ data: fakeSource(2), epochs: 4, seed: 0, schedule, runStep });
    // Snapshots as a checkpoint store would take them after each step.
    const snapshots = new Map<number, ReturnType<typeof JSON.parse>>();
    await runTrainingLoop({
      data: fakeSource(2),
      epochs: 4,
      seed: 0,
      schedule,
      runStep,
      afterStep: async (completed, history) => void snapshots.set(completed, JSON.parse(JSON.stringify(history))),
    });
    for (const completed of [2, 4, 6]) expect(snapshots.get(completed).epochLoss).toHaveLength(completed / 2);
    // Resume from every end-of-epoch checkpoint in turn, as five resumes in a row would.
    let history = snapshots.get(2);
    for (const completed of [2, 4, 6]) {
      history = await runTrainingLoop({
        data: fakeSource(2),
        epochs: 4,
        seed: 0,
        schedule,
        runStep,
        startStep: completed,
        history: JSON.parse(JSON.stringify({ ...snapshots.get(completed) })),
      });
    }
    expect(history.loss).toEqual(straight.loss);
    expect(history.epochLoss).toEqual(straight.epochLoss);
    expect(history.epochLoss).toHaveLength(4);
  });
});
