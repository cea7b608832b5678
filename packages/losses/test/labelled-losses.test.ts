import { tf, allFinite } from './setup';
import {
  ArcFaceLoss,
  ContrastivePairLoss,
  MultiSimilarityLoss,
  MultiSimilarityMiner,
  ProxyAnchorLoss,
  type ContrastiveLoss,
} from '../src';

type LabelledLoss = ContrastiveLoss & { trainableVariables?: tf.Variable[]; dispose?: () => void };

const losses: [string, () => LabelledLoss][] = [
  ['ContrastivePairLoss euclidean', () => new ContrastivePairLoss()],
  ['ContrastivePairLoss cosine', () => new ContrastivePairLoss({ distance: 'cosine', posMargin: 1, negMargin: 0 })],
  ['MultiSimilarityLoss', () => new MultiSimilarityLoss()],
  ['MultiSimilarityLoss + miner', () => new MultiSimilarityLoss({ miner: new MultiSimilarityMiner() })],
  ['ProxyAnchorLoss', () => new ProxyAnchorLoss({ numClasses: 3, embeddingSize: 8 })],
  ['ArcFaceLoss', () => new ArcFaceLoss({ numClasses: 3, embeddingSize: 8 })],
];

/** Value and gradients with respect to the embeddings and the loss's own parameters. */
function valueAndGradients(loss: LabelledLoss, x: tf.Variable, labels: tf.Tensor1D): { value: number; grads: Float32Array[] } {
  const variables = [x, ...(loss.trainableVariables ?? [])];
  const { value, grads } = tf.variableGrads(() => loss.compute(x, { labels }), variables);
  const out = { value: value.dataSync()[0], grads: variables.map((v) => grads[v.name].dataSync() as Float32Array) };
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

describe.each(losses)('%s on [N, D] with labels', (name, make) => {
  const loss = make();
  afterAll(() => loss.dispose?.());

  it('is finite, with finite gradients, on degenerate batches (duplicates, one class, zero rows)', () => {
    const cases: [tf.Tensor2D, number[]][] = [
      [tf.ones([4, 8]), [0, 0, 1, 1]],
      [tf.randomNormal([4, 8], 0, 1, 'float32', 5), [2, 2, 2, 2]],
      [tf.tidy(() => tf.concat([tf.zeros([2, 8]), tf.randomNormal([2, 8], 0, 1, 'float32', 6)])), [0, 1, 0, 2]],
    ];
    for (const [embeddings, labelValues] of cases) {
      const x = tf.variable(embeddings);
      const labels = tf.tensor1d(labelValues, 'int32');
      const { value, grads } = valueAndGradients(loss, x, labels);
      expect(Number.isFinite(value)).toBe(true);
      grads.forEach((g) => expect(allFinite(g)).toBe(true));
      tf.dispose([x, labels, embeddings]);
    }
  });

  it('leaks no tensor over 50 compute + gradient calls', () => {
    const x = tf.variable(tf.randomNormal([6, 8], 0, 1, 'float32', 7));
    const labels = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
    const step = () => {
      loss.compute(x, { labels }).dispose();
      valueAndGradients(loss, x, labels);
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, labels]);
  });

  it('names bad input: views instead of rows, missing or bad labels, non-finite values', () => {
    const x = tf.ones([4, 8]);
    expect(() => loss.compute(tf.ones([4, 2, 8]), { labels: tf.tensor1d([0, 1, 0, 1], 'int32') })).toThrow(/flatten \[B, V, D\] views to \[V\*B, D\]/);
    expect(() => loss.compute(x)).toThrow(/target.labels \[4\] \(int32 class ids\) is required/);
    expect(() => loss.compute(x, { labels: tf.tensor1d([0, 1, 2], 'int32') })).toThrow(/target.labels has 3 entries but the batch has 4/);
    expect(() => loss.compute(x, { labels: tf.tensor1d([0, 1.5, 2, 1]) })).toThrow(/target.labels must (contain integer class ids|have dtype int32)/);
    expect(() => loss.compute(x, { mask: tf.eye(4) as tf.Tensor2D })).toThrow(/target.mask is not supported/);
    expect(() => loss.compute(tf.fill([4, 8], Number.NaN), { labels: tf.tensor1d([0, 1, 0, 1], 'int32') })).toThrow(
      new RegExp(`${name.split(' ')[0]}.compute: embeddings must contain finite values`),
    );
  });
});

describe('a loss that is 0 stays connected to its inputs with a zero gradient', () => {
  it('the multi-similarity miner finds nothing in separated clusters', () => {
    const loss = new MultiSimilarityLoss({ miner: new MultiSimilarityMiner({ epsilon: 0.1 }) });
    const x = tf.variable(tf.tensor2d([[1, 0, 0], [0.99, 0.1, 0], [0, 1, 0], [0.1, 0.99, 0]]));
    const labels = tf.tensor1d([0, 0, 1, 1], 'int32');
    const optimizer = tf.train.sgd(0.1);
    const { value, grads } = tf.variableGrads(() => loss.compute(x, { labels }), [x]);
    expect(value.dataSync()[0]).toBe(0);
    expect(Array.from(grads[x.name].dataSync()).every((g) => g === 0)).toBe(true);
    optimizer.applyGradients(grads);
    tf.dispose([value, grads[x.name], x, labels]);
    optimizer.dispose();
  });

  it('the contrastive pair loss with every pair inside its margins', () => {
    const loss = new ContrastivePairLoss({ posMargin: 2.5, negMargin: 0 });
    const x = tf.variable(tf.randomNormal([5, 4], 0, 1, 'float32', 8));
    const labels = tf.tensor1d([0, 1, 0, 1, 2], 'int32');
    const { value, grads } = tf.variableGrads(() => loss.compute(x, { labels }), [x]);
    expect(value.dataSync()[0]).toBe(0);
    expect(Array.from(grads[x.name].dataSync()).every((g) => g === 0)).toBe(true);
    tf.dispose([value, grads[x.name], x, labels]);
  });

  it('the contrastive pair loss on one sample (no pairs at all)', () => {
    const loss = new ContrastivePairLoss();
    const x = tf.variable(tf.ones([1, 4]));
    const labels = tf.tensor1d([0], 'int32');
    const { value, grads } = tf.variableGrads(() => loss.compute(x, { labels }), [x]);
    expect(value.dataSync()[0]).toBe(0);
    expect(Array.from(grads[x.name].dataSync()).every((g) => g === 0)).toBe(true);
    tf.dispose([value, grads[x.name], x, labels]);
  });
});
