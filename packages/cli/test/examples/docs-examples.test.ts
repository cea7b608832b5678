import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { promises as fs } from 'fs';
import * as path from 'path';
import { asViewGenerator } from '@contrastive/augment';
import { parseExperimentConfig, SeededRandom, type ExperimentConfig } from '@contrastive/core';
import { toBatch } from '@contrastive/datasets';
import { buildContrastiveModel } from '@contrastive/encoders';
import { createDefaultRegistry } from '../../src/experiment/create-registry';
import { runCli } from '../helpers/run-cli';
import { tempDir, writeFile } from '../helpers/tiny-config';
import { DEFAULT_CONFIG } from '../../src/experiment/default-config';

const EXAMPLES = path.resolve(__dirname, '../../../../docs/examples');

interface Disposable {
  dispose(): void;
}

/** Whether a loss can score queries against a memory (what memory strategies need). */
function isReferenceLoss(loss: unknown): boolean {
  return typeof (loss as { computeWithReference?: unknown }).computeWithReference === 'function';
}

/** The documented example configs: the folder must hold exactly these, and each one is built. */
const EXAMPLE_FILES = [
  'arcface-fashion-mnist.json',
  'barlow-twins-fashion-mnist.json',
  'byol-fashion-mnist.json',
  'cross-batch-memory-fashion-mnist.json',
  'dino-fashion-mnist.json',
  'moco-fashion-mnist.json',
  'proxy-anchor-fashion-mnist.json',
  'simclr-fashion-mnist.json',
  'simsiam-fashion-mnist.json',
  'supcon-fashion-mnist.json',
  'supervised-moco-fashion-mnist.json',
  'triplet-iris.json',
  'vicreg-fashion-mnist.json',
];

/** The examples whose trainer is a paradigm (BYOL, SimSiam, DINO, proxy losses). */
const PARADIGM_EXAMPLES = [
  'arcface-fashion-mnist.json',
  'byol-fashion-mnist.json',
  'dino-fashion-mnist.json',
  'proxy-anchor-fashion-mnist.json',
  'simsiam-fashion-mnist.json',
];

describe('docs/examples', () => {
  let files: string[] = [];

  beforeAll(async () => {
    await tf.setBackend('cpu');
    files = (await fs.readdir(EXAMPLES)).filter((f) => f.endsWith('.json')).sort();
  });

  it('holds the documented examples', () => {
    expect(files).toEqual(EXAMPLE_FILES);
  });

  it('supcon-fashion-mnist.json is the default config of `contrastive train`', async () => {
    const file = JSON.parse(await fs.readFile(path.join(EXAMPLES, 'supcon-fashion-mnist.json'), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(DEFAULT_CONFIG)));
  });

  it.each(EXAMPLE_FILES)('%s validates and builds every plugin it names', async (name) => {
    const config: ExperimentConfig = parseExperimentConfig(
      JSON.parse(await fs.readFile(path.join(EXAMPLES, name), 'utf8')),
    );
    const registry = createDefaultRegistry();
    const dataset = await registry.create(
      'dataset',
      config.dataset,
    );
    const owned: Disposable[] = [];
    try {
      const model = buildContrastiveModel(registry, {
        encoder: config.encoder,
        head: config.head,
        inputShape: dataset.train.exampleShape,
        seed: config.seed,
      });
      owned.push(model);
      const augment = asViewGenerator(registry.create('augmentation', config.augment, 'augment'), config.pretrain.views);
      const strategy = registry.create('strategy', config.strategy);
      owned.push(strategy);
      const loss = registry.create('loss', config.loss);
      owned.push(registry.create('optimizer', config.optimizer));
      expect(registry.create('schedule', config.schedule)).toBeDefined();
      expect(registry.create('trainer', config.trainer)).toBeDefined();
      // Memory strategies score against a reference set: their loss (own or the experiment's) must support it.
      if (config.strategy.id !== 'in-batch') {
        const own = (config.strategy.options as { loss?: { id: string; options?: Record<string, unknown> } })
          .loss;
        expect(isReferenceLoss(own ? registry.create('loss', own) : loss)).toBe(true);
      }
      // The augmentation and the model accept the dataset's examples (one tiny forward pass, no training).
      const { x, labels } = toBatch(dataset.train, [0, 1, 2]);
      const embeddings = tf.tidy(() => {
        // The first view group (multi-crop's global crops have the model's input size).
        const [first, ...rest] = augment.generate(x, new SeededRandom(0));
        tf.dispose(rest.map((group) => group.views));
        return model.embed(tf.squeeze(tf.slice(first.views, [0, 0], [3, 1]), [1]));
      });
      expect(embeddings.shape).toEqual([3, (config.head.options as { outputDim?: number }).outputDim ?? 128]);
      tf.dispose([x, labels, embeddings]);
    } finally {
      for (const item of owned) item.dispose();
    }
  });
});

