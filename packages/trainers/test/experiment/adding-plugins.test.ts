import { promises as fs } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import * as tf from '@tensorflow/tfjs-core';
import { augmentModule } from '@contrastive/augment';
import { useBackend } from '@contrastive/backend';
import { ConfigError, parseExperimentConfig, PluginRegistry } from '@contrastive/core';
import { datasetsModule, loadIris } from '@contrastive/datasets';
import { encodersModule } from '@contrastive/encoders';
import { lossesModule } from '@contrastive/losses';
import { memoryModule } from '@contrastive/memory';
import { Experiment, trainersModule } from '../../src';

type Plugin = Parameters<PluginRegistry['register']>[0];

const DOCS = path.resolve(__dirname, '../../../../docs');
const SECTION = '## Add a loss, a negative strategy or an encoder';

/** The ```ts blocks of `text` from `heading` to the next `## ` heading, exactly as a reader copies them. */
function blocksUnder(text: string, heading: string, file: string): string[] {
  const start = text.indexOf(heading);
  if (start < 0) throw new Error(`${file} has no section '${heading}'`);
  const rest = text.slice(start + heading.length);
  const next = rest.search(/\n## /);
  const section = next < 0 ? rest : rest.slice(0, next);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/** Runs a block as a CommonJS module and returns its exports. */
function evaluate(source: string): Record<string, unknown> {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  const exports: Record<string, unknown> = {};
  new Function('require', 'exports', outputText)(require, exports);
  return exports;
}

async function documentedPlugins(): Promise<Record<string, unknown>> {
  const guide = await fs.readFile(path.join(DOCS, 'CONTRIBUTING.md'), 'utf8');
  const losses = await fs.readFile(path.join(DOCS, 'losses.md'), 'utf8');
  const blocks = [
    ...blocksUnder(losses, '## Adding a loss', 'docs/losses.md'),
    ...blocksUnder(guide, SECTION, 'docs/CONTRIBUTING.md'),
  ];
  expect(blocks).toHaveLength(3);
  return Object.assign({}, ...blocks.map(evaluate));
}

describe('docs/CONTRIBUTING.md: "Add a loss, a negative strategy or an encoder"', () => {
  let registry: PluginRegistry;
  let exported: Record<string, unknown>;

  beforeAll(async () => {
    await useBackend('cpu');
    exported = await documentedPlugins();
    registry = new PluginRegistry()
      .load(lossesModule, encodersModule, augmentModule, datasetsModule, memoryModule, trainersModule)
      .register(
        exported.alignmentPlugin as Plugin,
        exported.weightedInBatchPlugin as Plugin,
        exported.linearEncoderPlugin as Plugin,
      );
  });

  it('the registry builds each documented plugin with its options and rejects bad ones', () => {
    const strategy = registry.create('strategy', { id: 'weighted-in-batch', options: { weight: 2 } });
    expect(strategy).toBeInstanceOf(exported.WeightedInBatch as new () => unknown);
    expect((strategy as unknown as { weight: number }).weight).toBe(2);
    strategy.dispose();
    expect(() => registry.create('strategy', { id: 'weighted-in-batch', options: { weight: 0 } })).toThrow(
      ConfigError,
    );

    const encoder = registry.create('encoder', { id: 'linear', options: { inputShape: [4], units: 3 } });
    expect(encoder.outputs[0].shape).toEqual([null, 3]);
    encoder.dispose();
    expect(() =>
      registry.create('encoder', { id: 'linear', options: { inputShape: [4], depth: 2 } }),
    ).toThrow(/depth/);
  });

  it('an experiment of the three trains two steps on Iris without leaking tensors', async () => {
    const config = parseExperimentConfig({
      dataset: 'iris',
      encoder: { id: 'linear', options: { units: 8 } },
      head: { id: 'mlp', options: { outputDim: 4 } },
      augment: 'tabular',
      strategy: { id: 'weighted-in-batch', options: { weight: 2 } },
      loss: 'alignment',
      pretrain: { epochs: 1, batchSize: 32, views: 2, maxStepsPerEpoch: 2 },
    });
    const experiment = new Experiment(config, registry, loadIris({ standardize: true }));
    const before = tf.memory().numTensors;
    const model = experiment.buildModel();
    const history = await experiment.pretrain(model);
    model.dispose();

    expect(history.loss).toHaveLength(2);
    for (const loss of history.loss) expect(Number.isFinite(loss) && loss > 0).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
