import { tf, allFinite } from '../setup';
import { TripletMarginLoss, type TripletMining } from '../../src';

/**
 * The O(N^3) definition, written out on the host: mean of relu(d_ap - d_an + margin) over the
 * selected triplets with a non-zero loss, and its gradient with respect to the distance matrix.
 */
function bruteForce(d: number[][], labels: number[], margin: number, mining: TripletMining): { value: number; dd: number[][] } {
  const n = labels.length;
  const dd = d.map((row) => row.map(() => 0));
  let sum = 0;
  let count = 0;
  for (let a = 0; a < n; a++)
    for (let p = 0; p < n; p++) {
      if (p === a || labels[p] !== labels[a]) continue;
      for (let q = 0; q < n; q++) {
        if (labels[q] === labels[a]) continue;
        const gap = d[a][q] - d[a][p];
        if (mining === 'semi-hard' && !(gap > 0 && gap <= margin)) continue;
        const loss = d[a][p] - d[a][q] + margin;
        if (loss > 0) {
          sum += loss;
          count += 1;
          dd[a][p] += 1;
          dd[a][q] -= 1;
        }
      }
    }
  const scale = Math.max(count, 1);
  return { value: sum / scale, dd: dd.map((row) => row.map((g) => g / scale)) };
}

describe.each(['all', 'semi-hard'] as const)('TripletMarginLoss %s mining by sorting equals the O(N^3) definition', (mining) => {
  it.each([
    [12, 3, 0.2, 1],
    [30, 4, 0.1, 2],
    [40, 8, 0.5, 3],
    [16, 16, 0.1, 4], // unique labels: no positives
    [16, 1, 0.1, 5], // one class: no negatives
  ])('N=%i, %i classes, margin %f (seed %i): value and gradient', (n, classes, margin, seed) => {
    const loss = new TripletMarginLoss({ mining, margin, distance: 'cosine' });
    const x = tf.randomNormal([n, 6], 0, 1, 'float32', seed);
    const labels = Array.from({ length: n }, (_, i) => i % classes);
    const labelTensor = tf.tensor1d(labels, 'int32');
    // With cosine "distance" d = -s; the gradient with respect to x follows from dL/dd by the chain rule,
    // so compare dL/dd by differentiating through a distance matrix given as the input.
    const unit = tf.tidy(() => tf.div(x, tf.norm(x, 'euclidean', 1, true)));
    const d = tf.tidy(() => tf.neg(tf.matMul(unit, unit, false, true)));
    const expected = bruteForce(d.arraySync() as number[][], labels, margin, mining);
    const { value, grad } = tf.valueAndGrad((e: tf.Tensor) => loss.compute(e, { labels: labelTensor }))(x);
    expect(value.dataSync()[0]).toBeCloseTo(expected.value, 5);
    // dL/dx = -(G + G^T) u-projection...; check it against the chain rule applied to the brute-force dL/dd.
    const expectedGrad = tf.tidy(() => {
      const dd = tf.tensor2d(expected.dd);
      const ds = tf.neg(tf.add(dd, tf.transpose(dd))); // d = -u u^T
      const du = tf.matMul(ds, unit);
      const norms = tf.norm(x, 'euclidean', 1, true);
      // d(u)/dx for u = x / |x|: (du - u (u . du)) / |x|
      return tf.div(tf.sub(du, tf.mul(unit, tf.sum(tf.mul(unit, du), 1, true))), norms);
    });
    const got = grad.dataSync();
    const want = expectedGrad.dataSync();
    expect(allFinite(got)).toBe(true);
    const scale = Math.max(1e-6, ...Array.from(want, Math.abs));
    got.forEach((g, i) => expect(Math.abs(g - want[i])).toBeLessThan(1e-4 * scale + 1e-7));
    tf.dispose([x, labelTensor, unit, d, value, grad, expectedGrad]);
  });
});
