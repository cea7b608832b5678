import { ConfigError } from '@contrastive/core';
import { defaultModelBuilder, Experiment, MemoryCheckpointStore } from '../../src';
import { blobDataset, fullRegistry, onCpu, tinyConfig } from '../support/fixtures';

beforeAll(onCpu);

describe('ContrastiveTrainer: resuming refuses a checkpoint the run cannot continue', () => {
  const base = tinyConfig({ id: 'in-batch' });

  /** Pre-trains `base` into a memory store, then resumes from it with `config`. */
  async function resumeWith(config: typeof base): Promise<unknown> {
    const store = new MemoryCheckpointStore();
    const first = new Experiment(base, fullRegistry(), blobDataset(), defaultModelBuilder);
    const model = first.buildModel();
    await first.pretrain(model, { checkpoint: { store } });
    model.dispose();
    const second = new Experiment(config, fullRegistry(), blobDataset(), defaultModelBuilder);
    const resumed = second.buildModel();
    try {
      return await second.pretrain(resumed, { checkpoint: { store }, resume: true });
    } catch (error) {
      return error;
    } finally {
      resumed.dispose();
    }
  }

  it('another optimizer', async () => {
    const error = await resumeWith({ ...base, optimizer: { id: 'adam', options: {} } });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /^cannot resume: the checkpoint was written with a different optimizer\.id, optimizer\.options\.momentum/,
    );
  });

  it('another architecture', async () => {
    const error = await resumeWith({ ...base, encoder: { id: 'mlp', options: { widths: [32] } } });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /different encoder\.options\.widths; resume with the config it was written with/,
    );
  });

  it('a budget smaller than the checkpoint step', async () => {
    const error = await resumeWith({ ...base, pretrain: { ...base.pretrain, epochs: 1 } });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      "cannot resume: the checkpoint is at step 16, past this run's budget of 8 steps (1 epochs x 8 steps); " +
        'resume with at least the budget it was written with',
    );
  });

  it('accepts a larger budget and continues the same history', async () => {
    const history = await resumeWith({ ...base, pretrain: { ...base.pretrain, epochs: 3 } });
    expect((history as { loss: number[] }).loss).toHaveLength(24);
    expect((history as { epochLoss: number[] }).epochLoss).toHaveLength(3);
  });
});
