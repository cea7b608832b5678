import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '@contrastive/core';
import { blobDataset, fullRegistry, onCpu } from '../support/fixtures';
import { tabularPreset } from '@contrastive/augment';
import type { PluginRegistry } from '@contrastive/core';
import { buildContrastiveModel } from '@contrastive/encoders';
import { ArcFaceLoss, ProxyAnchorLoss } from '@contrastive/losses';
import {
  Byol,
  byolOptionsSchema,
  ConstantSchedule,
  defaultModelBuilder,
  Dino,
  dinoParadigmOptionsSchema,
  Experiment,
  ParadigmTrainer,
  ProxyParadigm,
  SgdOptimizer,
  SimSiam,
  simSiamOptionsSchema,
  SplitBatchSource,
} from '../../src';
import {
  expectSameCurve,
  imageBlobDataset,
  imageParadigmConfig,
  paradigmConfig,
  straightAndResumed,
} from './paradigm-fixtures';

beforeAll(onCpu);

function proxyParadigm(id: 'proxy-anchor' | 'arcface'): ProxyParadigm {
  return new ProxyParadigm(id, (numClasses, embeddingSize, seed) =>
    id === 'arcface' ? new ArcFaceLoss({ numClasses, embeddingSize, seed }) : new ProxyAnchorLoss({ numClasses, embeddingSize, seed }),
  );
}

const TABULAR_PARADIGMS = [
  { id: 'byol', options: { momentum: 0.9 } },
  { id: 'simsiam' },
  { id: 'dino', options: { prototypes: 16, teacherTemp: 0.07 } },
  { id: 'proxy-anchor' },
  { id: 'arcface' },
];

describe('paradigm trainers: a resumed run repeats the straight loss curve', () => {
  it.each(TABULAR_PARADIGMS.map((t) => [t.id, t] as const))('%s (tabular, 2 views)', async (_id, trainer) => {
    const { straight, resumed, store } = await straightAndResumed(paradigmConfig(trainer), blobDataset());
    expectSameCurve(resumed, straight);
    expect(straight.loss.every(Number.isFinite)).toBe(true);
    const saved = await store.loadLatest();
    expect(saved?.meta.kind).toBe(`paradigm-trainer/${trainer.id}`);
  });

  it('byol with its asymmetric views on images', async () => {
    const config = imageParadigmConfig({ id: 'byol' }, { id: 'byol', options: { color: false } }, 2);
    const { straight, resumed } = await straightAndResumed(config, imageBlobDataset());
    expectSameCurve(resumed, straight);
  });

  it('dino with multi-crop (2 global 8x8 + 4 local 4x4 crops), centre and prototypes in the checkpoint', async () => {
    const config = imageParadigmConfig(
      { id: 'dino', options: { prototypes: 16, warmupTeacherTemp: 0.04, teacherTemp: 0.07, warmupTeacherTempEpochs: 2 } },
      { id: 'multi-crop', options: { localSize: 4, localCrops: 4, color: false } },
      6,
    );
    const { straight, resumed, store } = await straightAndResumed(config, imageBlobDataset());
    expectSameCurve(resumed, straight);
    const saved = await store.loadLatest();
    const center = saved!.tensors['paradigm/center'];
    expect(center.shape).toEqual([16]);
    expect(Array.from(center.values).some((v) => v !== 0)).toBe(true);
    expect(saved!.tensors['paradigm/prototypes/student'].shape).toEqual([8, 16]);
  });
});

