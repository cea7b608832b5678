import { ConfigError, type ExperimentConfig, type PluginKind, type PluginRegistry } from '@contrastive/core';
import { checkLabeledDataset, type LabeledDataset } from '@contrastive/datasets';
import type { RunIdentity } from '../checkpoint/run-identity';
import { SplitBatchSource } from '../trainers/split-batch-source';
import type { TrainableModel } from '../trainers/trainable-model';

/** The trainer of each stage: the configured one (pre-training) and the cross-entropy baseline. */
export const CROSS_ENTROPY_TRAINER = { id: 'cross-entropy', options: {} };

/**
 * Everything about an experiment that can be known before the first step: the data is usable
 * (a `DatasetError`), the batch fits the training split, every plugin builds from its options,
 * and each stage's trainer accepts its strategy, loss and batch (a `ConfigError` naming the
 * setting), including what a part needs of the model (MoCo clones it: `buildModel` is called
 * once, only when a part asks). An impossible config fails here instead of deep inside a step.
 */
export function checkExperiment(
  config: ExperimentConfig,
  registry: PluginRegistry,
  dataset: LabeledDataset,
  buildModel?: () => TrainableModel & { dispose?(): void },
): void {
  checkLabeledDataset(dataset, dataset.name, { requireTest: true });
  const { batchSize, samplesPerClass, maxStepsPerEpoch, views } = config.pretrain;
  let data: SplitBatchSource;
  try {
    data = new SplitBatchSource(dataset.train, { batchSize, samplesPerClass, maxStepsPerEpoch });
  } catch (error) {
    const field =
      samplesPerClass && /multiple of m/.test((error as Error).message) ? 'samplesPerClass' : 'batchSize';
    throw new ConfigError(`pretrain.${field}: ${(error as Error).message}`, `pretrain.${field}`);
  }
  if (data.stepsPerEpoch < 1) {
    throw new ConfigError(
      `pretrain.batchSize: the training split (${dataset.train.size} examples) gives no full batch of ${batchSize}`,
      'pretrain.batchSize',
    );
  }
  // One model at most, built only if a part asks to see it, and freed at once.
  const built: Array<TrainableModel & { dispose?(): void }> = [];
  const model = buildModel && (() => built[0] ?? (built[0] = buildModel()));
  try {
    for (const [stage, trainerRef] of [
      ['trainer', config.trainer],
      ['cross-entropy baseline', CROSS_ENTROPY_TRAINER],
    ] as const) {
      const trainer = registry.create('trainer', trainerRef);
      // The configured trainer gets the contrastive loss and strategy; the baseline has its own objective.
      const pretraining = stage === 'trainer';
      const loss = pretraining ? registry.create('loss', config.loss) : undefined;
      const strategy = pretraining ? registry.create('strategy', config.strategy) : undefined;
      try {
        trainer.validate?.({
          strategy,
          loss,
          data,
          batchSize,
          views,
          numClasses: dataset.classNames.length,
          model,
        });
      } catch (error) {
        if (error instanceof ConfigError) throw error;
        throw new ConfigError(`${stage} '${trainerRef.id}': ${(error as Error).message}`, stage);
      } finally {
        strategy?.dispose();
      }
    }
  } finally {
    for (const each of built) each.dispose?.();
  }
}

/**
 * The parts of a config a checkpoint depends on: a resumed run must match them. The budget
 * (`pretrain.epochs`), the probe, the backend, the name and the output folder may change.
 */
export function experimentIdentity(config: ExperimentConfig, registry?: PluginRegistry): RunIdentity {
  const { name, backend, output, probe, pretrain, ...rest } = config;
  const { epochs, ...budgetFree } = pretrain;
  const identity = JSON.parse(JSON.stringify({ ...rest, pretrain: budgetFree })) as RunIdentity;
  return registry ? withCurrentPluginIds(identity, registry) : identity;
}

/** The config field of each plugin kind an experiment names. */
const PLUGIN_FIELDS: Readonly<Record<string, PluginKind>> = {
  dataset: 'dataset',
  encoder: 'encoder',
  head: 'head',
  augment: 'augmentation',
  strategy: 'strategy',
  loss: 'loss',
  optimizer: 'optimizer',
  schedule: 'schedule',
  trainer: 'trainer',
};

/**
 * The identity with every plugin named by its current id, so a checkpoint written under a
 * former id (a rename kept as an alias, e.g. `seed-cnn` -> `small-cnn`) matches the run that
 * resumes it. Ids the registry does not know stay as they are (the comparison then names them).
 */
export function withCurrentPluginIds(identity: RunIdentity, registry: PluginRegistry): RunIdentity {
  const renamed: RunIdentity = { ...identity };
  for (const [field, kind] of Object.entries(PLUGIN_FIELDS)) {
    const ref = renamed[field] as { id?: unknown } | undefined;
    if (ref && typeof ref.id === 'string' && registry.has(kind, ref.id)) {
      renamed[field] = { ...ref, id: registry.get(kind, ref.id).id };
    }
  }
  return renamed;
}
