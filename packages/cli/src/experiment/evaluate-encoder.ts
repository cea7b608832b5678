import { clusterQuality, knnAccuracy, retrievalMetrics } from '@contrastive/eval';
import type { LabeledDataset } from '@contrastive/datasets';
import { LinearProbeTrainer, type ExperimentModel, type ExtractedFeatures } from '@contrastive/trainers';

export interface EncoderScores {
  encoder: string;
  linearProbe: number;
  knn: number;
  precisionAt1: number;
  mapAtR: number;
  nmi: number;
  ami: number;
}

/** The probe's budget and the seed (an experiment config's `probe` and `seed` fit). */
export interface EvaluationSettings {
  probe: { epochs: number; batchSize: number; learningRate: number };
  seed: number;
}

export interface EncoderEvaluation {
  scores: EncoderScores;
  testFeatures: ExtractedFeatures;
}

/**
 * The seeds' evaluation of a frozen encoder on its pre-head features: linear-probe accuracy,
 * kNN accuracy (train as reference), retrieval metrics and k-means NMI/AMI on the test split.
 */
export function evaluateEncoder(
  name: string,
  model: Pick<ExperimentModel, 'features'>,
  dataset: LabeledDataset,
  settings: EvaluationSettings,
): EncoderEvaluation {
  const { epochs, batchSize, learningRate } = settings.probe;
  const prober = new LinearProbeTrainer(model, { epochs, batchSize, learningRate, seed: settings.seed });
  const trainFeatures = prober.features(dataset.train);
  const testFeatures = prober.features(dataset.test);
  const probe = prober.fitOnFeatures(trainFeatures, dataset.train.labels);
  const linearProbe = probe.accuracy(testFeatures, dataset.test.labels);
  probe.dispose();
  const knn = knnAccuracy(trainFeatures, dataset.train.labels, testFeatures, dataset.test.labels, {
    k: Math.min(200, dataset.train.size),
    temperature: 0.1,
  });
  const retrieval = retrievalMetrics(testFeatures, dataset.test.labels);
  const clusters = clusterQuality(testFeatures, dataset.test.labels, dataset.classNames.length, {
    seed: settings.seed,
  });
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
