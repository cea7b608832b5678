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

/**
 * Throws, naming `who`, when `backendName` is a GPU backend: for code that still reads tensors
 * synchronously (the evaluation metrics, the linear probe, feature extraction), a clear
 * error instead of tfjs' own deep inside the read (on webgpu in Node: "OffscreenCanvas is not
 * defined"). `remedy` says what to do instead.
 */
export function assertSynchronousReads(backendName: string, who: string, remedy: string): void {
  if (!isGpuBackend(backendName)) return;
  throw new Error(
    `${who} reads tensors synchronously, which the '${backendName}' backend cannot serve (it fails in ` +
      `Node and stalls the GPU queue in a browser); ${remedy}. See docs/backend.md, "GPU without libtensorflow".`,
  );
}
