import { tf, loadVectors, TEST_BACKENDS_WITH_WEBGPU, casesOn, selectBackend } from '../setup';
import { valueAndGrads, expectValue, expectGradient } from '../vector-checks';
import { DCLLoss, DCLWLoss } from '../../src';

interface DCLCase {
  name: string;
  loss_class: 'DCLLoss' | 'DCLWLoss';
  out0: number[][];
  out1: number[][];
  temperature: number;
  sigma: number | null;
  loss: number;
  grad: { out0: number[][]; out1: number[][] };
  weights?: number[];
}

const vectors = loadVectors<DCLCase>('dcl.json');

describe.each(TEST_BACKENDS_WITH_WEBGPU)('on %s', (backend) => {
  beforeAll(() => selectBackend(backend));

  describe(`DCLLoss and DCLWLoss (${vectors.source.slice(0, 60)}...)`, () => {
    casesOn(backend, vectors.cases).forEach(({ c, i }) => {
      it(`case ${i}: ${c.name}, N=${c.out0.length}, t=${c.temperature}${c.sigma === null ? '' : `, sigma ${c.sigma}`}`, async () => {
        const loss = c.loss_class === 'DCLLoss' ? new DCLLoss({ temperature: c.temperature }) : new DCLWLoss({ temperature: c.temperature, sigma: c.sigma ?? undefined });
        const out0 = tf.variable(tf.tensor2d(c.out0));
        const out1 = tf.variable(tf.tensor2d(c.out1));
        const { value, grads } = await valueAndGrads(() => loss.compute(tf.stack([out0, out1], 1)), [out0, out1]);
        expectValue(value, c.loss);
        expectGradient(grads[0], c.grad.out0);
        expectGradient(grads[1], c.grad.out1);
        if (loss instanceof DCLWLoss && c.weights) {
          const weights = loss.weights(out0 as tf.Tensor as tf.Tensor2D, out1 as tf.Tensor as tf.Tensor2D);
          expectGradient(await weights.data(), c.weights);
          weights.dispose();
        }
        tf.dispose([out0, out1]);
      });
    });
  });
});
