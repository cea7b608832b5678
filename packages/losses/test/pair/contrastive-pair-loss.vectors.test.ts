import { tf, loadVectors, TEST_BACKENDS_WITH_WEBGPU, casesOn, selectBackend } from '../setup';
import { valueAndGrads, expectValue, expectGradient } from '../vector-checks';
import { ContrastivePairLoss } from '../../src';

interface ContrastiveCase {
  name: string;
  embeddings: number[][];
  labels: number[];
  distance: string;
  pos_margin: number;
  neg_margin: number;
  loss: number;
  grad: { embeddings: number[][] };
}

const vectors = loadVectors<ContrastiveCase>('pml_contrastive.json');

describe.each(TEST_BACKENDS_WITH_WEBGPU)('on %s', (backend) => {
  beforeAll(() => selectBackend(backend));

  describe(`ContrastivePairLoss (${vectors.source.slice(0, 60)}...)`, () => {
    casesOn(backend, vectors.cases).forEach(({ c, i }) => {
      it(`case ${i}: ${c.name}, N=${c.embeddings.length}, margins ${c.pos_margin} / ${c.neg_margin}`, async () => {
        const distance = c.distance.startsWith('LpDistance') ? 'euclidean' : 'cosine';
        const loss = new ContrastivePairLoss({ posMargin: c.pos_margin, negMargin: c.neg_margin, distance });
        const embeddings = tf.variable(tf.tensor2d(c.embeddings));
        const labels = tf.tensor1d(c.labels, 'int32');
        const { value, grads } = await valueAndGrads(() => loss.compute(embeddings, { labels }), [embeddings]);
        expectValue(value, c.loss);
        expectGradient(grads[0], c.grad.embeddings);
        tf.dispose([embeddings, labels]);
      });
    });
  });
});
