import { clusterQuality, knnAccuracy, retrievalMetrics } from '@contrastive/eval';
import type { LabeledDataset } from '@contrastive/datasets';
import type { TrainableModel } from '../trainers/trainable-model';
import type { ExtractedFeatures } from './feature-extraction';
import { LinearProbeEvaluator } from './linear-probe-evaluator';

/** One row of an experiment's score table: an encoder and its test-split scores. */
export interface EncoderScores {
  /** Which encoder was scored. */
  encoder: string;
  /** Test accuracy of a linear classifier on the frozen features. */
  linearProbe: number;
  /** Test accuracy of k-nearest-neighbour voting. */
  knn: number;
  /** Retrieval precision at 1 on the test split. */
  precisionAt1: number;
  /** Retrieval mean average precision at R. */
  mapAtR: number;
  /** Normalised mutual information of k-means clusters with the labels. */
  nmi: number;
  /** Adjusted mutual information of k-means clusters with the labels. */
  ami: number;
}

/** The probe's budget and the seed (an experiment config's `probe` and `seed` fit). */
export interface EvaluationSettings {
  /** Budget of the linear probe. */
  probe: { epochs: number; batchSize: number; learningRate: number };
  /** Seed of the probe's initialisation and shuffling. */
  seed: number;
}

/** An encoder's scores, with the test features they came from (reused by the projection). */
export interface EncoderEvaluation {
  /** The encoder's scores. */
  scores: EncoderScores;
  /** Features of the test split. */
  testFeatures: ExtractedFeatures;
}

/** Thrown by {@link evaluateEncoder} when `stopRequested` answers true between its phases. */
export class EvaluationStopped extends Error {
  constructor() {
    super('evaluation stopped');
    this.name = 'EvaluationStopped';
  }
}

/**
 * The standard evaluation of a frozen encoder on its pre-head features: linear-probe accuracy,
 * kNN accuracy (train as reference), retrieval metrics and k-means NMI/AMI on the test split.
 * Between its phases it asks `stopRequested` and throws {@link EvaluationStopped} when told to
 * stop. It keeps no state: a stopped evaluation is simply run again (it is deterministic).
 */
export async function evaluateEncoder(
  name: string,
  model: Pick<TrainableModel, 'features'>,
  dataset: LabeledDataset,
  settings: EvaluationSettings,
  stopRequested: () => boolean | Promise<boolean> = () => false,
): Promise<EncoderEvaluation> {
  const phase = async <T>(work: () => T | Promise<T>): Promise<T> => {
    if (await stopRequested()) throw new EvaluationStopped();
    return work();
  };
  const { epochs, batchSize, learningRate } = settings.probe;
  const prober = new LinearProbeEvaluator(model, { epochs, batchSize, learningRate, seed: settings.seed });
  const trainFeatures = await phase(() => prober.features(dataset.train));
  const testFeatures = await phase(() => prober.features(dataset.test));
  const linearProbe = await phase(async () => {
    const probe = await prober.fitOnFeatures(trainFeatures, dataset.train.labels);
    try {
      return await probe.accuracy(testFeatures, dataset.test.labels);
    } finally {
      probe.dispose();
    }
  });
  const knn = await phase(() =>
    knnAccuracy(trainFeatures, dataset.train.labels, testFeatures, dataset.test.labels, {
      k: Math.min(200, dataset.train.size),
      temperature: 0.1,
    }),
  );
  const retrieval = await phase(() => retrievalMetrics(testFeatures, dataset.test.labels));
  const clusters = await phase(() =>
    clusterQuality(testFeatures, dataset.test.labels, dataset.classNames.length, {
      seed: settings.seed,
    }),
  );
  return {
    scores: {
      encoder: name,
      linearProbe,
      knn,
      precisionAt1: retrieval.precisionAt1,
      mapAtR: retrieval.mapAtR,
      nmi: clusters.nmi,
      ami: clusters.ami,
    },
    testFeatures,
  };
}
