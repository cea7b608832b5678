import { tf, loadVectors, TEST_BACKENDS_WITH_WEBGPU, casesOn, selectBackend } from '../setup';
import { valueAndGrads, expectValue, expectGradient } from '../vector-checks';
import { MultiSimilarityLoss, MultiSimilarityMiner } from '../../src';

interface MinedPairs {
  a1: number[];
  p: number[];
  a2: number[];
  n: number[];
}
interface MultiSimilarityCase {
  name: string;
  embeddings: number[][];
  labels: number[];
  alpha: number;
  beta: number;
  base: number;
  miner: { epsilon: number } | null;
  mined_pairs: MinedPairs | null;
  loss: number;
  grad: { embeddings: number[][] };
}

const vectors = loadVectors<MultiSimilarityCase>('pml_multisimilarity.json');

/** The (anchor, other) pairs set in a mask, sorted as pml's miner output is. */
async function pairsOf(mask: tf.Tensor2D): Promise<[number[], number[]]> {
  const rows = await mask.array();
  const anchors: number[] = [];
  const others: number[] = [];
  rows.forEach((row, i) => row.forEach((v, j) => v === 1 && (anchors.push(i), others.push(j))));
  return [anchors, others];
}

describe.each(TEST_BACKENDS_WITH_WEBGPU)('on %s', (backend) => {
  beforeAll(() => selectBackend(backend));

  describe(`MultiSimilarityLoss and MultiSimilarityMiner (${vectors.source.slice(0, 60)}...)`, () => {
    casesOn(backend, vectors.cases).forEach(({ c, i }) => {
      it(`case ${i}: ${c.name}, N=${c.embeddings.length}`, async () => {
        const miner = c.miner ? new MultiSimilarityMiner({ epsilon: c.miner.epsilon }) : undefined;
        const loss = new MultiSimilarityLoss({ alpha: c.alpha, beta: c.beta, base: c.base, miner });
        const embeddings = tf.variable(tf.tensor2d(c.embeddings));
        const labels = tf.tensor1d(c.labels, 'int32');
        if (miner && c.mined_pairs) {
          const mined = miner.mine(embeddings as tf.Tensor as tf.Tensor2D, labels);
          expect(await pairsOf(mined.positive)).toEqual([c.mined_pairs.a1, c.mined_pairs.p]);
          expect(await pairsOf(mined.negative)).toEqual([c.mined_pairs.a2, c.mined_pairs.n]);
          tf.dispose([mined.positive, mined.negative]);
        }
        const { value, grads } = await valueAndGrads(() => loss.compute(embeddings, { labels }), [embeddings]);
        expectValue(value, c.loss);
        expectGradient(grads[0], c.grad.embeddings);
        tf.dispose([embeddings, labels]);
      });
    });
  });
});
