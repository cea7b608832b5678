// The seeds' MNIST CNN training step shared by train-step.js, kernels.js and soak.js (not a benchmark
// itself: run.js only runs the .js files directly in tools/bench).
const tf = require('@tensorflow/tfjs-core');

let losses;
try {
  losses = require('../../../packages/losses/dist');
} catch {
  losses = undefined; // not built: fall back to the self-contained loss below
}

/** He-initialised weights of the seed CNN, as variables (deterministic per seed). */
function makeWeights() {
  let seed = 1;
  const he = (shape, fanIn) =>
    tf.variable(tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed++), Math.sqrt(2 / fanIn)));
  return {
    c1: he([3, 3, 1, 16], 9),
    b1: tf.variable(tf.zeros([16])),
    c2: he([3, 3, 16, 32], 144),
    b2: tf.variable(tf.zeros([32])),
    f1: he([7 * 7 * 32, 128], 7 * 7 * 32),
    g1: tf.variable(tf.zeros([128])),
    h: he([128, 128], 128),
    hb: tf.variable(tf.zeros([128])),
  };
}

/** Encoder + head forward: [N,28,28,1] -> L2-normalised [N,128]. */
function embed(w, x) {
  let y = tf.relu(tf.add(tf.conv2d(x, w.c1, 1, 'same'), w.b1));
  y = tf.maxPool(y, 2, 2, 'valid');
  y = tf.relu(tf.add(tf.conv2d(y, w.c2, 1, 'same'), w.b2));
  y = tf.maxPool(y, 2, 2, 'valid');
  y = tf.relu(tf.add(tf.matMul(tf.reshape(y, [y.shape[0], -1]), w.f1), w.g1));
  const z = tf.add(tf.matMul(y, w.h), w.hb);
  return tf.div(z, tf.maximum(tf.norm(z, 'euclidean', 1, true), 1e-12));
}

/**
 * Self-contained SimCLR-style (NT-Xent) loss over [B, 2, D] normalised embeddings, used only when
 * @contrastive/losses is not built: the positive of each view is the other view of its image.
 */
function ntXent(features, temperature = 0.1) {
  const [b, v, d] = features.shape;
  const z = tf.reshape(tf.transpose(features, [1, 0, 2]), [b * v, d]);
  const logits = tf.div(tf.matMul(z, z, false, true), temperature);
  const masked = tf.sub(logits, tf.mul(tf.eye(b * v), 1e9));
  const positives = tf.concat([tf.range(b, 2 * b, 1, 'int32'), tf.range(0, b, 1, 'int32')]);
  const logProb = tf.sub(masked, tf.logSumExp(masked, 1, true));
  return tf.neg(tf.mean(tf.sum(tf.mul(logProb, tf.oneHot(positives, b * v)), 1)));
}

function makeLoss() {
  if (losses && losses.SupConLoss) {
    const supcon = new losses.SupConLoss({ temperature: 0.1 });
    return {
      name: 'SupCon (@contrastive/losses)',
      fn: (features, labels) => supcon.compute(features, { labels }),
    };
  }
  return {
    name: 'NT-Xent (self-contained; @contrastive/losses not built)',
    fn: (features) => ntXent(features),
  };
}

/**
 * One SGD step of `embedViews` ([B, V, ...] -> [B, V, D]) and `loss` as a function of a batch:
 * resolves to the loss value. Reading the loss back makes the step finish; it is read
 * asynchronously, as the trainers do (a synchronous read fails on webgpu in Node, and costs the
 * same as this on cpu and wasm).
 */
function makeStep(variables, optimizer, loss, embedViews) {
  return async (x, labels) => {
    const cost = optimizer.minimize(() => loss.fn(embedViews(x), labels), true, variables);
    const value = (await cost.data())[0];
    cost.dispose();
    return value;
  };
}

/** {@link makeStep} for the seed CNN: x [B, V, 28, 28, 1], labels [B] int32. */
function makeSgdStep(weights, optimizer, loss) {
  return makeStep(Object.values(weights), optimizer, loss, (x) => {
    const [batch, views] = x.shape;
    const z = embed(weights, tf.reshape(x, [batch * views, 28, 28, 1]));
    return tf.reshape(z, [batch, views, 128]);
  });
}

module.exports = { makeWeights, embed, ntXent, makeLoss, makeStep, makeSgdStep };
