import { tf, loadVectors, TEST_BACKENDS_WITH_WEBGPU, casesOn, selectBackend } from '../setup';
import { valueAndGrads, expectValue, expectGradient } from '../vector-checks';
import { ArcFaceLoss } from '../../src';

interface ArcFaceCase {
  name: string;
  embeddings: number[][];
  labels: number[];
  num_classes: number;
  embedding_size: number;
  margin_degrees: number;
  scale: number;
  W: number[][];
  loss: number;
  grad: { embeddings: number[][]; W: number[][] };
}

const vectors = loadVectors<ArcFaceCase>('pml_arcface.json');

describe.each(TEST_BACKENDS_WITH_WEBGPU)('on %s', (backend) => {
  beforeAll(() => selectBackend(backend));

  describe(`ArcFaceLoss (${vectors.source.slice(0, 60)}...)`, () => {
    casesOn(backend, vectors.cases).forEach(({ c, i }) => {
      it(`case ${i}: ${c.name}, N=${c.embeddings.length}, C=${c.num_classes}, margin ${c.margin_degrees} deg, scale ${c.scale}`, async () => {
        const loss = new ArcFaceLoss({
          numClasses: c.num_classes,
          embeddingSize: c.embedding_size,
          margin: c.margin_degrees,
          scale: c.scale,
          initialWeights: c.W,
        });
        const embeddings = tf.variable(tf.tensor2d(c.embeddings));
        const labels = tf.tensor1d(c.labels, 'int32');
        const { value, grads } = await valueAndGrads(() => loss.compute(embeddings, { labels }), [embeddings, loss.W]);
        expectValue(value, c.loss);
        expectGradient(grads[0], c.grad.embeddings);
        expectGradient(grads[1], c.grad.W);
        tf.dispose([embeddings, labels]);
        loss.dispose();
      });
    });
  });
});
