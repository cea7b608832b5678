import { tf, loadVectors, flat, maxRelativeError, valueAndGrad, TEST_BACKENDS_WITH_WEBGPU, selectBackend } from '../setup';
import { NTXentLoss } from '../../src';

interface NTXentCase {
  kind: 'supervised' | 'selfsup_symmetric';
  embeddings: number[][];
  ref_emb?: number[][];
  labels?: number[];
  temperature: number;
  loss: number;
  grad?: number[][];
}

describe.each(TEST_BACKENDS_WITH_WEBGPU)('on %s', (backend) => {
  beforeAll(() => selectBackend(backend));

  const vectors = loadVectors<NTXentCase>('ntxent.json');

  describe(`NTXentLoss (${vectors.source})`, () => {
    vectors.cases.forEach((c, i) => {
      it(`case ${i}: ${c.kind}, N=${c.embeddings.length}, t=${c.temperature}`, async () => {
        const loss = new NTXentLoss({ temperature: c.temperature });
        const e = tf.tensor2d(c.embeddings);
        if (c.kind === 'supervised') {
          const labels = tf.tensor1d(c.labels!, 'int32');
          const { value, grad } = await valueAndGrad((x) => loss.compute(x, { labels }), e);
          expect(Math.abs(value - c.loss) / c.loss).toBeLessThan(1e-4);
          const g = flat(c.grad);
          expect(maxRelativeError(grad, g, Math.max(...g.map(Math.abs)))).toBeLessThan(1e-4);
          labels.dispose();
        } else {
          const r = tf.tensor2d(c.ref_emb!);
          const value = loss.computePairs(e, r);
          expect(Math.abs((await value.data())[0] - c.loss) / c.loss).toBeLessThan(1e-4);
          // the documented equivalence: compute on concat([e, r]) with labels [0..N-1, 0..N-1]
          const n = c.embeddings.length;
          const both = tf.concat([e, r]);
          const labels = tf.tensor1d([...Array(n).keys(), ...Array(n).keys()], 'int32');
          const viaCompute = loss.compute(both, { labels });
          expect(Math.abs((await viaCompute.data())[0] - c.loss) / c.loss).toBeLessThan(1e-4);
          tf.dispose([r, value, both, labels, viaCompute]);
        }
        e.dispose();
      });
    });
  });
});
