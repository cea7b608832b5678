import * as tf from '@tensorflow/tfjs-core';
import { createLinearHead } from '../../src/heads/linear-head';
import { randomInput, rowNorms, useCpu, weightValues } from '../helpers';

useCpu();

describe("head 'linear'", () => {
  it.each([
    [16, undefined, 128],
    [5, 3, 3],
  ])('maps [B, %i] to unit rows of width %s (default 128)', (inputDim, outputDim, expected) => {
    const head = createLinearHead({ inputDim, outputDim });
    const x = tf.sub(randomInput([6, inputDim]), 0.5);
    const y = head.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([6, expected]);
    rowNorms(y).forEach((n) => expect(Math.abs(n - 1)).toBeLessThan(1e-5));
    expect(head.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Dense', 'ContrastiveL2Normalize']);
    tf.dispose([x, y]);
    head.dispose();
  });

  it('normalize: false leaves the projection raw', () => {
    const head = createLinearHead({ inputDim: 5, outputDim: 3, normalize: false });
    expect(head.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Dense']);
    const x = tf.sub(randomInput([6, 5]), 0.5);
    const y = head.apply(x) as tf.Tensor;
    expect(rowNorms(y).some((norm) => Math.abs(norm - 1) > 1e-3)).toBe(true);
    tf.dispose([x, y]);
    head.dispose();
  });

  it('is deterministic per seed', () => {
    const a = createLinearHead({ inputDim: 4, seed: 'x' });
    const b = createLinearHead({ inputDim: 4, seed: 'x' });
    expect(weightValues(a.weights)).toEqual(weightValues(b.weights));
    a.dispose();
    b.dispose();
  });

  it('rejects bad dims', () => {
    expect(() => createLinearHead({ inputDim: 0 })).toThrow(/invalid options for head 'linear':\n {2}head\.options\.inputDim: /);
    expect(() => createLinearHead({ inputDim: 4, outputDim: 1.5 })).toThrow(/head\.options\.outputDim: /);
  });
});
