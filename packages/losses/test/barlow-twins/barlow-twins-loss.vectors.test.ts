import { tf, loadVectors, TEST_BACKENDS_WITH_WEBGPU, casesOn, selectBackend } from '../setup';
import { valueAndGrads, expectValue, expectGradient } from '../vector-checks';
import { BarlowTwinsLoss } from '../../src';

interface BarlowTwinsCase {
  name: string;
  z_a: number[][];
  z_b: number[][];
  lambda_param: number;
  loss: number;
  grad: { z_a: number[][]; z_b: number[][] };
}

const vectors = loadVectors<BarlowTwinsCase>('barlow_twins.json');

describe.each(TEST_BACKENDS_WITH_WEBGPU)('on %s', (backend) => {
  beforeAll(() => selectBackend(backend));

  describe(`BarlowTwinsLoss (${vectors.source.slice(0, 60)}...)`, () => {
    casesOn(backend, vectors.cases).forEach(({ c, i }) => {
      it(`case ${i}: ${c.name}, N=${c.z_a.length}, D=${c.z_a[0].length}, lambda ${c.lambda_param}`, async () => {
        const loss = new BarlowTwinsLoss({ lambda: c.lambda_param });
        const za = tf.variable(tf.tensor2d(c.z_a));
        const zb = tf.variable(tf.tensor2d(c.z_b));
        const { value, grads } = await valueAndGrads(() => loss.compute(tf.stack([za, zb], 1)), [za, zb]);
        expectValue(value, c.loss);
        // With N = 2 standardisation maps each feature to +-1 up to eps, so the gradient is O(eps / var),
        // left over from cancelling O(1) terms: float32 keeps ~3 digits of it (webgpu's shaders
        // round differently: 1.8e-3 on SwiftShader).
        const tolerance = c.z_a.length === 2 ? (backend === 'webgpu' ? 3e-3 : 1e-3) : 1e-4;
        expectGradient(grads[0], c.grad.z_a, tolerance);
        expectGradient(grads[1], c.grad.z_b, tolerance);
        tf.dispose([za, zb]);
      });
    });
  });
});
