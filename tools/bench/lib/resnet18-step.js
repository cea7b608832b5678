// The ResNet-18 (CIFAR stem) SupCon training step that train-step.js times with --model resnet18
// (not a benchmark itself): @contrastive/encoders' ResNet-18 (3x3 stem, no max-pool, batch norm),
// a 512 -> 128 linear head, L2-normalised, SupCon on [B, 2, 128], SGD. Input [B, V, 32, 32, 3].
const tf = require('@tensorflow/tfjs-core');

let encoders;
try {
  encoders = require('../../../packages/encoders/dist');
} catch {
  encoders = undefined;
}

/** The model's variables and its [B, V, 32, 32, 3] -> [B, V, 128] forward pass (training mode). */
function makeResNet18() {
  if (!encoders)
    throw new Error(
      '--model resnet18 needs @contrastive/encoders built: npx nx run @contrastive/encoders:build',
    );
  const encoder = encoders.createResNet({ inputShape: [32, 32, 3], depth: 18, seed: 1 });
  const head = tf.variable(tf.mul(tf.randomNormal([512, 128], 0, 1, 'float32', 2), Math.sqrt(1 / 512)));
  const embedViews = (x) => {
    const [batch, views] = x.shape;
    const features = encoder.apply(tf.reshape(x, [batch * views, 32, 32, 3]), { training: true });
    const z = tf.matMul(features, head);
    const normalised = tf.div(z, tf.maximum(tf.norm(z, 'euclidean', 1, true), 1e-12));
    return tf.reshape(normalised, [batch, views, 128]);
  };
  const variables = [...encoder.trainableWeights.map((w) => w.read()), head];
  return { variables, embedViews, dispose: () => (encoder.dispose(), head.dispose()) };
}

module.exports = { makeResNet18 };
