// The training worker: a TrainingSession driven by the page's messages, so the page stays
// responsive while tfjs computes.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { FromWorker, ToWorker } from '../protocol';
import { TrainingSession } from './training-session';

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  location: { href: string };
}
const scope = globalThis as unknown as WorkerScope;

// tfjs' .wasm files sit in wasm/ beside the page (the build copies them there).
setWasmPaths(new URL('wasm/', scope.location.href).href);

const session = new TrainingSession((message, transfer) => scope.postMessage(message, transfer ?? []));

scope.onmessage = ({ data }) => {
  switch (data.type) {
    case 'start':
      void session.start(data.dataset, data.paradigm, data.settings);
      break;
    case 'pause':
      session.pause();
      break;
    case 'resume':
      session.resume();
      break;
    case 'stop':
      session.stop();
      break;
    case 'export':
      session
        .exportModel()
        .catch((error: Error) =>
          scope.postMessage({ type: 'error', message: `the download failed: ${error.message}` }),
        );
      break;
  }
};
session.announce();
