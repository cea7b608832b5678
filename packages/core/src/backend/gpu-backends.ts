/**
 * TensorFlow.js backends whose tensors live on a GPU behind a command queue. There a synchronous
 * read (`dataSync`) waits for the whole queue to drain (and on webgpu in Node it fails outright:
 * tfjs needs an OffscreenCanvas for it), so training, probe and evaluation loops read values
 * with `await tensor.data()`, and only as often as they need them.
 */
export const GPU_BACKENDS: readonly string[] = ['webgpu', 'webgl'];

/** True when `backendName` (e.g. `tf.getBackend()`) keeps tensors on a GPU: read asynchronously there. */
export function isGpuBackend(backendName: string): boolean {
  return GPU_BACKENDS.includes(backendName);
}
