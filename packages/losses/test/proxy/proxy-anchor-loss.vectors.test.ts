import { tf, loadVectors, TEST_BACKENDS_WITH_WEBGPU, casesOn, selectBackend } from '../setup';
import { valueAndGrads, expectValue, expectGradient } from '../vector-checks';
import { ProxyAnchorLoss } from '../../src';

interface ProxyAnchorCase {
  name: string;
  embeddings: number[][];
  labels: number[];
  num_classes: number;
  embedding_size: number;
  margin: number;
  alpha: number;
  proxies: number[][];
  loss: number;
  grad: { embeddings: number[][]; proxies: number[][] };
}

const vectors = loadVectors<ProxyAnchorCase>('pml_proxy_anchor.json');

describe.each(TEST_BACKENDS_WITH_WEBGPU)('on %s', (backend) => {
  beforeAll(() => selectBackend(backend));

  describe(`ProxyAnchorLoss (${vectors.source.slice(0, 60)}...)`, () => {
    casesOn(backend, vectors.cases).forEach(({ c, i }) => {
      it(`case ${i}: ${c.name}, N=${c.embeddings.length}, C=${c.num_classes}`, async () => {
        const loss = new ProxyAnchorLoss({
          numClasses: c.num_classes,
          embeddingSize: c.embedding_size,
          margin: c.margin,
          alpha: c.alpha,
          initialProxies: c.proxies,
        });
        const embeddings = tf.variable(tf.tensor2d(c.embeddings));
        const labels = tf.tensor1d(c.labels, 'int32');
        const { value, grads } = await valueAndGrads(() => loss.compute(embeddings, { labels }), [embeddings, ...loss.trainableVariables]);
        expectValue(value, c.loss);
        expectGradient(grads[0], c.grad.embeddings);
        expectGradient(grads[1], c.grad.proxies);
        tf.dispose([embeddings, labels]);
        loss.dispose();
      });
    });
  });
});
