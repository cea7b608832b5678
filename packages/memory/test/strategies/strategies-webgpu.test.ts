import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // its CommonJS bundle registers tfjs-core's gradients
import { readFileSync } from 'fs';
import * as path from 'path';
import { useBackend } from '@contrastive/backend';
import { STEPS, runScenario, runStep, toJson, type SavedStrategy } from '../state/saved-state-scenario';

/** Runs where tools/jest/webgpu-env.js found WebGPU (always in CI, on SwiftShader). */
const describeWebGpu = process.env.CONTRASTIVE_WEBGPU_TESTS === '1' ? describe : describe.skip;

// The cpu backend's run of the same steps (test/fixtures/README.md).
const onCpu: SavedStrategy[] = JSON.parse(
  readFileSync(path.join(__dirname, '../fixtures/strategy_states_v1.json'), 'utf8'),
).strategies;

describeWebGpu('every strategy on webgpu (no synchronous read on its path)', () => {
  beforeAll(async () => {
    await useBackend('webgpu', { quiet: true, allowSoftwareGpu: true });
  });
  afterAll(() => tf.setBackend('cpu'));

  it("writes the cpu run's memory and computes its next loss, and keeps tf.memory() flat", async () => {
    expect(tf.getBackend()).toBe('webgpu');
    const built = await runScenario();
    for (const [i, { strategy }] of built.entries()) {
      const state = await strategy.getState();
      expect(JSON.parse(JSON.stringify(state.meta))).toEqual(onCpu[i].state.meta);
      const tensors = toJson(state.tensors);
      for (const [name, expected] of Object.entries(onCpu[i].state.tensors)) {
        tensors[name].values.forEach((value, k) => expect(Math.abs(value - expected.values[k])).toBeLessThan(1e-4));
      }
      expect(await runStep(strategy, STEPS, false)).toBeCloseTo(onCpu[i].nextLoss, 4);
    }
    // Twenty more steps each: the live tensors stay put after the first.
    for (const { strategy } of built) {
      await runStep(strategy, STEPS);
      const before = tf.memory().numTensors;
      for (let s = STEPS + 1; s < STEPS + 20; s++) await runStep(strategy, s);
      expect({ id: strategy.id, tensors: tf.memory().numTensors }).toEqual({ id: strategy.id, tensors: before });
    }
    for (const { strategy, model } of built) {
      strategy.dispose();
      model?.dispose();
    }
  }, 180_000);
});
