import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // its CommonJS bundle registers tfjs-core's gradients
import type { ReferenceLoss } from '@contrastive/losses';
import { CrossBatchMemory, InBatch, MemoryBank, MoCo, type NegativeStrategy, type StrategyStep } from '../../src';
import { MemoryStrategy } from '../../src/lifecycle/memory-strategy';
import type { StateBody } from '../../src/lifecycle/strategy-base';
import type { StrategyState } from '../../src/state/strategy-state';
import { RecordingLoss, unitRows } from '../helpers';
import { TinyModel } from '../tiny-model';

beforeAll(() => tf.setBackend('cpu'));

/**
 * A strategy written on the base with nothing but its idea: contrast the batch with the previous
 * batch. Everything else (dispose, stash, update without loss, state envelope) comes from the base.
 */
class PreviousBatch extends MemoryStrategy<{ rows: tf.Tensor2D }> {
  readonly id = 'previous-batch';
  readonly needs = { views: false, indices: false };
  private previous: tf.Tensor2D | undefined;

  constructor(loss?: ReferenceLoss) {
    super('PreviousBatch', loss);
  }

  protected contrast(step: StrategyStep, loss: ReferenceLoss): tf.Scalar {
    return tf.tidy(() => {
      const rows = step.embeddings as tf.Tensor2D;
      this.stash({ rows: rows.clone() });
      const reference = this.previous ?? rows;
      const labels = tf.range(0, rows.shape[0], 1, 'int32') as tf.Tensor1D;
      return loss.computeWithReference(rows, labels, { embeddings: reference, labels });
    });
  }

  protected commit({ rows }: { rows: tf.Tensor2D }): void {
    this.previous?.dispose();
    this.previous = rows.clone();
  }

  protected saveState(): StateBody {
    return { meta: { held: this.previous !== undefined }, tensors: {} };
  }

  protected restoreState(_state: StrategyState): void {}

  protected override release(): void {
    this.previous?.dispose();
  }
}

describe('StrategyBase: the lifecycle every strategy shares', () => {
  it('a strategy that writes only contrast/commit/state gets the whole contract', async () => {
    const loss = new RecordingLoss();
    const strategy = new PreviousBatch(loss);
    const a = unitRows([3, 4], 1);
    const b = unitRows([3, 4], 2);
    expect(() => strategy.update()).toThrow('PreviousBatch.update: update() called without a preceding loss() for this step');
    tf.dispose(tf.tidy(() => strategy.loss({ embeddings: a })));
    strategy.update();
    tf.dispose(tf.tidy(() => strategy.loss({ embeddings: b })));
    expect(loss.last!.reference).toEqual(a.arraySync());
    strategy.update();
    const state = await strategy.getState();
    expect(state).toEqual({ meta: { strategy: 'previous-batch', version: 1, held: true }, tensors: {} });
    expect(() => strategy.setState({ ...state, meta: { ...state.meta, version: 2 } })).toThrow(
      /state version 2 of 'previous-batch' is not supported/,
    );
    expect(() => new PreviousBatch().validate({ batchSize: 3, views: 1, datasetSize: 9, supervised: false })).toThrow(
      /previous-batch: no loss/,
    );
    const before = tf.memory().numTensors;
    tf.dispose(tf.tidy(() => strategy.loss({ embeddings: a })));
    strategy.dispose(); // frees the stashed step and the memory
    expect(tf.memory().numTensors).toBe(before - 1);
    expect(() => strategy.loss({ embeddings: a })).toThrow('PreviousBatch: used after dispose()');
    tf.dispose([a, b]);
  });

  it('every strategy refuses use after dispose() and frees a stashed step', async () => {
    const model = TinyModel.create([2, 2], 4, 1);
    const strategies: NegativeStrategy[] = [
      new InBatch(),
      new CrossBatchMemory(new RecordingLoss(), { size: 8 }),
      new MemoryBank(new RecordingLoss(), { size: 8, negatives: 2 }),
      new MoCo(new RecordingLoss(), { queueSize: 8 }),
    ];
    const embeddings = unitRows([2, 2, 4], 3);
    const views = tf.randomNormal([2, 2, 2, 2], 0, 1, 'float32', 4);
    const labels = tf.tensor1d([0, 1], 'int32');
    for (const strategy of strategies) {
      await strategy.attach({ model });
      const before = tf.memory().numTensors;
      const step = { embeddings, labels, indices: Int32Array.from([1, 5]), views };
      tf.dispose(tf.tidy(() => strategy.loss(step, new RecordingLoss())));
      strategy.dispose();
      strategy.dispose(); // twice is fine
      expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
      const name = strategy.constructor.name;
      expect(() => strategy.loss(step, new RecordingLoss())).toThrow(`${name}: used after dispose()`);
      expect(() => strategy.update()).toThrow(`${name}: used after dispose()`);
      expect(() => strategy.attach({ model })).toThrow(`${name}: used after dispose()`);
      await expect(strategy.getState()).rejects.toThrow(`${name}: used after dispose()`);
    }
    tf.dispose([embeddings, views, labels]);
    model.dispose();
  });

  it('refuses the next step while an asynchronous commit is still running', async () => {
    const bank = new MemoryBank(new RecordingLoss(), { size: 6, embeddingDim: 3, negatives: 2 });
    const e = unitRows([2, 3], 5);
    const step = { embeddings: e, indices: Int32Array.from([0, 1]) };
    tf.dispose(tf.tidy(() => bank.loss(step)));
    const committing = bank.update();
    expect(committing).toBeInstanceOf(Promise);
    expect(() => bank.loss(step)).toThrow(
      'MemoryBank.loss: the previous attach() or update() has not finished yet; await it first',
    );
    await committing;
    tf.dispose(tf.tidy(() => bank.loss(step)));
    await bank.update();
    e.dispose();
    bank.dispose();
  });
});
