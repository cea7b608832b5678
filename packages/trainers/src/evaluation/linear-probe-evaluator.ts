import type { LabeledSplit } from '@contrastive/datasets';
import {
  fitLinearProbe,
  type LinearProbe,
  type LinearProbeEpoch,
  type LinearProbeOptions,
} from '@contrastive/eval';
import type { TrainableModel } from '../trainers/trainable-model';
import { extractFeatures, type ExtractedFeatures } from './feature-extraction';

/** A fitted linear probe and its accuracies. */
export interface LinearProbeResult {
  /** The fitted probe (the caller disposes it). */
  probe: LinearProbe;
  /** Accuracy on the training features. */
  trainAccuracy: number;
  /** Accuracy on the test features. */
  testAccuracy: number;
  /** Loss and accuracy of every epoch. */
  history: readonly LinearProbeEpoch[];
  /** Width of the features the probe reads. */
  featureDim: number;
}

/**
 * Linear evaluation: the encoder is frozen, its pre-head features are computed once per
 * split, and a softmax-regression classifier is fitted on them (`fitLinearProbe` of
 * `@contrastive/eval`). The accuracy on the test split is the representation's score.
 * (Not a {@link Trainer}: the model is never trained.)
 */
export class LinearProbeEvaluator {
  constructor(
    private readonly model: Pick<TrainableModel, 'features'>,
    private readonly options: LinearProbeOptions & { featureBatchSize?: number } = {},
  ) {}

  /** Features of a split from the frozen encoder. */
  features(split: LabeledSplit): Promise<ExtractedFeatures> {
    return extractFeatures((x) => this.model.features(x, false), split, this.options.featureBatchSize);
  }

  /** Fits the probe on features computed once (e.g. shared with kNN and retrieval metrics). */
  fitOnFeatures(features: ExtractedFeatures, labels: Int32Array): Promise<LinearProbe> {
    const { featureBatchSize, ...probeOptions } = this.options;
    return fitLinearProbe(features, labels, probeOptions);
  }

  /** Fits a probe on `train`'s features and scores it on both splits. */
  async fit(train: LabeledSplit, test: LabeledSplit): Promise<LinearProbeResult> {
    const trainFeatures = await this.features(train);
    const testFeatures = await this.features(test);
    const probe = await this.fitOnFeatures(trainFeatures, train.labels);
    return {
      probe,
      trainAccuracy: await probe.accuracy(trainFeatures, train.labels),
      testAccuracy: await probe.accuracy(testFeatures, test.labels),
      history: probe.history,
      featureDim: trainFeatures.cols,
    };
  }
}

/** @deprecated Renamed {@link LinearProbeEvaluator} (it trains no model); `fit` and `features` are now async. */
export const LinearProbeTrainer = LinearProbeEvaluator;
/** @deprecated Renamed {@link LinearProbeEvaluator}. */
export type LinearProbeTrainer = LinearProbeEvaluator;
