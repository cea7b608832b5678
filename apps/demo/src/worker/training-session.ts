import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@contrastive/backend';
import type { LabeledDataset } from '@contrastive/datasets';
import type { ContrastiveModel } from '@contrastive/encoders';
import { project2d, TSNE_MAX_POINTS } from '@contrastive/eval';
import { defaultModelBuilder, Experiment, type ExperimentModel } from '@contrastive/trainers';
import type { DatasetChoice, FromWorker, RunState, TrainSettings } from '../protocol';
import { createBrowserRegistry } from './create-registry';
import { scoreFeatures } from './evaluate';
import { hostFeatures } from './host-features';
import { loadDataset } from './load-dataset';
import { MODEL_FOLDER, modelZip } from './model-zip';
import { availableParadigms, paradigmConfig } from './paradigms';
import { UserDatasetError } from './user-dataset-error';

/** Test examples drawn in the embedding plot (t-SNE of a few hundred points takes about a second). */
export const PLOTTED_POINTS = 300;

/** t-SNE needs this many points (packages/eval). */
const TSNE_MIN_POINTS = 4;

export type Post = (message: FromWorker, transfer?: Transferable[]) => void;

/**
 * One training run in the worker: picks the backend, loads the data, pre-trains with the chosen
 * paradigm, posts the loss of every step and a 2-D t-SNE of the test set after every epoch, then
 * the kNN and linear-probe accuracy; pause, resume and stop act between steps. Free of worker
 * globals, so Node tests drive it directly.
 */
export class TrainingSession {
  private readonly registry = createBrowserRegistry();
  private model: ContrastiveModel | undefined;
  private resumeGate: { wait: Promise<void>; open: () => void } | undefined;
  private stopRequested = false;
  private running = false;
  /** Training is waiting at the pause gate (no step runs until resume or stop). */
  private held = false;

  constructor(private readonly post: Post) {}

  /** The paradigms the page may offer: those the registry can build. */
  announce(): void {
    this.post({ type: 'ready', paradigms: availableParadigms(this.registry) });
  }

  /** Holds training at the next step's end; the page hears `paused` once it is held there. */
  pause(): void {
    if (!this.running || this.resumeGate) return;
    let open = () => undefined as void;
    const wait = new Promise<void>((resolve) => (open = resolve));
    this.resumeGate = { wait, open };
  }

  resume(): void {
    const gate = this.resumeGate;
    if (!gate) return;
    this.resumeGate = undefined;
    if (this.held) this.setState('training');
    this.held = false;
    gate.open();
  }

  stop(): void {
    this.stopRequested = true;
    this.resume();
  }

  async exportModel(): Promise<void> {
    if (!this.model) {
      this.post({ type: 'error', message: 'there is no trained model to download yet' });
      return;
    }
    const zip = await modelZip(this.model);
    this.post({ type: 'model', fileName: `${MODEL_FOLDER}.zip`, zip }, [zip.buffer]);
  }

  async start(dataset: DatasetChoice, paradigm: string, settings: TrainSettings): Promise<void> {
    if (this.running) {
      this.post({ type: 'error', message: 'a run is already in progress: stop it first' });
      return;
    }
    this.running = true;
    this.stopRequested = false;
    this.model?.dispose();
    this.model = undefined;
    try {
      await this.run(dataset, paradigm, settings);
    } catch (error) {
      const message =
        error instanceof UserDatasetError ||
        (error as Error).name === 'DatasetError' ||
        (error as Error).name === 'ConfigError'
          ? (error as Error).message
          : `training failed: ${(error as Error).message}`;
      this.post({ type: 'error', message });
      // The message stands in the page's error box; the status line just says the run failed.
      this.setState('failed');
    } finally {
      this.running = false;
      this.resumeGate = undefined;
      this.held = false;
    }
  }

