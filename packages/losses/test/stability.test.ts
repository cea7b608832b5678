import { tf, allFinite } from './setup';
import { NTXentLoss, SupConLoss, TripletMarginLoss, type ContrastiveLoss, type LossTarget } from '../src';

/** Value and gradient; both must be finite. */
function finiteValueAndGrad(loss: ContrastiveLoss, x: tf.Tensor, target?: LossTarget): number {
  const { value, grad } = tf.valueAndGrad((f: tf.Tensor) => loss.compute(f, target))(x);
  const v = value.dataSync()[0];
  const g = grad.dataSync();
  tf.dispose([value, grad]);
  expect(Number.isFinite(v)).toBe(true);
  expect(allFinite(g)).toBe(true);
  return v;
}

function unit(shape: number[], seed: number): tf.Tensor {
  return tf.tidy(() => {
    const r = tf.randomNormal(shape, 0, 1, 'float32', seed);
    return tf.div(r, tf.norm(r, 'euclidean', -1, true));
  });
}

const all = (t: number): [string, ContrastiveLoss, boolean][] => [
  ['supcon out', new SupConLoss({ temperature: t }), true],
  ['supcon in', new SupConLoss({ temperature: t, variant: 'in' }), true],
  ['supcon exclude', new SupConLoss({ temperature: t, noPositive: 'exclude' }), true],
  ['supcon one', new SupConLoss({ temperature: t, contrastMode: 'one' }), true],
  ['ntxent', new NTXentLoss({ temperature: t }), false],
  ['triplet', new TripletMarginLoss(), false],
  ['triplet batch-hard', new TripletMarginLoss({ mining: 'batch-hard' }), false],
  ['triplet semi-hard', new TripletMarginLoss({ mining: 'semi-hard', margin: 0.5 }), false],
];

/** Calls the loss on [B, V, D] (views) or on the flattened [V*B, D] with tiled labels. */
function run(loss: ContrastiveLoss, viewsInput: boolean, x: tf.Tensor, labels: number[]): number {
  const [b, v, d] = x.shape;
  if (viewsInput) {
    const l = tf.tensor1d(labels, 'int32');
    const out = finiteValueAndGrad(loss, x, { labels: l });
    l.dispose();
    return out;
  }
  const flat = tf.reshape(tf.transpose(x, [1, 0, 2]), [v * b, d]);
  const l = tf.tensor1d(Array.from({ length: v }, () => labels).flat(), 'int32');
  const out = finiteValueAndGrad(loss, flat, { labels: l });
  tf.dispose([flat, l]);
  return out;
}

describe('no NaN or Infinity in value or gradient', () => {
  it.each(all(0.01))('%s at temperature 0.01 with far-apart vectors', (_, loss, viewsInput) => {
    const x = unit([6, 2, 4], 11);
    run(loss, viewsInput, x, [0, 1, 2, 0, 1, 2]);
    // opposite views: s = -1, logits -100 vs +100
    const opposite = tf.tidy(() => tf.concat([tf.slice(x, [0, 0, 0], [6, 1, 4]), tf.neg(tf.slice(x, [0, 0, 0], [6, 1, 4]))], 1));
    run(loss, viewsInput, opposite, [0, 1, 2, 3, 4, 5]);
    tf.dispose([x, opposite]);
  });

  it.each(all(0.07))('%s with identical vectors', (_, loss, viewsInput) => {
    const x = tf.ones([4, 2, 3]);
    const v = run(loss, viewsInput, x, [0, 1, 0, 1]);
    expect(v).toBeGreaterThanOrEqual(0);
    x.dispose();
  });

  it.each(all(0.1))('%s with a batch of one class', (_, loss, viewsInput) => {
    const x = unit([5, 2, 8], 3);
    run(loss, viewsInput, x, [7, 7, 7, 7, 7]);
    x.dispose();
  });

  it.each(all(0.1))('%s with D = 1', (_, loss, viewsInput) => {
    const x = tf.tensor3d([[[1], [1]], [[-1], [-1]], [[1], [-1]]]);
    run(loss, viewsInput, x, [0, 1, 2]);
    x.dispose();
  });

  it.each(all(0.1))('%s with zero vectors', (_, loss, viewsInput) => {
    const x = tf.zeros([3, 2, 4]);
    run(loss, viewsInput, x, [0, 1, 0]);
    x.dispose();
  });

  it('V = 1 with unique labels: no anchor has a positive, the loss is 0 (zero) or 0 (exclude)', () => {
    const x = unit([5, 1, 8], 4);
    const labels = [0, 1, 2, 3, 4];
    expect(run(new SupConLoss(), true, x, labels)).toBe(0);
    expect(run(new SupConLoss({ noPositive: 'exclude' }), true, x, labels)).toBe(0);
    expect(run(new SupConLoss({ variant: 'in' }), true, x, labels)).toBe(0);
    expect(run(new NTXentLoss(), false, x, labels)).toBe(0);
    expect(run(new TripletMarginLoss(), false, x, labels)).toBe(0);
    x.dispose();
  });

  it('B = 1: SupCon with V = 2 has one positive and nothing else: log(1) = 0; V = 1 gives 0', () => {
    const x = unit([1, 2, 8], 5);
    expect(run(new SupConLoss(), true, x, [3])).toBeCloseTo(0, 6);
    expect(run(new SupConLoss({ variant: 'in' }), true, x, [3])).toBeCloseTo(0, 6);
    const single = unit([1, 1, 8], 6);
    expect(run(new SupConLoss(), true, single, [3])).toBe(0);
    // NT-Xent: one positive pair and no negatives -> log(1) = 0; triplet: no triplet -> 0
    expect(run(new NTXentLoss(), false, x, [3])).toBeCloseTo(0, 6);
    expect(run(new TripletMarginLoss(), false, x, [3])).toBe(0);
    tf.dispose([x, single]);
  });

  it('un-normalised large inputs stay finite (normalising losses)', () => {
    const x = tf.mul(unit([4, 2, 8], 8), 1e15);
    run(new NTXentLoss({ temperature: 0.01 }), false, x, [0, 1, 0, 1]);
    run(new SupConLoss({ temperature: 0.01, normalize: true }), true, x, [0, 1, 0, 1]);
    run(new TripletMarginLoss(), false, x, [0, 1, 0, 1]);
    x.dispose();
  });
});
