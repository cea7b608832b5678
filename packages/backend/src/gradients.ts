/**
 * tfjs-core's CommonJS bundle registers no gradient functions: `tf.grad` over a plain
 * `tf.sum` fails with "gradient function not found for Sum" unless some bundle that carries
 * the gradient configs has been loaded. tfjs-layers' bundle registers all of them (into tfjs'
 * global registry), so importing it here makes every package that uses the backend
 * differentiable, in Node and in bundlers alike.
 */
import '@tensorflow/tfjs-layers';
