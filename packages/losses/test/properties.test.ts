import fc from 'fast-check';
import { tf } from './setup';
import { NTXentLoss, SupConLoss, TripletMarginLoss, type ContrastiveLoss } from '../src';

const RUNS = 15;

/** A batch [B, V, D] of unit rows, labels in [0, classes), a permutation of the batch, and a scale. */
const batch = fc
  .record({ b: fc.integer({ min: 2, max: 6 }), v: fc.integer({ min: 1, max: 3 }), d: fc.integer({ min: 1, max: 5 }), classes: fc.integer({ min: 1, max: 4 }) })
  .chain(({ b, v, d, classes }) =>
    fc.record({
      b: fc.constant(b),
      v: fc.constant(v),
      d: fc.constant(d),
      values: fc.array(fc.integer({ min: -1000, max: 1000 }).filter((x) => x !== 0).map((x) => x / 1000), { minLength: b * v * d, maxLength: b * v * d }),
      labels: fc.array(fc.integer({ min: 0, max: classes - 1 }), { minLength: b, maxLength: b }),
      permutation: fc.shuffledSubarray([...Array(b).keys()], { minLength: b, maxLength: b }),
      rename: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 4, maxLength: 4 }),
      scale: fc.double({ min: 0.1, max: 100, noNaN: true }),
      temperature: fc.double({ min: 0.05, max: 1, noNaN: true }),
    }),
  );
type Batch = { b: number; v: number; d: number; values: number[]; labels: number[]; permutation: number[]; rename: number[]; scale: number; temperature: number };

function features(c: Batch, scale = 1, order?: number[]): tf.Tensor3D {
  return tf.tidy(() => {
    let x = tf.tensor3d(c.values, [c.b, c.v, c.d]);
    x = tf.div(x, tf.norm(x, 'euclidean', -1, true));
    if (order) x = tf.gather(x, tf.tensor1d(order, 'int32'));
    return tf.mul(x, scale);
  });
}

/** Loss value on [B, V, D] (views) or on the view-major [V*B, D] with tiled labels. */
function value(loss: ContrastiveLoss, x: tf.Tensor3D, labels: number[], views: boolean): number {
  return tf.tidy(() => {
    const [b, v, d] = x.shape;
    if (views) return loss.compute(x, { labels: tf.tensor1d(labels, 'int32') }).dataSync()[0];
    const flat = tf.reshape(tf.transpose(x, [1, 0, 2]), [b * v, d]);
    const tiled = Array.from({ length: v }, () => labels).flat();
    return loss.compute(flat, { labels: tf.tensor1d(tiled, 'int32') }).dataSync()[0];
  });
}

function close(a: number, b: number, tolerance = 2e-4): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

const losses = (t: number): [string, ContrastiveLoss, boolean][] => [
  ['supcon', new SupConLoss({ temperature: t }), true],
  ['supcon-in', new SupConLoss({ temperature: t, variant: 'in', noPositive: 'exclude' }), true],
  ['supcon one', new SupConLoss({ temperature: t, contrastMode: 'one' }), true],
  ['ntxent', new NTXentLoss({ temperature: t }), false],
  ['triplet', new TripletMarginLoss({ margin: 0.2 }), false],
  ['triplet batch-hard', new TripletMarginLoss({ mining: 'batch-hard', margin: 0.2 }), false],
];

describe('properties (fast-check)', () => {
  it('invariant to permuting the batch', () => {
    fc.assert(
      fc.property(batch, (c) => {
        for (const [, loss, views] of losses(c.temperature)) {
          const x = features(c);
          const permuted = features(c, 1, c.permutation);
          const same = close(value(loss, x, c.labels, views), value(loss, permuted, c.permutation.map((i) => c.labels[i]), views));
          tf.dispose([x, permuted]);
          if (!same) return false;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
  });

  it('invariant to renaming labels', () => {
    fc.assert(
      fc.property(batch, (c) => {
        for (const [, loss, views] of losses(c.temperature)) {
          const x = features(c);
          const renamed = c.labels.map((l) => c.rename[l] * 7 - 3);
          const same = close(value(loss, x, c.labels, views), value(loss, x, renamed, views));
          x.dispose();
          if (!same) return false;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
  });

  it('invariant to scaling the inputs where the loss normalises (NT-Xent, triplet, SupCon normalize: true)', () => {
    fc.assert(
      fc.property(batch, (c) => {
        const normalising: [ContrastiveLoss, boolean][] = [
          [new NTXentLoss({ temperature: c.temperature }), false],
          [new TripletMarginLoss({ margin: 0.2 }), false],
          // (semi-hard mining is left out: its band 0 < d_an - d_ap is discontinuous at ties, which rounding flips)
          [new TripletMarginLoss({ distance: 'cosine', margin: 0.3 }), false],
          [new SupConLoss({ temperature: c.temperature, normalize: true }), true],
        ];
        for (const [loss, views] of normalising) {
          const x = features(c);
          const scaled = features(c, c.scale);
          const same = close(value(loss, x, c.labels, views), value(loss, scaled, c.labels, views));
          tf.dispose([x, scaled]);
          if (!same) return false;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
  });

  it('L_in <= L_out (Jensen)', () => {
    fc.assert(
      fc.property(batch, (c) => {
        const x = features(c);
        const lIn = value(new SupConLoss({ temperature: c.temperature, variant: 'in' }), x, c.labels, true);
        const lOut = value(new SupConLoss({ temperature: c.temperature, variant: 'out' }), x, c.labels, true);
        x.dispose();
        return lIn <= lOut + 1e-5 * Math.max(1, lOut);
      }),
      { numRuns: RUNS },
    );
  });

  it('SupCon with identity labels equals SimCLR NT-Xent for V = 2', () => {
    fc.assert(
      fc.property(batch, (c) => {
        if (c.v !== 2) return true;
        const t = c.temperature;
        const x = features(c);
        const ids = [...Array(c.b).keys()];
        const supcon = value(new SupConLoss({ temperature: t, baseTemperature: t }), x, ids, true);
        const simclr = tf.tidy(() => {
          const [v1, v2] = tf.unstack(x, 1) as tf.Tensor2D[];
          return new NTXentLoss({ temperature: t }).computePairs(v1, v2).dataSync()[0];
        });
        const noLabels = tf.tidy(() => new SupConLoss({ temperature: t, baseTemperature: t }).compute(x).dataSync()[0]);
        x.dispose();
        return close(supcon, simclr) && close(noLabels, simclr);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
