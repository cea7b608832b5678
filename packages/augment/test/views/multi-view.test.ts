import * as tf from '@tensorflow/tfjs-core';
import { MultiView, simclrPreset, tabularPreset } from '@contrastive/augment';
import { expectNoLeak, randomImages, rng, useCpu } from '../helpers';

useCpu();

describe('MultiView', () => {
  it('stacks V views as [B, V, ...]; view 0 is the pipeline applied first with the same rng', () => {
    const x = randomImages([4, 8, 8, 3]);
    const pipeline = simclrPreset();
    const views = new MultiView(pipeline, 3).apply(x, rng(7));
    expect(views.shape).toEqual([4, 3, 8, 8, 3]);
    const first = pipeline.apply(x, rng(7));
    const [v0, v1, v2] = tf.unstack(views, 1);
    expect(v0.arraySync()).toEqual(first.arraySync());
    expect(v1.arraySync()).not.toEqual(v0.arraySync());
    expect(v2.arraySync()).not.toEqual(v1.arraySync());
    tf.dispose([x, views, first, v0, v1, v2]);
  });

  it('same seed -> identical views, other seed -> other views; works for vectors; leak-free', () => {
    const x = tf.randomNormal([6, 5], 0, 1, 'float32', 3);
    const mv = new MultiView(tabularPreset());
    const a = mv.apply(x, rng(1));
    expect(a.shape).toEqual([6, 2, 5]);
    expect(mv.apply(x, rng(1)).arraySync()).toEqual(a.arraySync());
    expect(mv.apply(x, rng(2)).arraySync()).not.toEqual(a.arraySync());
    expectNoLeak(() => mv.apply(x, rng(1)));
    expect(x.isDisposed).toBe(false);
    tf.dispose([x, a]);
  });

  it('validates its arguments', () => {
    expect(() => new MultiView(simclrPreset(), 0)).toThrow(/argument 'views' must be a positive integer; got 0/);
    expect(() => new MultiView({} as never)).toThrow(/argument 'pipeline'/);
    expect(() => new MultiView(simclrPreset()).apply([1, 2] as never, rng())).toThrow(/MultiView\.apply: argument 'batch'/);
  });
});
