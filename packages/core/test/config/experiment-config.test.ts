import { ConfigError, parseExperimentConfig } from '../../src';

describe('parseExperimentConfig', () => {
  const minimal = { dataset: 'fashion-mnist-embedded', encoder: { id: 'seed-cnn' } };

  it('fills defaults and expands string plugin refs', () => {
    const config = parseExperimentConfig(minimal);
    expect(config.dataset).toEqual({ id: 'fashion-mnist-embedded', options: {} });
    expect(config.loss.id).toBe('supcon');
    expect(config.strategy.id).toBe('in-batch');
    expect(config.pretrain.views).toBe(2);
    expect(config.backend).toBe('auto');
  });

  it('names every bad field by its path', () => {
    const attempt = () =>
      parseExperimentConfig({ ...minimal, pretrain: { epochs: 0 }, backend: 'gpu', loss: { id: '' } });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/pretrain\.epochs/);
      expect(message).toMatch(/backend/);
      expect(message).toMatch(/loss\.id/);
    }
  });

  it('rejects unknown top-level keys instead of ignoring typos', () => {
    expect(() => parseExperimentConfig({ ...minimal, lose: 'supcon' })).toThrow(/lose/);
  });

  it('requires the dataset and encoder', () => {
    expect(() => parseExperimentConfig({})).toThrow(/dataset[\s\S]*encoder/);
  });
});
