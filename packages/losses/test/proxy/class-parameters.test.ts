import { tf } from '../setup';
import { ArcFaceLoss, ProxyAnchorLoss } from '../../src';

type ProxyLoss = ProxyAnchorLoss | ArcFaceLoss;

const makers: [string, (init?: tf.Tensor) => ProxyLoss, number[]][] = [
  ['ProxyAnchorLoss', (init) => new ProxyAnchorLoss({ numClasses: 3, embeddingSize: 4, initialProxies: init }), [3, 4]],
  ['ArcFaceLoss', (init) => new ArcFaceLoss({ numClasses: 3, embeddingSize: 4, initialWeights: init }), [4, 3]],
];

describe.each(makers)('%s class parameters', (name, make, shape) => {
  it('are trainable variables that an optimizer updates, lowering the loss', () => {
    const loss = make();
    const [parameters] = loss.trainableVariables;
    expect(parameters).toBeInstanceOf(tf.Variable);
    expect(parameters.trainable).toBe(true);
    expect(parameters.shape).toEqual(shape);
    const x = tf.randomNormal([6, 4], 0, 1, 'float32', 1);
    const labels = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
    const before = parameters.arraySync();
    const optimizer = tf.train.sgd(0.05);
    const value = () => tf.tidy(() => loss.compute(x, { labels }).dataSync()[0]);
    const start = value();
    for (let i = 0; i < 20; i++) {
      const { value: v, grads } = tf.variableGrads(() => loss.compute(x, { labels }), loss.trainableVariables);
      optimizer.applyGradients(grads);
      tf.dispose([v, ...Object.values(grads)]);
    }
    expect(parameters.arraySync()).not.toEqual(before);
    expect(value()).toBeLessThan(start);
    tf.dispose([x, labels]);
    optimizer.dispose();
    loss.dispose();
  });

  it('start from the given initial values (a tensor stays the caller\'s) or from a seeded default', () => {
    const init = tf.randomNormal(shape, 0, 1, 'float32', 2);
    const loss = make(init);
    expect(loss.trainableVariables[0].arraySync()).toEqual(init.arraySync());
    expect(init.isDisposed).toBe(false);
    const a = make();
    const b = make();
    expect(a.trainableVariables[0].arraySync()).toEqual(b.trainableVariables[0].arraySync());
    [loss, a, b].forEach((l) => l.dispose());
    expect(loss.trainableVariables[0].isDisposed).toBe(true);
    init.dispose();
  });

  it('names bad sizes and labels out of range', () => {
    expect(() => make(tf.ones([2, 2]))).toThrow(new RegExp(`${name}: options\\.initial\\w+ must have shape \\[${shape.join(', ')}\\], got \\[2, 2\\]`));
    const loss = make();
    const labels = tf.tensor1d([0, 1, 3, 0], 'int32');
    expect(() => loss.compute(tf.ones([4, 4]), { labels })).toThrow(/target\.labels must be class ids in \[0, 3\) \(numClasses = 3\)/);
    expect(() => loss.compute(tf.ones([4, 5]), { labels: tf.tensor1d([0, 1, 2, 0], 'int32') })).toThrow(/embeddingSize = 4 features/);
    loss.dispose();
  });
});
