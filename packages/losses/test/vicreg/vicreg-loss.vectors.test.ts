import { tf, loadVectors, TEST_BACKENDS_WITH_WEBGPU, casesOn, selectBackend } from '../setup';
import { valueAndGrads, expectValue, expectGradient } from '../vector-checks';
import { VICRegLoss } from '../../src';

interface VICRegCase {
  name: string;
  z_a: number[][];
  z_b: number[][];
  lambda_param: number;
  mu_param: number;
  nu_param: number;
  eps: number;
  loss: number;
  grad: { z_a: number[][]; z_b: number[][] };
}

const vectors = loadVectors<VICRegCase>('vicreg.json');

describe.each(TEST_BACKENDS_WITH_WEBGPU)('on %s', (backend) => {
  beforeAll(() => selectBackend(backend));

  describe(`VICRegLoss (${vectors.source.slice(0, 60)}...)`, () => {
    casesOn(backend, vectors.cases).forEach(({ c, i }) => {
      it(`case ${i}: ${c.name}, N=${c.z_a.length}, D=${c.z_a[0].length}`, async () => {
        const loss = new VICRegLoss({ lambda: c.lambda_param, mu: c.mu_param, nu: c.nu_param, eps: c.eps });
        const za = tf.variable(tf.tensor2d(c.z_a));
        const zb = tf.variable(tf.tensor2d(c.z_b));
        const { value, grads } = await valueAndGrads(() => loss.compute(tf.stack([za, zb], 1)), [za, zb]);
        expectValue(value, c.loss);
        expectGradient(grads[0], c.grad.z_a);
        expectGradient(grads[1], c.grad.z_b);
        tf.dispose([za, zb]);
      });
    });
  });
});
