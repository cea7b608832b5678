import { tf, loadVectors, valueAndGrad, allFinite, TEST_BACKENDS_WITH_WEBGPU, selectBackend } from '../setup';
import { TripletMarginLoss, type TripletMining } from '../../src';

interface TripletCase {
  embeddings: number[][];
  labels: number[];
  margin: number;
  miner: 'none' | 'batch_hard' | 'semihard';
  distance: 'euclidean_normalized' | 'cosine';
  loss: number;
}

const MINING: Record<TripletCase['miner'], TripletMining> = { none: 'all', batch_hard: 'batch-hard', semihard: 'semi-hard' };
describe.each(TEST_BACKENDS_WITH_WEBGPU)('on %s', (backend) => {
  beforeAll(() => selectBackend(backend));

  const vectors = loadVectors<TripletCase>('triplet.json');

  describe(`TripletMarginLoss (${vectors.source})`, () => {
    vectors.cases.forEach((c, i) => {
      it(`case ${i}: N=${c.embeddings.length}, margin ${c.margin}, ${c.miner}, ${c.distance}`, async () => {
        const loss = new TripletMarginLoss({
          margin: c.margin,
          mining: MINING[c.miner],
          distance: c.distance === 'cosine' ? 'cosine' : 'euclidean',
        });
        const e = tf.tensor2d(c.embeddings);
        const labels = tf.tensor1d(c.labels, 'int32');
        const { value, grad } = await valueAndGrad((x) => loss.compute(x, { labels }), e);
        expect(Math.abs(value - c.loss) / c.loss).toBeLessThan(1e-4);
        expect(allFinite(grad)).toBe(true);
        tf.dispose([e, labels]);
      });
    });
  });
});
