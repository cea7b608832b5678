import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // its CommonJS bundle registers tfjs-core's gradients
import { readFileSync } from 'fs';
import * as path from 'path';
import type { StoredTensor } from '../../src';
import { STEPS, makeStrategies, runScenario, runStep, toJson, type JsonTensor, type SavedStrategy } from './saved-state-scenario';

beforeAll(() => tf.setBackend('cpu'));

// Provenance: test/fixtures/README.md.
const saved: { source: string; strategies: SavedStrategy[] } = JSON.parse(
  readFileSync(path.join(__dirname, '../fixtures/strategy_states_v1.json'), 'utf8'),
);

function fromJson(tensor: JsonTensor): StoredTensor {
  return {
    shape: tensor.shape,
    dtype: tensor.dtype,
    values: tensor.dtype === 'int32' ? Int32Array.from(tensor.values) : Float32Array.from(tensor.values),
  };
}

function expectClose(actual: Record<string, JsonTensor>, expected: Record<string, JsonTensor>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, tensor] of Object.entries(expected)) {
    expect({ name, shape: actual[name].shape, dtype: actual[name].dtype }).toEqual({ name, shape: tensor.shape, dtype: tensor.dtype });
    actual[name].values.forEach((value, i) => expect(value).toBeCloseTo(tensor.values[i], 5));
  }
}

describe(`checkpoint states written by an earlier version (${saved.source})`, () => {
  it('the same steps write the same state: format and values', async () => {
    const built = await runScenario();
    expect(built.map(({ strategy }) => strategy.id)).toEqual(saved.strategies.map((s) => s.id));
    for (const [i, { strategy, model }] of built.entries()) {
      const state = await strategy.getState();
      expect(JSON.parse(JSON.stringify(state.meta))).toEqual(saved.strategies[i].state.meta);
      expectClose(toJson(state.tensors), saved.strategies[i].state.tensors);
      strategy.dispose();
      model?.dispose();
    }
  });

  it('a saved state restores and gives the next loss the saving strategy computed', async () => {
    const built = makeStrategies();
    for (const [i, { strategy, model }] of built.entries()) {
      const expected = saved.strategies[i];
      if (model && expected.queryWeights) {
        model.weights.forEach((weight, w) => {
          const value = tf.tensor(expected.queryWeights![w].values, expected.queryWeights![w].shape);
          weight.write(value);
          value.dispose();
        });
      }
      await strategy.attach({ model, totalSteps: 10, resuming: true });
      const tensors = Object.fromEntries(Object.entries(expected.state.tensors).map(([name, t]) => [name, fromJson(t)]));
      strategy.setState({ meta: expected.state.meta, tensors });
      expect(await runStep(strategy, STEPS)).toBeCloseTo(expected.nextLoss, 5);
      strategy.dispose();
      model?.dispose();
    }
  });
});
