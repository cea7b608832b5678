// The page: settings, buttons and plots. Every tensor lives in the training worker; the page only
// sends what the user chose and draws what comes back.
import type { DatasetChoice, FromWorker, ParadigmInfo, RunState, ToWorker, TrainSettings } from './protocol';
import { EmbeddingPlot } from './page/embedding-plot';
import { LossChart } from './page/loss-chart';
import { describePicked, filesOfDrop, filesOfFolderInput, type PickedData } from './page/picked-files';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const ui = {
  backend: $('backend'),
  dataset: $<HTMLSelectElement>('dataset'),
  perClassField: $('per-class-field'),
  perClass: $<HTMLInputElement>('per-class'),
  files: $('files'),
  folderInput: $<HTMLInputElement>('folder-input'),
  csvInput: $<HTMLInputElement>('csv-input'),
  filesSummary: $('files-summary'),
  paradigm: $<HTMLSelectElement>('paradigm'),
  paradigmParts: $('paradigm-parts'),
  epochs: $<HTMLInputElement>('epochs'),
  batchSize: $<HTMLInputElement>('batch-size'),
  steps: $<HTMLInputElement>('steps'),
  train: $<HTMLButtonElement>('train'),
  pause: $<HTMLButtonElement>('pause'),
  stop: $<HTMLButtonElement>('stop'),
  download: $<HTMLButtonElement>('download'),
  status: $('status'),
  error: $('error'),
  scores: $('scores'),
  embeddingCaption: $('embedding-caption'),
};

const chart = new LossChart($('loss-chart'));
const plot = new EmbeddingPlot($<HTMLCanvasElement>('embedding'), $('legend'));
const worker = new Worker(new URL('worker.js', import.meta.url), { type: 'module' });
const send = (message: ToWorker) => worker.postMessage(message);

let paradigms: ParadigmInfo[] = [];
let picked: PickedData | undefined;
let state: RunState | 'idle' = 'idle';
let totalSteps = 0;
let hasModel = false;

/** A query parameter pins the backend (the browser tests use it); the default is auto. */
const pinnedBackend = new URLSearchParams(location.search).get('backend') as TrainSettings['backend'] | null;

function showError(message: string | undefined): void {
  ui.error.hidden = !message;
  ui.error.textContent = message ?? '';
}

function setState(next: RunState | 'idle', detail?: string): void {
  state = next;
  const busy = next === 'loading' || next === 'training' || next === 'paused' || next === 'evaluating';
  ui.train.disabled = busy || paradigms.length === 0;
  ui.pause.disabled = !(next === 'training' || next === 'paused');
  ui.pause.textContent = next === 'paused' ? 'Resume' : 'Pause';
  ui.stop.disabled = !busy;
  ui.download.disabled = busy || !hasModel;
  for (const input of [
    ui.dataset,
    ui.perClass,
    ui.paradigm,
    ui.epochs,
    ui.batchSize,
    ui.steps,
    ui.folderInput,
    ui.csvInput,
  ])
    input.disabled = busy;
  const text: Record<RunState | 'idle', string> = {
    idle: 'ready',
    loading: 'loading',
    training: 'training',
    paused: 'paused',
    evaluating: 'evaluating',
    done: 'done',
    stopped: 'stopped',
    failed: 'failed',
  };
  ui.status.textContent = detail ? `${text[next]}: ${detail}` : text[next];
  document.body.dataset.state = next;
}

function datasetChoice(): DatasetChoice | string {
  switch (ui.dataset.value) {
    case 'fashion-mnist': {
      const perClass = Number(ui.perClass.value);
      if (!Number.isInteger(perClass) || perClass < 2 || perClass > 1000)
        return 'training images per class: a whole number from 2 to 1000';
      return { kind: 'fashion-mnist', perClass };
    }
    case 'iris':
      return { kind: 'iris' };
    default:
      if (!picked) return 'choose or drop a folder of images (one sub-folder per class) or a CSV first';
      return picked.kind === 'csv'
        ? { kind: 'csv', file: picked.file }
        : { kind: 'image-folder', files: picked.files };
  }
}

function settings(): TrainSettings | string {
  const epochs = Number(ui.epochs.value);
  const batchSize = Number(ui.batchSize.value);
  const steps = ui.steps.value === '' ? undefined : Number(ui.steps.value);
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > 200) return 'epochs: a whole number from 1 to 200';
  if (!Number.isInteger(batchSize) || batchSize < 4 || batchSize > 512)
    return 'batch: a whole number from 4 to 512';
  if (steps !== undefined && (!Number.isInteger(steps) || steps < 1))
    return 'steps per epoch: a positive whole number, or empty for all';
  return { epochs, batchSize, maxStepsPerEpoch: steps, backend: pinnedBackend ?? 'auto' };
}

