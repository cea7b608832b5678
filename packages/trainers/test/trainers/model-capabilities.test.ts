import { ConfigError } from '@contrastive/core';
import { defaultModelBuilder, Experiment, type ExperimentModel, type ModelBuilder } from '../../src';
import { blobDataset, fullRegistry, onCpu, tinyConfig } from '../support/fixtures';

beforeAll(onCpu);

/** The default model behind a wrapper that exposes only `ExperimentModel` (no `embed`, no `clone`). */
const plainModelBuilder: ModelBuilder = (...args) => {
  const model = defaultModelBuilder(...args);
  const plain: ExperimentModel = {
    embedViews: (views, training) => model.embedViews(views, training),
    features: (x, training) => model.features(x, training),
    trainableWeights: model.trainableWeights,
    weights: model.weights,
    featureDim: model.featureDim,
    dispose: () => model.dispose(),
  };
  return plain;
};

describe('model capabilities are checked when the experiment is built', () => {
  it('MoCo with a model it cannot clone: a ConfigError naming the strategy and what is missing, before any step', () => {
    const config = tinyConfig({ id: 'moco', options: { queueSize: 64, momentum: 0.9 } });
    let error: unknown;
    try {
      new Experiment(config, fullRegistry(), blobDataset(), plainModelBuilder);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^strategy 'moco' needs a model with embed\(x\) and clone\(\)/);
    expect((error as ConfigError).path).toBe('strategy');
  });

  it('the same model serves strategies that need nothing more, and trains', async () => {
    const experiment = new Experiment(tinyConfig({ id: 'in-batch' }), fullRegistry(), blobDataset(), plainModelBuilder);
    const model = experiment.buildModel();
    const history = await experiment.pretrain(model);
    model.dispose();
    expect(history.loss.every(Number.isFinite)).toBe(true);
  });

  it('a model missing what every trainer calls fails on the first call, naming it', async () => {
    const broken: ModelBuilder = (...args) => {
      const { embedViews, ...rest } = plainModelBuilder(...args);
      return rest as unknown as ExperimentModel;
    };
    const experiment = new Experiment(tinyConfig({ id: 'in-batch' }), fullRegistry(), blobDataset(), broken);
    const model = experiment.buildModel();
    await expect(experiment.pretrain(model)).rejects.toThrow(
      'the contrastive trainer: the model lacks embedViews(views, training) (see TrainableModel)',
    );
    model.dispose();
  });
});
