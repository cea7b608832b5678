import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createMlpEncoder } from '../../src/encoders/mlp-encoder';
import { randomInput, useCpu, weightValues } from '../helpers';

useCpu();

function outputShape(model: tfl.LayersModel, input: number[], batch = 3): number[] {
  const x = randomInput([batch, ...input]);
  const y = model.apply(x, { training: true }) as tf.Tensor;
  const shape = y.shape;
  tf.dispose([x, y]);
  return shape;
}

describe("encoder 'mlp'", () => {
  it.each([
    [[4], undefined, [3, 128]],
    [[4], [8], [3, 8]],
    [[3, 5], [16, 6], [3, 6]],
    [[2, 2, 3], [5, 5, 7], [3, 7]],
  ])('maps [B, %j] with widths %j to %j', (input, widths, expected) => {
    const model = createMlpEncoder({ inputShape: input as number[], widths: widths as number[] | undefined });
    expect(outputShape(model, input as number[])).toEqual(expected);
    model.dispose();
  });

  it('adds batch norm (dense without bias) and dropout when asked', () => {
    const model = createMlpEncoder({ inputShape: [6], widths: [8, 4], batchNorm: true, dropout: 0.5 });
    const types = model.layers.map((l) => l.getClassName());
    expect(types.filter((t) => t === 'BatchNormalization')).toHaveLength(2);
    expect(types.filter((t) => t === 'Dropout')).toHaveLength(2);
    expect(model.layers.filter((l) => l.getClassName() === 'Dense').every((l) => l.getConfig().useBias === false)).toBe(true);
    expect(outputShape(model, [6], 4)).toEqual([4, 4]);
    model.dispose();
  });

  it('is deterministic per seed', () => {
    const a = createMlpEncoder({ inputShape: [5], widths: [7, 3], seed: 11 });
    const b = createMlpEncoder({ inputShape: [5], widths: [7, 3], seed: 11 });
    const c = createMlpEncoder({ inputShape: [5], widths: [7, 3], seed: 12 });
    expect(weightValues(a.weights)).toEqual(weightValues(b.weights));
    expect(weightValues(a.weights)[0]).not.toEqual(weightValues(c.weights)[0]);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('rejects bad options with clear messages', () => {
    expect(() => createMlpEncoder({ inputShape: [0] })).toThrow(/invalid options for encoder 'mlp':\n {2}encoder\.options\.inputShape\.0: /);
    expect(() => createMlpEncoder({ inputShape: [4], widths: [] })).toThrow(/encoder\.options\.widths: /);
    expect(() => createMlpEncoder({ inputShape: [4], widths: [3, -1] })).toThrow(/encoder\.options\.widths\.1: /);
    expect(() => createMlpEncoder({ inputShape: [4], dropout: 1 })).toThrow(/encoder\.options\.dropout: /);
  });
});
