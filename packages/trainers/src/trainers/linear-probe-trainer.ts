import type { LabeledSplit } from '@contrastive/datasets';
import {
  fitLinearProbe,
  type LinearProbe,
  type LinearProbeEpoch,
  type LinearProbeOptions,
} from '@contrastive/eval';
import { extractFeatures, type ExtractedFeatures } from './feature-extraction';
import type { TrainableModel } from './trainable-model';

export interface LinearProbeResult {
  probe: LinearProbe;
  trainAccuracy: number;
  testAccuracy: number;
  history: readonly LinearProbeEpoch[];
  featureDim: number;
}

/**
 * Linear evaluation: the encoder is frozen, its pre-head features are computed once per
 * split, and a softmax-regression classifier is fitted on them (`fitLinearProbe` of
 * `@contrastive/eval`). The accuracy on the test split is the representation's score.
 */
export class LinearProbeTrainer {
  constructor(
    private readonly model: Pick<TrainableModel, 'features'>,
    private readonly options: LinearProbeOptions & { featureBatchSize?: number } = {},
  ) {}

  features(split: LabeledSplit): ExtractedFeatures {
    return extractFeatures((x) => this.model.features(x, false), split, this.options.featureBatchSize);
  }

  /** Fits the probe on features computed once (e.g. shared with kNN and retrieval metrics). */
  fitOnFeatures(features: ExtractedFeatures, labels: Int32Array): LinearProbe {
    const { featureBatchSize, ...probeOptions } = this.options;
    return fitLinearProbe(features, labels, probeOptions);
  }

  fit(train: LabeledSplit, test: LabeledSplit): LinearProbeResult {
    const trainFeatures = this.features(train);
    const testFeatures = this.features(test);
    const probe = this.fitOnFeatures(trainFeatures, train.labels);
    return {
      probe,
      trainAccuracy: probe.accuracy(trainFeatures, train.labels),
      testAccuracy: probe.accuracy(testFeatures, test.labels),
      history: probe.history,
      featureDim: trainFeatures.cols,
    };
  }
}
