import { tf, maxRelativeError } from './setup';
import { NTXentLoss, SupConLoss, type ReferenceLoss } from '../src';

describe('computeWithReference', () => {
  const x = tf.tidy(() => {
    const r = tf.randomNormal([10, 6], 0, 1, 'float32', 9);
    return tf.div(r, tf.norm(r, 'euclidean', -1, true)) as tf.Tensor2D;
  });
  const labels = tf.tensor1d([0, 1, 2, 0, 1, 2, 3, 0, 1, 4], 'int32');
  const diagonal = new Int32Array([...Array(10).keys()]);

  it.each([
    ['supcon', new SupConLoss({ temperature: 0.1, baseTemperature: 0.1 })],
    ['supcon exclude', new SupConLoss({ temperature: 0.1, noPositive: 'exclude' })],
    ['supcon-in', new SupConLoss({ temperature: 0.2, variant: 'in', noPositive: 'exclude' })],
    ['ntxent', new NTXentLoss({ temperature: 0.1 })],
  ] as [string, ReferenceLoss][])('%s: the batch against itself with selfIndex = i equals compute (value and gradient)', (_, loss) => {
    const viaReference = tf.valueAndGrad((e: tf.Tensor) => loss.computeWithReference(e as tf.Tensor2D, labels, { embeddings: e as tf.Tensor2D, labels, selfIndex: diagonal }))(x);
    const viaCompute = tf.valueAndGrad((e: tf.Tensor) => loss.compute(e, { labels }))(x);
    expect(maxRelativeError(viaReference.value.dataSync(), viaCompute.value.dataSync(), 1e-6)).toBeLessThan(1e-5);
    expect(maxRelativeError(viaReference.grad.dataSync(), viaCompute.grad.dataSync(), 1e-3)).toBeLessThan(1e-4);
    tf.dispose([viaReference.value, viaReference.grad, viaCompute.value, viaCompute.grad]);
  });

  it('queries and reference as different tensors: gradients reach both', () => {
    const loss = new SupConLoss({ temperature: 0.1 });
    const q = tf.slice(x, [0, 0], [4, 6]) as tf.Tensor2D;
    const grads = tf.grads((a: tf.Tensor, r: tf.Tensor) => loss.computeWithReference(a as tf.Tensor2D, tf.slice(labels, 0, 4), { embeddings: r as tf.Tensor2D, labels }))([q, x]);
    expect(grads[0].shape).toEqual([4, 6]);
    expect(grads[1].shape).toEqual([10, 6]);
    expect(Math.max(...Array.from(grads[1].dataSync()).map(Math.abs))).toBeGreaterThan(0);
    tf.dispose([q, ...grads]);
  });
});
