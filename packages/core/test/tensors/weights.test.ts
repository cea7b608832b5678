import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { copyWeights, emaWeights, readWeight, writeWeight, type WeightLike } from '../../src';

beforeAll(() => tf.setBackend('cpu'));

/** A stand-in for a tfjs-layers LayerVariable: read() and write() around a core variable. */
function layerVariable(values: number[]): WeightLike & { variable: tf.Variable } {
  const variable = tf.variable(tf.tensor1d(values));
  return {
    variable,
    shape: variable.shape,
    read: () => variable,
    write: (value: tf.Tensor) => variable.assign(value as tf.Tensor1D),
  };
}

const valuesOf = (weight: WeightLike) => Array.from(readWeight(weight).dataSync());

describe('weights: one home for the helpers every package uses', () => {
  it('reads and writes a core variable and a layer variable alike', () => {
    const plain = tf.variable(tf.tensor1d([1, 2]));
    const layer = layerVariable([3, 4]);
    expect(readWeight(plain)).toBe(plain);
    expect(readWeight(layer)).toBe(layer.variable);
    const value = tf.tensor1d([5, 6]);
    writeWeight(plain, value);
    writeWeight(layer, value);
    value.dispose(); // both copied it
    expect(valuesOf(plain)).toEqual([5, 6]);
    expect(valuesOf(layer)).toEqual([5, 6]);
    tf.dispose([plain, layer.variable]);
  });

  it('emaWeights: to <- m to + (1 - m) from, without leaking', () => {
    const to = [layerVariable([1, 1]), tf.variable(tf.tensor1d([0, 10]))];
    const from = [layerVariable([3, 5]), tf.variable(tf.tensor1d([10, 0]))];
    const before = tf.memory().numTensors;
    emaWeights(to, from, 0.75, 'trainableWeights', 'test');
    expect(tf.memory().numTensors).toBe(before);
    expect(valuesOf(to[0])).toEqual([1.5, 2]);
    expect(valuesOf(to[1])).toEqual([2.5, 7.5]);
    expect(valuesOf(from[0])).toEqual([3, 5]);
    tf.dispose([...to, ...from].map(readWeight));
  });

  it('copyWeights: independent copies', () => {
    const to = [layerVariable([0, 0])];
    const from = [layerVariable([7, 8])];
    copyWeights(to, from, 'weights', 'test');
    writeWeight(from[0], tf.tensor1d([1, 1]));
    expect(valuesOf(to[0])).toEqual([7, 8]);
    tf.dispose([...to, ...from].map(readWeight));
  });

  it('names the caller, the list and the weight when the architectures differ', () => {
    const a = [layerVariable([1, 2])];
    const b = [layerVariable([1, 2, 3])];
    expect(() => emaWeights(a, [], 0.5, 'trainableWeights', 'Key.update')).toThrow(
      'Key.update: trainableWeights: this model has 1, the source 0 (different architectures?)',
    );
    expect(() => emaWeights(a, b, 0.5, 'trainableWeights', 'Key.update')).toThrow(
      'Key.update: trainableWeights[0] has shape [2] here, [3] in the source',
    );
    expect(() => copyWeights(a, b, 'weights', 'Model.copy')).toThrow(
      'Model.copy: weights[0] has shape [2] here, [3] in the other model',
    );
    tf.dispose([...a, ...b].map(readWeight));
  });
});
