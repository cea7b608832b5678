import * as tf from '@tensorflow/tfjs-core';
import { embedViewGroups, fitViewsToInput } from '../../src/paradigms/view-embedding';
import { onCpu } from '../support/fixtures';

beforeAll(onCpu);

describe('fitViewsToInput / embedViewGroups', () => {
  it('passes views of the input size through and upsamples smaller image views', () => {
    const same = tf.ones([2, 3, 8, 8, 1]);
    expect(fitViewsToInput(same, [8, 8, 1], 'test')).toBe(same);
    const small = tf.ones([2, 3, 4, 4, 1]);
    const fitted = fitViewsToInput(small, [8, 8, 1], 'test');
    expect(fitted.shape).toEqual([2, 3, 8, 8, 1]);
    expect(Array.from(fitted.dataSync()).every((v) => Math.abs(v - 1) < 1e-6)).toBe(true);
    tf.dispose([same, small, fitted]);
  });

  it('refuses views that are not images of another height/width', () => {
    const rows = tf.ones([2, 2, 5]);
    expect(() => fitViewsToInput(rows, [6], 'trainer x')).toThrow(
      "trainer x: views of shape [5] cannot feed a model whose input is [6]; only image views of another height/width are resized",
    );
    const channels = tf.ones([2, 2, 4, 4, 3]);
    expect(() => fitViewsToInput(channels, [8, 8, 1], 'trainer x')).toThrow(/\[4, 4, 3\] cannot feed a model whose input is \[8, 8, 1\]/);
    tf.dispose([rows, channels]);
  });

  it('concatenates the groups in view order', () => {
    const groups = [
      { views: tf.fill([2, 2, 8, 8, 1], 1), viewIndices: [0, 1] },
      { views: tf.fill([2, 3, 4, 4, 1], 2), viewIndices: [2, 3, 4] },
    ];
    const embedded = tf.tidy(() =>
      embedViewGroups(groups, [8, 8, 1], (views) => tf.mean(tf.reshape(views, [2, views.shape[1]!, -1]), 2, true), 'test'),
    );
    expect(embedded.shape).toEqual([2, 5, 1]);
    expect(Array.from(embedded.dataSync()).map((v) => Math.round(v))).toEqual([1, 1, 2, 2, 2, 1, 1, 2, 2, 2]);
    tf.dispose([embedded, ...groups.map((g) => g.views)]);
  });
});
