import { tf, loadVectors, TEST_BACKENDS_WITH_WEBGPU, casesOn, selectBackend } from '../setup';
import { valueAndGrads, expectValue, expectGradient } from '../vector-checks';
import { NegativeCosineLoss } from '../../src';

/**
 * The size of d cos(p_n, z_n) / d p_n is ~1 / (N |p_n|): the floor for gradients that are 0 in exact
 * arithmetic (p parallel to z), where both sides hold only rounding noise.
 */
function naturalScale(p: number[][]): number {
  return 1 / (p.length * Math.max(...p.map((row) => Math.hypot(...row))));
}

interface SingleCase {
  name: string;
  kind: 'single';
  p: number[][];
  z: number[][];
  loss: number;
  grad: { p: number[][] };
}
interface SymmetricCase {
  name: string;
  kind: 'symmetric';
  p1: number[][];
  p2: number[][];
  z1: number[][];
  z2: number[][];
  loss: number;
  grad: { p1: number[][]; p2: number[][] };
}

const vectors = loadVectors<SingleCase | SymmetricCase>('negative_cosine.json');

describe.each(TEST_BACKENDS_WITH_WEBGPU)('on %s', (backend) => {
  beforeAll(() => selectBackend(backend));

  describe(`NegativeCosineLoss (${vectors.source.slice(0, 60)}...)`, () => {
    casesOn(backend, vectors.cases).forEach(({ c, i }) => {
      it(`case ${i}: ${c.name}`, async () => {
        if (c.kind === 'single') {
          const loss = new NegativeCosineLoss();
          const p = tf.variable(tf.tensor2d(c.p));
          const z = tf.variable(tf.tensor2d(c.z));
          const { value, grads } = await valueAndGrads(() => loss.compute(tf.expandDims(p, 1), { targets: tf.expandDims(z, 1) }), [p, z]);
          expectValue(value, c.loss);
          expectGradient(grads[0], c.grad.p, 1e-4, naturalScale(c.p));
          expect(grads[1]).toBeNull(); // targets are stop-gradient: not on the tape
          tf.dispose([p, z]);
        } else {
          const loss = new NegativeCosineLoss({ symmetric: true });
          const [p1, p2, z1, z2] = [c.p1, c.p2, c.z1, c.z2].map((x) => tf.variable(tf.tensor2d(x)));
          const { value, grads } = await valueAndGrads(() => loss.compute(tf.stack([p1, p2], 1), { targets: tf.stack([z1, z2], 1) }), [p1, p2, z1, z2]);
          expectValue(value, c.loss);
          expectGradient(grads[0], c.grad.p1, 1e-4, naturalScale(c.p1));
          expectGradient(grads[1], c.grad.p2, 1e-4, naturalScale(c.p2));
          expect([grads[2], grads[3]]).toEqual([null, null]);
          tf.dispose([p1, p2, z1, z2]);
        }
      });
    });
  });
});