function usePicked(next: PickedData | undefined): void {
  picked = next;
  ui.filesSummary.textContent = next?.summary ?? 'nothing usable chosen';
}

ui.dataset.addEventListener('change', () => {
  ui.files.hidden = ui.dataset.value !== 'files';
  ui.perClassField.hidden = ui.dataset.value !== 'fashion-mnist';
});
ui.paradigm.addEventListener('change', () => {
  ui.paradigmParts.textContent = paradigms.find((p) => p.id === ui.paradigm.value)?.parts ?? '';
});
ui.folderInput.addEventListener('change', () =>
  usePicked(describePicked(filesOfFolderInput(ui.folderInput))),
);
ui.csvInput.addEventListener('change', () => {
  const file = ui.csvInput.files?.[0];
  usePicked(file ? describePicked([{ path: file.name, file }]) : undefined);
});
ui.files.addEventListener('dragover', (event) => {
  event.preventDefault();
  ui.files.classList.add('over');
});
ui.files.addEventListener('dragleave', () => ui.files.classList.remove('over'));
ui.files.addEventListener('drop', (event) => {
  event.preventDefault();
  ui.files.classList.remove('over');
  if (!event.dataTransfer) return;
  filesOfDrop(event.dataTransfer.items)
    .then((files) => usePicked(describePicked(files)))
    .catch((error: Error) => showError(`the dropped files could not be read: ${error.message}`));
});

ui.train.addEventListener('click', () => {
  const dataset = datasetChoice();
  const run = settings();
  if (typeof dataset === 'string' || typeof run === 'string') {
    showError(typeof dataset === 'string' ? dataset : (run as string));
    return;
  }
  showError(undefined);
  chart.clear();
  plot.clear();
  ui.scores.hidden = true;
  hasModel = false;
  setState('loading');
  send({ type: 'start', dataset, paradigm: ui.paradigm.value, settings: run });
});
ui.pause.addEventListener('click', () => {
  if (state === 'paused') {
    send({ type: 'resume' });
    return;
  }
  send({ type: 'pause' });
  // The worker says 'paused' once the step under way has finished.
  ui.pause.disabled = true;
  ui.status.textContent = 'pausing after this step…';
});
ui.stop.addEventListener('click', () => send({ type: 'stop' }));
ui.download.addEventListener('click', () => send({ type: 'export' }));

function downloadFile(fileName: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function percent(value: number): string {
  return `${(100 * value).toFixed(1)} %`;
}

worker.addEventListener('message', ({ data }: MessageEvent<FromWorker>) => {
  switch (data.type) {
    case 'ready':
      paradigms = data.paradigms;
      ui.paradigm.replaceChildren(...paradigms.map((p) => new Option(p.label, p.id)));
      ui.paradigmParts.textContent = paradigms[0]?.parts ?? '';
      setState('idle');
      break;
    case 'backend':
      ui.backend.textContent = `backend: ${data.name}`;
      ui.backend.title = data.line;
      ui.backend.dataset.backend = data.name;
      break;
    case 'dataset':
      plot.setClasses(data.classNames);
      ui.embeddingCaption.textContent = `2-D embedding of the test set (t-SNE), ${data.name}: ${data.train} train / ${data.test} test, ${data.classNames.length} classes`;
      break;
    case 'state':
      if (data.state === 'stopped' || data.state === 'done') hasModel = true;
      setState(data.state, data.detail);
      break;
    case 'step':
      totalSteps = data.totalSteps;
      chart.add(data.step, data.loss);
      if (state === 'training')
        ui.status.textContent = `training: epoch ${data.epoch + 1}, step ${data.step} of ${totalSteps}, loss ${data.loss.toFixed(4)}`;
      break;
    case 'embedding':
      plot.draw(data.points, data.labels, data.epoch);
      break;
    case 'embedding-unavailable':
      ui.embeddingCaption.textContent = ui.embeddingCaption.textContent + ` (${data.reason})`;
      break;
    case 'scores': {
      const table = document.createElement('table');
      for (const [name, value] of [
        ['kNN accuracy (test)', data.knn],
        ['linear-probe accuracy (test)', data.linearProbe],
      ] as const) {
        const row = table.insertRow();
        row.insertCell().textContent = name;
        row.insertCell().textContent = percent(value);
      }
      ui.scores.replaceChildren(table);
      ui.scores.dataset.knn = String(data.knn);
      ui.scores.dataset.linearProbe = String(data.linearProbe);
      ui.scores.hidden = false;
      break;
    }
    case 'model':
      downloadFile(data.fileName, data.zip);
      break;
    case 'error':
      showError(data.message);
      break;
  }
});
worker.addEventListener('error', (event) => {
  showError(`the training worker failed: ${event.message || 'it could not start (see the browser console)'}`);
  setState('failed');
});
