import * as tf from '@tensorflow/tfjs-core';
import type { ViewGroup } from '@contrastive/augment';

/**
 * `[B, V, ...item]` views resized to the model's input when their spatial size differs. Our
 * encoders have fixed input shapes (the small CNN flattens), so DINO's smaller local crops are
 * sampled at their own size (a low-resolution look at a small region) and then upsampled
 * (bilinear) to the input size for the forward pass; an encoder with global pooling and free
 * spatial dimensions would take them as they are.
 */
export function fitViewsToInput(views: tf.Tensor, inputShape: readonly number[], who: string): tf.Tensor {
  const item = views.shape.slice(2);
  if (item.length === inputShape.length && item.every((d, i) => d === inputShape[i])) return views;
  if (item.length !== 3 || inputShape.length !== 3 || item[2] !== inputShape[2]) {
    throw new Error(
      `${who}: views of shape [${item.join(', ')}] cannot feed a model whose input is [${inputShape.join(', ')}]; ` +
        'only image views of another height/width are resized',
    );
  }
  return tf.tidy(() => {
    const [batch, count] = views.shape;
    const flat = tf.reshape(views, [batch * count, item[0], item[1], item[2]]) as tf.Tensor4D;
    const resized = tf.image.resizeBilinear(flat, [inputShape[0], inputShape[1]]);
    return tf.reshape(resized, [batch, count, ...inputShape]);
  });
}

/** `[B, V, D]` over every group, in view order, with `embed` mapping `[B, V_g, ...input]` to `[B, V_g, D]`. */
export function embedViewGroups(
  groups: readonly ViewGroup[],
  inputShape: readonly number[],
  embed: (views: tf.Tensor) => tf.Tensor,
  who: string,
): tf.Tensor3D {
  const parts = groups.map((group) => embed(fitViewsToInput(group.views, inputShape, who)));
  return (parts.length === 1 ? parts[0] : tf.concat(parts, 1)) as tf.Tensor3D;
}

/** Views `[B, V, ...]` embedded by a model that takes `[N, ...]`: one pass over `B * V` examples. */
export function embedFlat(views: tf.Tensor, embed: (x: tf.Tensor) => tf.Tensor): tf.Tensor {
  const [batch, count, ...item] = views.shape;
  const out = embed(tf.reshape(views, [batch * count, ...item]));
  return tf.reshape(out, [batch, count, out.shape[1] as number]);
}
