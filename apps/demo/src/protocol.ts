// The messages between the page and the training worker: the page never touches a tensor, the
// worker never touches the DOM.

/** A file the user dropped or picked, with its path inside the dropped folder (`class/name.png`). */
export interface PickedFile {
  path: string;
  file: Blob;
}

export type DatasetChoice =
  | { kind: 'fashion-mnist'; perClass: number }
  | { kind: 'iris' }
  | { kind: 'image-folder'; files: PickedFile[] }
  | { kind: 'csv'; file: PickedFile };

export interface TrainSettings {
  epochs: number;
  batchSize: number;
  /** Cap on steps per epoch (none: a pass over the training split). */
  maxStepsPerEpoch?: number;
  /** `auto` (WebGPU > WebGL > wasm) unless a test pins one. */
  backend: 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
}

/** A paradigm the worker's plugin registry can build: shown in the page's picker. */
export interface ParadigmInfo {
  id: string;
  label: string;
  /** The registry ids it is made of, e.g. `supcon loss, in-batch strategy`. */
  parts: string;
}

export type ToWorker =
  | { type: 'start'; dataset: DatasetChoice; paradigm: string; settings: TrainSettings }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'export' };

export type RunState = 'loading' | 'training' | 'paused' | 'evaluating' | 'done' | 'stopped' | 'failed';

export type FromWorker =
  | { type: 'ready'; paradigms: ParadigmInfo[] }
  | { type: 'backend'; name: string; line: string }
  | {
      type: 'dataset';
      name: string;
      classNames: string[];
      train: number;
      test: number;
      exampleShape: number[];
    }
  | { type: 'state'; state: RunState; detail?: string }
  | { type: 'step'; step: number; totalSteps: number; epoch: number; loss: number }
  | {
      type: 'embedding';
      epoch: number;
      method: 'tsne' | 'umap';
      /** Row-major (x0, y0, x1, y1, ...) of the plotted test examples. */
      points: Float32Array;
      labels: Int32Array;
    }
  /** No 2-D map for this dataset, and why (e.g. too few test examples). */
  | { type: 'embedding-unavailable'; reason: string }
  | { type: 'scores'; knn: number; linearProbe: number }
  | { type: 'model'; fileName: string; zip: Uint8Array }
  | { type: 'error'; message: string };
