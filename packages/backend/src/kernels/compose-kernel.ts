import * as tf from '@tensorflow/tfjs-core';

type KernelBackend = tf.KernelBackend & { incRef(dataId: object): void };

/**
 * Runs a kernel body written with ordinary tfjs ops. Inputs arrive as TensorInfos owned by the
 * engine, so each is wrapped in a Tensor that holds its own reference (incRef) and can be
 * disposed freely; the result's data gets one extra reference that the engine's output tensor
 * takes over, and every wrapper and intermediate is disposed before returning. Ops run inside a
 * kernel are not recorded on the gradient tape, so this is safe within `tf.grad`.
 */
export function composeKernel(
  backend: tf.KernelBackend,
  inputs: tf.TensorInfo[],
  body: (...tensors: tf.Tensor[]) => tf.Tensor,
): tf.TensorInfo {
  const owner = backend as KernelBackend;
  const engine = tf.engine();
  const wrapped = inputs.map((info) => {
    owner.incRef(info.dataId);
    return engine.makeTensorFromTensorInfo(info, backend);
  });
  try {
    const out = tf.tidy(() => body(...wrapped));
    owner.incRef(out.dataId);
    const result: tf.TensorInfo = { dataId: out.dataId, shape: out.shape.slice(), dtype: out.dtype };
    out.dispose();
    return result;
  } finally {
    tf.dispose(wrapped);
  }
}

/** Throws for layouts our composed kernels do not implement. */
export function assertChannelsLast(kernel: string, dataFormat: string | undefined): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new Error(
      `${kernel}: dataFormat '${dataFormat}' is not supported by @contrastive/backend (use NHWC)`,
    );
  }
}

/**
 * `[N, H, W, C]` -> `[N, (H-1)·sH+1, (W-1)·sW+1, C]` with sH-1 / sW-1 zero rows / columns
 * between the original ones: the "fractionally strided" input of a transposed convolution.
 */
export function dilateSpatial(x: tf.Tensor4D, strideHeight: number, strideWidth: number): tf.Tensor4D {
  if (strideHeight === 1 && strideWidth === 1) return x;
  const [n, h, w, c] = x.shape;
  const spread = tf.pad(tf.reshape(x, [n, h, 1, w, 1, c]), [
    [0, 0],
    [0, 0],
    [0, strideHeight - 1],
    [0, 0],
    [0, strideWidth - 1],
    [0, 0],
  ]);
  const flat = tf.reshape(spread, [n, h * strideHeight, w * strideWidth, c]);
  return tf.slice(
    flat,
    [0, 0, 0, 0],
    [n, (h - 1) * strideHeight + 1, (w - 1) * strideWidth + 1, c],
  ) as tf.Tensor4D;
}

/**
 * Applies possibly negative padding to the spatial dims of an NHWC tensor: positive values
 * pad with zeros, negative values crop, so composed kernels can handle any padding geometry.
 */
export function padOrCrop(
  x: tf.Tensor4D,
  top: number,
  bottom: number,
  left: number,
  right: number,
): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const cropTop = Math.max(0, -top);
  const cropBottom = Math.max(0, -bottom);
  const cropLeft = Math.max(0, -left);
  const cropRight = Math.max(0, -right);
  let out = x;
  if (cropTop || cropBottom || cropLeft || cropRight) {
    out = tf.slice(
      out,
      [0, cropTop, cropLeft, 0],
      [n, h - cropTop - cropBottom, w - cropLeft - cropRight, c],
    );
  }
  const padTop = Math.max(0, top);
  const padBottom = Math.max(0, bottom);
  const padLeft = Math.max(0, left);
  const padRight = Math.max(0, right);
  if (padTop || padBottom || padLeft || padRight) {
    out = tf.pad(out, [
      [0, 0],
      [padTop, padBottom],
      [padLeft, padRight],
      [0, 0],
    ]);
  }
  return out;
}
