import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { AdamOptimizer } from '../../src/optim/adam';
import { LarsOptimizer } from '../../src/optim/lars';
import { SgdOptimizer } from '../../src/optim/sgd';

beforeAll(() => tf.setBackend('cpu'));

function run(optimizer: { applyGradients: SgdOptimizer['applyGradients'] }, grads: number[][], lr: number) {
  const w = tf.variable(tf.tensor1d([1, -2]), true, 'dense/kernel');
  for (const g of grads) {
    const gradient = tf.tensor1d(g);
    optimizer.applyGradients([w], { [w.name]: gradient }, lr);
    gradient.dispose();
  }
  const out = Array.from(w.dataSync());
  w.dispose();
  return out;
}

describe('SgdOptimizer', () => {
  it('matches PyTorch momentum + weight decay by hand', () => {
    const sgd = new SgdOptimizer({
      momentum: 0.9,
      weightDecay: 0.1,
      nesterov: false,
      decayBiasAndNorm: true,
    });
    // step 1: g' = g + 0.1 w = [0.5+0.1, 1-0.2] = [0.6, 0.8]; buf = g'; w = [1-0.06, -2-0.08]
    // step 2: g' = [0.5+0.094, 1-0.208] = [0.594, 0.792]; buf = 0.9*[0.6,0.8]+g' = [1.134, 1.512]
    const w = run(
      sgd,
      [
        [0.5, 1],
        [0.5, 1],
      ],
      0.1,
    );
    expect(w[0]).toBeCloseTo(0.94 - 0.1134, 6);
    expect(w[1]).toBeCloseTo(-2.08 - 0.1512, 6);
    sgd.dispose();
  });
});

describe('AdamOptimizer', () => {
  it('takes a first step of size lr in the gradient sign direction', () => {
    const adam = new AdamOptimizer({
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      weightDecay: 0,
      decoupled: false,
    });
    const w = run(adam, [[0.3, -4]], 0.01);
    expect(w[0]).toBeCloseTo(0.99, 5);
    expect(w[1]).toBeCloseTo(-1.99, 5);
    adam.dispose();
  });
});

describe('LarsOptimizer', () => {
  it('scales weight updates by the trust ratio and leaves biases unscaled', () => {
    const lars = new LarsOptimizer({ momentum: 0, weightDecay: 0, trustCoefficient: 0.001, epsilon: 0 });
    const kernel = tf.variable(tf.tensor2d([[3, 4]]), true, 'dense/kernel');
    const bias = tf.variable(tf.tensor1d([1]), true, 'dense/bias');
    const gk = tf.tensor2d([[0, 10]]);
    const gb = tf.tensor1d([2]);
    lars.applyGradients([kernel, bias], { [kernel.name]: gk, [bias.name]: gb }, 1);
    // trust ratio = 0.001 * 5 / 10 = 5e-4 -> update = [0, 5e-3]
    const k = kernel.dataSync();
    expect(k[0]).toBeCloseTo(3, 7);
    expect(k[1]).toBeCloseTo(4 - 5e-3, 6);
    expect(bias.dataSync()[0]).toBeCloseTo(-1, 7);
    tf.dispose([kernel, bias, gk, gb]);
    lars.dispose();
  });
});

describe('optimizer state', () => {
  it('round-trips so a restored optimizer continues identically, without leaking', async () => {
    const make = () =>
      new SgdOptimizer({ momentum: 0.9, weightDecay: 0, nesterov: false, decayBiasAndNorm: true });
    const straight = make();
    const expected = run(
      straight,
      [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
      0.1,
    );

    const first = make();
    const w = tf.variable(tf.tensor1d([1, -2]), true, 'resumed/kernel');
    const g = tf.tensor1d([1, 1]);
    first.applyGradients([w], { [w.name]: g }, 0.1);
    const state = await first.getState();
    const resumed = make();
    resumed.setState(state);
    const before = tf.memory().numTensors;
    resumed.applyGradients([w], { [w.name]: g }, 0.1);
    resumed.applyGradients([w], { [w.name]: g }, 0.1);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(w.dataSync())[0]).toBeCloseTo(expected[0], 6);
    tf.dispose([w, g]);
    [straight, first, resumed].forEach((o) => o.dispose());
  });
});
