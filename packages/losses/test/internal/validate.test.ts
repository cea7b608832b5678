import { tf, selectBackend } from '../setup';
import {
  ArcFaceLoss,
  BarlowTwinsLoss,
  ContrastivePairLoss,
  DCLLoss,
  DINOLoss,
  MultiSimilarityLoss,
  NegativeCosineLoss,
  NTXentLoss,
  ProxyAnchorLoss,
  SupConLoss,
  TripletMarginLoss,
  VICRegLoss,
} from '../../src';

const describeWebGpu = process.env.CONTRASTIVE_WEBGPU_TESTS === '1' ? describe : describe.skip;

/** Bad values and the loss calls that must reject them. */
const badInputs = () => {
  const nan = tf.tensor2d([
    [1, 0],
    [0, 1],
    [Number.NaN, 1],
    [1, 1],
  ]);
  const fine = tf.tensor2d([
    [1, 0],
    [0, 1],
    [1, 1],
    [1, 2],
  ]);
  const labels = tf.tensor1d([0, 0, 1, 1], 'int32');
  const fractional = tf.tensor1d([0, 0.5, 1, 1]);
  const outOfRange = tf.tensor1d([0, 0, 1, 3], 'int32');
  const reference = { embeddings: fine as tf.Tensor2D, labels: labels as tf.Tensor1D };
  const nanViews = tf.stack([nan, fine], 1);
  const nanCrops = tf.reshape(nan, [2, 2, 2]);
  const crops = tf.reshape(fine, [2, 2, 2]);
  const proxyAnchor = new ProxyAnchorLoss({ numClasses: 2, embeddingSize: 2 });
  const arcFace = new ArcFaceLoss({ numClasses: 2, embeddingSize: 2 });
  const dino = new DINOLoss({ outputDim: 2 });
  return {
    tensors: [nan, fine, labels, fractional, outOfRange, nanViews, nanCrops, crops, ...proxyAnchor.trainableVariables, arcFace.W],
    disposeLosses: () => dino.dispose(),
    calls: [
      () => new SupConLoss().compute(nan, { labels }),
      () => new SupConLoss().compute(fine, { labels: fractional }),
      () => new SupConLoss().computeWithReference(nan as tf.Tensor2D, labels as tf.Tensor1D, reference),
      () => new NTXentLoss().compute(nan, { labels }),
      () => new NTXentLoss().computeWithReference(nan as tf.Tensor2D, labels as tf.Tensor1D, reference),
      () => new TripletMarginLoss().compute(fine, { labels: fractional }),
      () => new BarlowTwinsLoss().compute(nanViews),
      () => new VICRegLoss().compute(nanViews),
      () => new DCLLoss().compute(nanViews),
      () => new ContrastivePairLoss().compute(fine, { labels: fractional }),
      () => new MultiSimilarityLoss().compute(nan, { labels }),
      () => proxyAnchor.compute(fine, { labels: outOfRange }),
      () => arcFace.compute(nan, { labels }),
      () => dino.compute(nanCrops, { teacher: crops }),
      () => new NegativeCosineLoss().compute(crops, { targets: nanCrops }),
    ],
  };
};

describe('value checks on CPU backends', () => {
  beforeAll(() => selectBackend('cpu'));

  it('throw at the call, naming the input', () => {
    const { tensors, calls, disposeLosses } = badInputs();
    for (const call of calls) expect(call).toThrow(/must (contain (finite values|integer class ids)|be class ids in \[0, 2\))/);
    disposeLosses();
    tf.dispose(tensors);
  });
});

describeWebGpu('value checks on webgpu (no synchronous read)', () => {
  beforeAll(() => selectBackend('webgpu'));
  afterAll(() => tf.setBackend('cpu'));

  it('turn the loss into NaN instead, which the training loop reports; good input is untouched, and nothing leaks', async () => {
    const { tensors, calls, disposeLosses } = badInputs();
    const before = tf.memory().numTensors;
    for (const call of calls) {
      const loss = call();
      expect((await loss.data())[0]).toBeNaN();
      loss.dispose();
    }
    const good = new SupConLoss().compute(tensors[1], { labels: tensors[2] as tf.Tensor1D });
    expect(Number.isFinite((await good.data())[0])).toBe(true);
    good.dispose();
    // DINO's centre moves on every call: the same variable, no new tensor.
    expect(tf.memory().numTensors).toBe(before);
    disposeLosses();
    tf.dispose(tensors);
  });
});
