import { defaultModelBuilder, Experiment } from '../../src';
import { imageBlobDataset, imageParadigmConfig } from '../paradigms/paradigm-fixtures';
import { fullRegistry, onCpu } from '../support/fixtures';

beforeAll(onCpu);

describe('ContrastiveTrainer with a view generator as augment', () => {
  const contrastive = { id: 'contrastive', options: { supervised: false } };

  it('trains SimCLR on BYOL\'s asymmetric views (one [B, 2, ...] group)', async () => {
    const config = { ...imageParadigmConfig(contrastive, { id: 'byol', options: { color: false } }, 2), loss: { id: 'ntxent', options: {} } };
    const experiment = new Experiment(config, fullRegistry(), imageBlobDataset(), defaultModelBuilder);
    const model = experiment.buildModel();
    const history = await experiment.pretrain(model);
    model.dispose();
    expect(history.loss).toHaveLength(8);
    expect(history.loss.every(Number.isFinite)).toBe(true);
  });

  it('refuses views of several sizes with a message that says why', async () => {
    const config = {
      ...imageParadigmConfig(contrastive, { id: 'multi-crop', options: { localSize: 4, localCrops: 2, color: false } }, 4),
      loss: { id: 'ntxent', options: {} },
    };
    const experiment = new Experiment(config, fullRegistry(), imageBlobDataset(), defaultModelBuilder);
    const model = experiment.buildModel();
    await expect(experiment.pretrain(model)).rejects.toThrow(
      /the contrastive trainer: views of different sizes \(\[8, 8, 1\] x 2, \[4, 4, 1\] x 2\) cannot stack into one \[B, V, \.\.\.\] tensor/,
    );
    model.dispose();
  });
});
