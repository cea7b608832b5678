import type { LabeledDataset } from '@contrastive/datasets';
import { fitLinearProbe, knnAccuracy } from '@contrastive/eval';
import type { ExtractedFeatures } from '@contrastive/trainers';

export interface Scores {
  knn: number;
  linearProbe: number;
}

/**
 * kNN (k up to 200, the train split as reference) and linear-probe accuracy on the test split,
 * from features already on the host. The evaluation reads asynchronously, so it runs on the
 * training backend, GPU backends included.
 */
export async function scoreFeatures(
  dataset: LabeledDataset,
  train: ExtractedFeatures,
  test: ExtractedFeatures,
): Promise<Scores> {
  const knn = await knnAccuracy(train, dataset.train.labels, test, dataset.test.labels, {
    k: Math.min(200, dataset.train.size),
    temperature: 0.1,
  });
  const probe = await fitLinearProbe(train, dataset.train.labels, {
    epochs: 50,
    learningRate: 0.01,
    numClasses: dataset.classNames.length,
  });
  try {
    return { knn, linearProbe: await probe.accuracy(test, dataset.test.labels) };
  } finally {
    probe.dispose();
  }
}