  private async run(choice: DatasetChoice, paradigm: string, settings: TrainSettings): Promise<void> {
    this.setState('loading', 'choosing a backend');
    const name = await useBackend(settings.backend, {
      log: (line) => this.post({ type: 'backend', name: tf.getBackend(), line }),
      // A test pins webgpu on a software adapter; auto never picks one.
      allowSoftwareGpu: settings.backend === 'webgpu',
      // Where wasm runs, every core, if the page is cross-origin isolated (contrastive serve's headers).
      threads: wasmThreads(),
    });
    this.setState('loading', `loading the data on ${name}`);
    const dataset = await loadDataset(choice);
    this.post({
      type: 'dataset',
      name: dataset.name,
      classNames: dataset.classNames,
      train: dataset.train.size,
      test: dataset.test.size,
      exampleShape: dataset.train.exampleShape,
    });
    const config = paradigmConfig(paradigm, {
      exampleShape: dataset.train.exampleShape,
      numClasses: dataset.classNames.length,
      trainSize: dataset.train.size,
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      maxStepsPerEpoch: settings.maxStepsPerEpoch,
    });
    const experiment = new Experiment(config, this.registry, dataset, defaultModelBuilder);
    const model = experiment.buildModel() as ExperimentModel & ContrastiveModel;
    this.model = model;
    const plotted = evenlySpaced(dataset.test.size, Math.min(PLOTTED_POINTS, TSNE_MAX_POINTS));
    if (plotted.length < TSNE_MIN_POINTS) {
      this.post({
        type: 'embedding-unavailable',
        reason: `no 2-D map: the test split has ${plotted.length} examples and t-SNE needs at least ${TSNE_MIN_POINTS} (add more examples per class)`,
      });
    }
    await this.postEmbedding(model, dataset, plotted, 0);
    this.setState('training');
    const history = await experiment.pretrain(model, {
      callbacks: [
        {
          onStepEnd: async ({ step, totalSteps, epoch, loss, control }) => {
            this.post({ type: 'step', step: step + 1, totalSteps, epoch, loss });
            const gate = this.resumeGate;
            if (gate) {
              this.held = true;
              this.setState('paused');
              await gate.wait;
            }
            if (this.stopRequested) control.stop('stopped in the page');
          },
          onEpochEnd: async ({ epoch }) => {
            if (!this.stopRequested) await this.postEmbedding(model, dataset, plotted, epoch + 1);
          },
        },
      ],
    });
    if (history.stopReason) {
      this.setState('stopped', 'stopped: the model trained so far can be downloaded');
      return;
    }
    this.setState('evaluating', 'kNN and linear probe on the test split');
    const features = (x: tf.Tensor) => model.features(x);
    const scores = await scoreFeatures(
      dataset,
      await hostFeatures(features, dataset.train),
      await hostFeatures(features, dataset.test),
    );
    this.post({ type: 'scores', ...scores });
    this.setState('done');
  }

  /** The 2-D t-SNE of the plotted test examples' features, after `epoch` epochs (0: untrained). */
  private async postEmbedding(
    model: ContrastiveModel,
    dataset: LabeledDataset,
    indices: Int32Array,
    epoch: number,
  ): Promise<void> {
    if (indices.length < TSNE_MIN_POINTS) return;
    const features = await hostFeatures((x) => model.features(x), dataset.test, indices);
    const points = project2d(features, { method: 'tsne', seed: 0, iterations: 300 });
    const labels = Int32Array.from(indices, (i) => dataset.test.labels[i]);
    this.post({ type: 'embedding', epoch, method: 'tsne', points, labels }, [points.buffer, labels.buffer]);
  }

  private setState(state: RunState, detail?: string): void {
    this.post({ type: 'state', state, ...(detail ? { detail } : {}) });
  }
}

/** Threads for wasm: the cores, in a cross-origin isolated page (else tfjs runs one, and useBackend says why). */
function wasmThreads(): number | undefined {
  const scope = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  const cores = scope.navigator?.hardwareConcurrency ?? 1;
  return scope.crossOriginIsolated === true && cores > 1 ? cores : undefined;
}

/** `count` indices spread over `0..size-1` (the test split is grouped by class, so every class shows). */
function evenlySpaced(size: number, count: number): Int32Array {
  const n = Math.min(size, count);
  return Int32Array.from({ length: n }, (_, i) => Math.floor((i * size) / n));
}
