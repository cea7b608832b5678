import { tf, selectBackend } from '../setup';
import { NTXentLoss, SupConLoss, TripletMarginLoss } from '../../src';

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
  const reference = { embeddings: fine as tf.Tensor2D, labels: labels as tf.Tensor1D };
  return {
    tensors: [nan, fine, labels, fractional],
    calls: [
      () => new SupConLoss().compute(nan, { labels }),
      () => new SupConLoss().compute(fine, { labels: fractional }),
      () => new SupConLoss().computeWithReference(nan as tf.Tensor2D, labels as tf.Tensor1D, reference),
      () => new NTXentLoss().compute(nan, { labels }),
      () => new NTXentLoss().computeWithReference(nan as tf.Tensor2D, labels as tf.Tensor1D, reference),
      () => new TripletMarginLoss().compute(fine, { labels: fractional }),
    ],
  };
};

describe('value checks on CPU backends', () => {
  beforeAll(() => selectBackend('cpu'));

  it('throw at the call, naming the input', () => {
    const { tensors, calls } = badInputs();
    for (const call of calls) expect(call).toThrow(/must contain (finite values|integer class ids)/);
    tf.dispose(tensors);
  });
});

describeWebGpu('value checks on webgpu (no synchronous read)', () => {
  beforeAll(() => selectBackend('webgpu'));
  afterAll(() => tf.setBackend('cpu'));

  it('turn the loss into NaN instead, which the training loop reports; good input is untouched, and nothing leaks', async () => {
    const { tensors, calls } = badInputs();
    const before = tf.memory().numTensors;
    for (const call of calls) {
      const loss = call();
      expect((await loss.data())[0]).toBeNaN();
      loss.dispose();
    }
    const good = new SupConLoss().compute(tensors[1], { labels: tensors[2] as tf.Tensor1D });
    expect(Number.isFinite((await good.data())[0])).toBe(true);
    good.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(tensors);
  });
});
