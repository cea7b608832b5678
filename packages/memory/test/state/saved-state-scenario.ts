import * as tf from '@tensorflow/tfjs-core';
import { SupConLoss } from '@contrastive/losses';
import { CrossBatchMemory, InBatch, MemoryBank, MoCo, type NegativeStrategy, type StrategyState } from '../../src';
import { TinyModel } from '../tiny-model';

/**
 * A fixed few steps of every strategy, the same under any version of this package: the
 * checkpoint-format test replays them and compares the state with the one an earlier version
 * wrote (test/fixtures/strategy_states_v1.json, made by `writeSavedStates` below), and restores
 * that saved state to check the next loss.
 */

export const B = 3;
export const D = 4;
export const INPUT = [2, 2];
export const SIZE = 10;
export const STEPS = 3;

/** A tensor of the fixture as JSON: shape, dtype and plain values. */
export interface JsonTensor {
  shape: number[];
  dtype: 'float32' | 'int32';
  values: number[];
}

export interface SavedStrategy {
  id: string;
  state: { meta: StrategyState['meta']; tensors: Record<string, JsonTensor> };
  /** The loss of step STEPS, computed by the strategy that wrote `state`. */
  nextLoss: number;
  /** MoCo: the query model's weights when the state was written (the key model's are in `state`). */
  queryWeights?: JsonTensor[];
}

/** Unit rows `[B, 2, D]`, labels `[B]`, dataset indices and views `[B, 2, ...INPUT]` of step `s`. */
export function stepInputs(s: number): { embeddings: tf.Tensor3D; labels: tf.Tensor1D; indices: Int32Array; views: tf.Tensor } {
  return tf.tidy(() => {
    const raw = tf.randomNormal([B, 2, D], 0, 1, 'float32', 100 + s);
    return {
      embeddings: tf.keep(tf.div(raw, tf.norm(raw, 'euclidean', -1, true)) as tf.Tensor3D),
      labels: tf.keep(tf.tensor1d(Array.from({ length: B }, (_, i) => (i + s) % 2), 'int32')),
      indices: Int32Array.from({ length: B }, (_, i) => (3 * s + 2 * i) % SIZE),
      views: tf.keep(tf.randomNormal([B, 2, ...INPUT], 0, 1, 'float32', 200 + s)),
    };
  });
}

export const referenceLoss = (): SupConLoss => new SupConLoss({ temperature: 0.5, baseTemperature: 0.5 });

export function makeStrategies(): Array<{ strategy: NegativeStrategy; model?: TinyModel }> {
  const model = TinyModel.create(INPUT, D, 7);
  return [
    { strategy: new InBatch() },
    { strategy: new CrossBatchMemory(referenceLoss(), { size: 8 }) },
    { strategy: new MemoryBank(referenceLoss(), { size: SIZE, negatives: 4, momentum: 0.5, seed: 5, initialization: 'random' }) },
    { strategy: new MoCo(referenceLoss(), { queueSize: 5, momentum: 0.8 }), model },
  ];
}

/** Moves the query model a little (as an optimizer step would), so the key model's EMA differs from it. */
export function nudge(model: TinyModel, s: number): void {
  model.trainableWeights.forEach((weight, i) => {
    const value = weight.read();
    const next = tf.tidy(() => tf.add(value, tf.randomNormal(value.shape, 0, 0.1, 'float32', 300 + 10 * s + i)));
    weight.write(next);
    next.dispose();
  });
}

/** One training step of `strategy` on step `s`'s inputs: its loss (read) and its commit. */
export async function runStep(strategy: NegativeStrategy, s: number, commit = true): Promise<number> {
  const inputs = stepInputs(s);
  const loss = referenceLoss();
  try {
    const value = tf.tidy(() =>
      strategy.loss(
        {
          embeddings: inputs.embeddings,
          labels: inputs.labels,
          indices: strategy.needs.indices ? inputs.indices : undefined,
          views: strategy.needs.views ? inputs.views : undefined,
        },
        loss,
      ),
    );
    const read = (await value.data())[0];
    value.dispose();
    if (commit) await strategy.update();
    return read;
  } finally {
    tf.dispose([inputs.embeddings, inputs.labels, inputs.views]);
  }
}

/** Runs STEPS steps of every strategy (nudging MoCo's query model after each). */
export async function runScenario(): Promise<Array<{ strategy: NegativeStrategy; model?: TinyModel }>> {
  const built = makeStrategies();
  for (const { strategy, model } of built) {
    await strategy.attach({ model, totalSteps: 10 });
    for (let s = 0; s < STEPS; s++) {
      await runStep(strategy, s);
      if (model) nudge(model, s);
    }
  }
  return built;
}

export function toJson(tensors: Record<string, { shape: number[]; dtype: 'float32' | 'int32'; values: ArrayLike<number> }>): Record<string, JsonTensor> {
  return Object.fromEntries(
    Object.entries(tensors).map(([name, t]) => [name, { shape: t.shape, dtype: t.dtype, values: Array.from(t.values) }]),
  );
}

/** What test/fixtures/strategy_states_v1.json holds: each strategy's state after STEPS steps and its next loss. */
export async function writeSavedStates(): Promise<SavedStrategy[]> {
  const built = await runScenario();
  const saved: SavedStrategy[] = [];
  for (const { strategy, model } of built) {
    const state = await strategy.getState();
    const nextLoss = await runStep(strategy, STEPS, false);
    const queryWeights = model
      ? await Promise.all(
          model.weights.map(async (w) => ({
            shape: [...w.read().shape],
            dtype: 'float32' as const,
            values: Array.from(await w.read().data()),
          })),
        )
      : undefined;
    saved.push({ id: strategy.id, state: { meta: state.meta, tensors: toJson(state.tensors) }, nextLoss, ...(queryWeights ? { queryWeights } : {}) });
    strategy.dispose();
    model?.dispose();
  }
  return saved;
}
