import * as tf from '@tensorflow/tfjs-core';
import {
  Identity,
  MultiView,
  Solarize,
  ViewPipelines,
  asViewGenerator,
  firstViewAugmentation,
  isViewGenerator,
  stackedViews,
  type ViewGroup,
} from '@contrastive/augment';
import { ConfigError } from '@contrastive/core';
import { randomImages, rng, useCpu } from '../helpers';

useCpu();

const disposeGroups = (groups: ViewGroup[]) => tf.dispose(groups.map((g) => g.views));

/** Halves the spatial size (nearest), so a pipeline can change the view shape. */
const halve = {
  name: 'Halve',
  apply: (batch: tf.Tensor) =>
    tf.tidy(() => tf.image.resizeNearestNeighbor(batch as tf.Tensor4D, [batch.shape[1]! / 2, batch.shape[2]! / 2])),
};

describe('ViewPipelines', () => {
  it('runs a pipeline per view and groups consecutive views of one shape', () => {
    const x = randomImages([3, 8, 8, 1]);
    const views = new ViewPipelines([
      { pipeline: new Identity(), count: 1 },
      { pipeline: new Solarize({ p: 1 }), count: 1 },
      { pipeline: halve, count: 3 },
    ]);
    expect(views.viewCount).toBe(5);
    const groups = views.generate(x, rng());
    expect(groups.map((g) => g.views.shape)).toEqual([
      [3, 2, 8, 8, 1],
      [3, 3, 4, 4, 1],
    ]);
    expect(groups.map((g) => g.viewIndices)).toEqual([[0, 1], [2, 3, 4]]);
    const [identity, solarized] = tf.unstack(groups[0].views, 1);
    expect(identity.arraySync()).toEqual(x.arraySync());
    const expected = new Solarize({ p: 1 }).apply(x, rng());
    expect(solarized.arraySync()).toEqual(expected.arraySync());
    tf.dispose([x, identity, solarized, expected]);
    disposeGroups(groups);
  });

  it('same seed -> same views, another seed -> other views; no tensor left behind', () => {
    const x = randomImages([4, 8, 8, 1]);
    const views = new ViewPipelines([{ pipeline: new Solarize({ p: 0.5 }), count: 4 }]);
    const a = views.generate(x, rng(3));
    const b = views.generate(x, rng(3));
    const c = views.generate(x, rng(4));
    expect(b[0].views.arraySync()).toEqual(a[0].views.arraySync());
    expect(c[0].views.arraySync()).not.toEqual(a[0].views.arraySync());
    [a, b, c].forEach(disposeGroups);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) disposeGroups(views.generate(x, rng(i)));
    expect(tf.memory().numTensors).toBe(before);
    expect(x.isDisposed).toBe(false);
    x.dispose();
  });

  it('frees what it made when a pipeline throws', () => {
    const x = randomImages([2, 8, 8, 1]);
    const failing = { name: 'Failing', apply: () => { throw new Error('boom'); } };
    const views = new ViewPipelines([{ pipeline: new Identity(), count: 2 }, { pipeline: failing, count: 1 }]);
    const before = tf.memory().numTensors;
    expect(() => views.generate(x, rng())).toThrow('boom');
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('validates its entries and arguments', () => {
    expect(() => new ViewPipelines([])).toThrow(/non-empty array/);
    expect(() => new ViewPipelines([{ pipeline: {} as never, count: 1 }])).toThrow(/entries\[0\]\.pipeline/);
    expect(() => new ViewPipelines([{ pipeline: new Identity(), count: 0 }])).toThrow(/entries\[0\]\.count must be a positive integer; got 0/);
    expect(() => new ViewPipelines([{ pipeline: new Identity(), count: 1 }]).generate([1] as never, rng())).toThrow(
      /ViewPipelines\.apply: argument 'batch'/,
    );
  });
});

describe('asViewGenerator / stackedViews', () => {
  it('wraps one augmentation into V copies; a generator must make exactly pretrain.views views', () => {
    const wrapped = asViewGenerator(new Identity(), 3);
    expect(wrapped).toBeInstanceOf(MultiView);
    expect(wrapped.viewCount).toBe(3);
    expect(isViewGenerator(new Identity())).toBe(false);
    const generator = new ViewPipelines([{ pipeline: new Identity(), count: 2 }, { pipeline: halve, count: 6 }]);
    expect(asViewGenerator(generator, 8)).toBe(generator);
    expect(() => asViewGenerator(generator, 2)).toThrow(ConfigError);
    expect(() => asViewGenerator(generator, 2)).toThrow(/makes 8 views but pretrain\.views is 2; set pretrain\.views to 8/);
  });

  it('stacks one group and refuses (and frees) views of several sizes', () => {
    const x = randomImages([2, 8, 8, 1]);
    const same = new ViewPipelines([{ pipeline: new Identity(), count: 2 }]).generate(x, rng());
    expect(stackedViews(same, 'test').shape).toEqual([2, 2, 8, 8, 1]);
    disposeGroups(same);
    const mixed = new ViewPipelines([{ pipeline: new Identity(), count: 2 }, { pipeline: halve, count: 1 }]).generate(x, rng());
    expect(() => stackedViews(mixed, 'test')).toThrow(/test: views of different sizes \(\[8, 8, 1\] x 2, \[4, 4, 1\] x 1\)/);
    expect(mixed.every((g) => g.views.isDisposed)).toBe(true);
    x.dispose();
  });
});

describe('firstViewAugmentation', () => {
  it('is the augmentation itself, MultiView\'s pipeline, or the first entry of per-view pipelines', () => {
    const identity = new Identity();
    const solarize = new Solarize({ p: 1 });
    expect(firstViewAugmentation(identity)).toBe(identity);
    expect(firstViewAugmentation(new MultiView(solarize, 2))).toBe(solarize);
    expect(firstViewAugmentation(new ViewPipelines([{ pipeline: solarize, count: 1 }, { pipeline: identity, count: 1 }]))).toBe(solarize);
  });

  it('takes view 0 of any other generator, leak-free', () => {
    const x = randomImages([2, 4, 4, 1]);
    const other = { name: 'other', viewCount: 2, generate: (batch: tf.Tensor) => new ViewPipelines([{ pipeline: new Solarize({ p: 1 }), count: 1 }, { pipeline: halve, count: 1 }]).generate(batch, rng()) };
    const first = firstViewAugmentation(other);
    const before = tf.memory().numTensors;
    const view = first.apply(x, rng());
    expect(view.shape).toEqual([2, 4, 4, 1]);
    const expected = new Solarize({ p: 1 }).apply(x, rng());
    expect(view.arraySync()).toEqual(expected.arraySync());
    tf.dispose([view, expected]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