describe('docs/examples/triplet-iris.json', () => {
  it('trains end to end through `contrastive train` (triplet loss, in-batch flat layout)', async () => {
    const out = await tempDir();
    // The example with a test-sized budget: triplet over [V*B]^3 is the costly part, so B = 12.
    const example = JSON.parse(await fs.readFile(path.join(EXAMPLES, 'triplet-iris.json'), 'utf8'));
    const config = await writeFile(out, 'config.json', {
      ...example,
      pretrain: { ...example.pretrain, epochs: 1, batchSize: 12, samplesPerClass: 4, maxStepsPerEpoch: 2 },
      probe: { ...example.probe, epochs: 5 },
      output: { dir: out },
    });
    const run = await runCli(['train', '-c', config, '--quiet', '--no-report']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('triplet (in-batch)');
    const results = JSON.parse(await fs.readFile(path.join(out, 'results.json'), 'utf8'));
    expect(results.histories.contrastive.loss).toHaveLength(2);
    expect(results.histories.contrastive.loss.every(Number.isFinite)).toBe(true);
  }, 60000);
});

describe('docs/examples train one step', () => {
  // Each example's strategy, loss, augmentation, optimizer, schedule and trainer, with a tiny
  // encoder, data subset and budget so the combination is exercised through `contrastive train`.
  it.each([
    'cross-batch-memory-fashion-mnist.json',
    'moco-fashion-mnist.json',
    'simclr-fashion-mnist.json',
    'supervised-moco-fashion-mnist.json',
    'barlow-twins-fashion-mnist.json',
    'vicreg-fashion-mnist.json',
    ...PARADIGM_EXAMPLES,
  ])(
    '%s',
    async (name) => {
      const example = JSON.parse(await fs.readFile(path.join(EXAMPLES, name), 'utf8'));
      const out = await tempDir();
      const config = await writeFile(out, 'config.json', {
        ...example,
        backend: 'cpu',
        dataset: { id: 'fashion-mnist-embedded', options: { trainPerClass: 4, testPerClass: 2 } },
        encoder: { id: 'mlp', options: { widths: [16] } },
        head: { id: 'mlp', options: { outputDim: 8 } },
        pretrain: { ...example.pretrain, epochs: 1, batchSize: 20, maxStepsPerEpoch: 2 },
        probe: { ...example.probe, epochs: 1 },
        output: { dir: out },
      });
      const run = await runCli(['train', '-c', config, '--json', '--no-report']);
      // On failure, the end of the output says why.
      expect({ code: run.code, output: run.code === 0 ? '' : (run.stdout + run.stderr).slice(-800) }).toEqual({ code: 0, output: '' });
      const steps = run.json().filter((e) => e.event === 'step');
      expect(steps.length).toBe(4); // 2 pre-training + 2 cross-entropy steps
      expect(steps.every((e) => Number.isFinite(e.loss))).toBe(true);
      if (PARADIGM_EXAMPLES.includes(name)) {
        const results = JSON.parse(await fs.readFile(path.join(out, 'results.json'), 'utf8'));
        expect(results.scores.map((row: { encoder: string }) => row.encoder)).toContain(example.trainer.id);
      }
    },
    60000,
  );
});