describe('paradigm trainers: the paradigm\'s own parameters train and nothing leaks', () => {
  it.each(TABULAR_PARADIGMS.map((t) => [t.id, t] as const))('%s', async (_id, trainer) => {
    const config = paradigmConfig(trainer, { pretrain: { epochs: 3, batchSize: 16, views: 2 } });
    const experiment = new Experiment(config, fullRegistry(), blobDataset(), defaultModelBuilder);
    const model = experiment.buildModel();
    const counts: number[] = [];
    const history = await experiment.pretrain(model, {
      callbacks: [{ onStepEnd: ({ step }) => void (step >= 8 && counts.push(tf.memory().numTensors)) }],
    });
    model.dispose();
    expect(history.loss).toHaveLength(24);
    expect(new Set(counts).size).toBe(1);
  });

  it.each([
    ['byol', (registry: PluginRegistry) => new Byol(byolOptionsSchema.parse({}), registry)],
    ['simsiam', (registry: PluginRegistry) => new SimSiam(simSiamOptionsSchema.parse({}), registry)],
    ['dino', () => new Dino(dinoParadigmOptionsSchema.parse({ prototypes: 16 }))],
    ['proxy-anchor', () => proxyParadigm('proxy-anchor')],
    ['arcface', () => proxyParadigm('arcface')],
  ] as const)('%s: its own parameters (predictor, prototypes, proxies) are updated by the optimizer', async (_id, make) => {
    const registry = fullRegistry();
    const dataset = blobDataset();
    const model = buildContrastiveModel(registry, { encoder: { id: 'mlp', options: { widths: [16] } }, head: { id: 'linear', options: { outputDim: 8 } }, inputShape: [8], seed: 1 });
    const paradigm = make(registry);
    const optimizer = new SgdOptimizer({ momentum: 0.9, weightDecay: 0, nesterov: false, decayBiasAndNorm: false });
    const snapshot = () => paradigm.trainableVariables.map((v) => v.dataSync().slice() as Float32Array);
    let before: Float32Array[] = [];
    let after: Float32Array[] = [];
    await new ParadigmTrainer(() => paradigm).train(
      { model, augment: tabularPreset(), optimizer, schedule: new ConstantSchedule({ learningRate: 0.05 }) },
      { data: new SplitBatchSource(dataset.train, { batchSize: 16 }), epochs: 1 },
      {
        views: 2,
        seed: 0,
        numClasses: 4,
        // The trainer disposes the paradigm when it returns: read its parameters at both ends of the run.
        callbacks: [{ onTrainBegin: () => void (before = snapshot()), onTrainEnd: () => void (after = snapshot()) }],
      },
    );
    expect(before.length).toBeGreaterThan(0);
    expect(after).toHaveLength(before.length);
    after.forEach((values, i) => expect(values.some((value, k) => value !== before[i][k])).toBe(true));
    optimizer.dispose();
    model.dispose();
  });
});

describe('paradigm trainers: impossible configs fail when the experiment is built', () => {
  const build = (config: ReturnType<typeof paradigmConfig>) => () =>
    new Experiment(config, fullRegistry(), blobDataset(), defaultModelBuilder);

  it('byol and simsiam need 2 views', () => {
    for (const id of ['byol', 'simsiam']) {
      const config = paradigmConfig({ id }, { pretrain: { epochs: 1, batchSize: 16, views: 3 } });
      expect(build(config)).toThrow(ConfigError);
      expect(build(config)).toThrow(`trainer '${id}' compares two views of each sample; pretrain.views must be 2, got 3`);
    }
  });

  it('a paradigm refuses a memory strategy', () => {
    const config = paradigmConfig({ id: 'byol' }, { strategy: { id: 'moco', options: { queueSize: 64 } } });
    expect(build(config)).toThrow(/trainer 'byol' brings its own target network and loss; config.strategy must be 'in-batch'/);
  });

  it('unknown options name the field', () => {
    expect(build(paradigmConfig({ id: 'dino', options: { prototypes: 1 } }))).toThrow(/prototypes/);
    expect(build(paradigmConfig({ id: 'byol', options: { momentum: 2 } }))).toThrow(/momentum/);
  });

  it('a view generator must make pretrain.views views', async () => {
    const config = imageParadigmConfig({ id: 'dino' }, { id: 'multi-crop', options: { localCrops: 2 } }, 2);
    const experiment = new Experiment(config, fullRegistry(), imageBlobDataset(), defaultModelBuilder);
    const model = experiment.buildModel();
    await expect(experiment.pretrain(model)).rejects.toThrow(/makes 4 views but pretrain.views is 2; set pretrain.views to 4/);
    model.dispose();
  });
});
