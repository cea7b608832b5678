// The page bundle of the browser suite: our packages as an application would bundle them (their
// ES module builds), with a small API on `window` that the suite drives through playwright.
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { useBackend, type BackendRequest, type UseBackendOptions } from '@contrastive/backend';
import { runLossVectors } from './loss-vectors';
import { trainSeedCnnSupCon } from '../lib/seed-cnn-supcon';

// tfjs looks for its .wasm files beside the script by default; the suite serves them here.
setWasmPaths('/wasm/');

/** Selects a backend: its name, or why it is not available here (useBackend's error). */
async function selectBackend(
  request: BackendRequest,
  options: Pick<UseBackendOptions, 'threads' | 'allowSoftwareGpu'> = {},
): Promise<{ backend: string; log: string[] } | { unavailable: string }> {
  const log: string[] = [];
  try {
    return { backend: await useBackend(request, { ...options, log: (line) => log.push(line) }), log };
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
}

const api = {
  selectBackend,
  runLossVectors,
  /** The training scenario, with `tf.memory().numTensors` before and after the whole run. */
  async trainSeedCnnSupCon(options: Parameters<typeof trainSeedCnnSupCon>[0]) {
    const tensorsBefore = tf.memory().numTensors;
    const run = await trainSeedCnnSupCon(options);
    return { ...run, tensorsBefore, tensorsAfter: tf.memory().numTensors };
  },
  environment: () => ({
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer !== 'undefined',
    webgpu: 'gpu' in navigator,
    backend: tf.getBackend(),
  }),
  /** The threads tfjs' wasm backend runs (after it was initialised). */
  wasmThreads: () => getThreadsCount(),
};

export type BrowserTestApi = typeof api;
(globalThis as unknown as { contrastiveTests: BrowserTestApi }).contrastiveTests = api;
document.title = 'contrastive browser tests: ready';
