import * as tf from '@tensorflow/tfjs-core';
import { isNode } from './native-bindings';
import { nodeRequire } from './node-require';

const WEBGPU_BACKEND_PACKAGE = '@tensorflow/tfjs-backend-webgpu';

/**
 * Loads @tensorflow/tfjs-backend-webgpu, which registers the `webgpu` backend factory on import,
 * but only if `navigator.gpu` exists at that moment: so it is loaded here, after
 * {@link probeWebGpu} has found (or, in Node, installed) `navigator.gpu`, never at the top of a
 * module. In Node through Node's `require` (both builds); in browsers through `import()`, which
 * bundlers follow. Resolves to why the factory is missing, if it is.
 */
export async function loadWebGpuBackend(): Promise<string | undefined> {
  if (tf.findBackendFactory('webgpu')) return undefined;
  const load = isNode() ? nodeRequire() : undefined;
  if (load) load(WEBGPU_BACKEND_PACKAGE);
  else await import('@tensorflow/tfjs-backend-webgpu');
  if (tf.findBackendFactory('webgpu')) return undefined;
  return (
    `${WEBGPU_BACKEND_PACKAGE} was imported before navigator.gpu existed, so it did not register ` +
    "its backend: let useBackend('webgpu') load it, instead of importing it yourself"
  );
}
