import { defaultModelBuilder, Experiment } from '../../src';
import { blobDataset, fullRegistry, onCpu, tinyConfig } from '../support/fixtures';

beforeAll(onCpu);

/**
 * The losses that fit the contrastive trainer as it is: picked by id in a config, they train
 * with the in-batch strategy, self-supervised on two views or with labels on the flattened rows.
 */
const LOSSES = [
  { loss: { id: 'barlow-twins', options: {} }, supervised: false },
  { loss: { id: 'vicreg', options: {} }, supervised: false },
  { loss: { id: 'dcl', options: { temperature: 0.2 } }, supervised: false },
  { loss: { id: 'dclw', options: { temperature: 0.2, sigma: 0.5 } }, supervised: false },
  { loss: { id: 'contrastive-pair', options: { negMargin: 1.2 } }, supervised: true },
  { loss: { id: 'multi-similarity', options: { miner: { epsilon: 0.1 } } }, supervised: true },
];

describe('Experiment: the second-wave loss plugins train from a config', () => {
  it.each(LOSSES.map((c) => [c.loss.id, c] as const))('%s: finite losses over two epochs', async (_id, { loss, supervised }) => {
    const config = tinyConfig({ id: 'in-batch' }, { loss, trainer: { id: 'contrastive', options: { supervised } } });
    const experiment = new Experiment(config, fullRegistry(), blobDataset(), defaultModelBuilder);
    const model = experiment.buildModel();
    const history = await experiment.pretrain(model);
    model.dispose();
    expect(history.loss.length).toBeGreaterThanOrEqual(2);
    expect(history.loss.every(Number.isFinite)).toBe(true);
  });

  it('a self-supervised two-view loss given labels says to train with supervised: false', async () => {
    const config = tinyConfig({ id: 'in-batch' }, { loss: { id: 'vicreg', options: {} }, trainer: { id: 'contrastive', options: { supervised: true } } });
    const experiment = new Experiment(config, fullRegistry(), blobDataset(), defaultModelBuilder);
    const model = experiment.buildModel();
    await expect(experiment.pretrain(model)).rejects.toThrow(/VICRegLoss\.compute: .*supervised: false/);
    model.dispose();
  });
});
