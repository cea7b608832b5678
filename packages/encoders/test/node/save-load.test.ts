import * as tf from '@tensorflow/tfjs-core';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PluginRegistry } from '@contrastive/core';
import { buildContrastiveModel, ContrastiveModel, encodersModule } from '@contrastive/encoders';
import { fileSystemHandler, loadModelFromDirectory, MODEL_JSON, saveModelToDirectory, WEIGHTS_BIN } from '@contrastive/encoders/node';
import { randomInput, useCpu, weightValues } from '../helpers';

useCpu();

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'encoders-save-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const registry = new PluginRegistry().load(encodersModule);

describe('ContrastiveModel save/load in Node', () => {
  it.each([
    ['small-cnn + mlp', { id: 'small-cnn' }, { id: 'mlp', options: { outputDim: 16 } }, [8, 8, 1]],
    ['resnet + SimCLR v2 head', { id: 'resnet', options: { width: 2 } }, { id: 'mlp', options: { batchNorm: true, layers: 3, outputDim: 8 } }, [8, 8, 3]],
    ['mlp + linear', { id: 'mlp', options: { widths: [6, 5], batchNorm: true, dropout: 0.1 } }, 'linear', [4]],
  ])('%s round trip gives identical weights and outputs', async (_, encoder, head, inputShape) => {
    const model = buildContrastiveModel(registry, { encoder, head, inputShape: inputShape as number[], seed: 4 });
    const x = randomInput([3, ...(inputShape as number[])]);
    tf.dispose(model.features(x, true)); // non-initial batch-norm statistics must survive too
    await saveModelToDirectory(model, dir);
    expect((await fs.readdir(dir)).sort()).toEqual([MODEL_JSON, WEIGHTS_BIN]);
    const loaded = await loadModelFromDirectory(dir);
    expect(loaded.manifest).toEqual(model.manifest);
    expect(weightValues(loaded.weights)).toEqual(weightValues(model.weights));
    const [a, b] = [model.embed(x), loaded.embed(x)];
    const [fa, fb] = [model.features(x), loaded.features(x)];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    expect(Array.from(fb.dataSync())).toEqual(Array.from(fa.dataSync()));
    tf.dispose([x, a, b, fa, fb]);
    model.dispose();
    loaded.dispose();
  });

  it('records the registry ids and options in the manifest', async () => {
    const model = buildContrastiveModel(registry, { encoder: 'small-cnn', head: 'linear', inputShape: [8, 8, 1], seed: 2 });
    await model.save(fileSystemHandler(dir));
    const json = JSON.parse(await fs.readFile(path.join(dir, MODEL_JSON), 'utf8'));
    expect(json.format).toBe('contrastive-model');
    expect(json.modelTopology.manifest).toEqual({
      encoder: { id: 'small-cnn', options: { seed: 2, inputShape: [8, 8, 1] } },
      head: { id: 'linear', options: { seed: '2/head', inputDim: 128 } },
      inputShape: [8, 8, 1],
      featureDim: 128,
      embeddingDim: 128,
    });
    model.dispose();
  });

  it('explains what is wrong with a directory that is not a saved ContrastiveModel', async () => {
    const model = buildContrastiveModel(registry, { encoder: 'small-cnn', head: 'linear', inputShape: [8, 8, 1] });
    await model.encoder.save(fileSystemHandler(dir)); // a plain layers model
    await expect(loadModelFromDirectory(dir)).rejects.toThrow("is not a saved ContrastiveModel (expected modelTopology.format 'contrastive-model'");
    await model.save(fileSystemHandler(dir));
    const weights = await fs.readFile(path.join(dir, WEIGHTS_BIN));
    await fs.writeFile(path.join(dir, WEIGHTS_BIN), weights.subarray(0, weights.length - 8));
    await expect(loadModelFromDirectory(dir)).rejects.toThrow(/holds \d+ bytes of weights, its topology expects \d+/);
    model.dispose();
  });

  it('names the URL when no tfjs handler serves it', async () => {
    const model = buildContrastiveModel(registry, { encoder: 'small-cnn', head: 'linear', inputShape: [8, 8, 1] });
    await expect(model.save('nowhere://x')).rejects.toThrow("ContrastiveModel.save: no tfjs IO handler for 'nowhere://x'");
    await expect(ContrastiveModel.load('nowhere://x')).rejects.toThrow("ContrastiveModel.load: no tfjs IO handler for 'nowhere://x'");
    model.dispose();
  });
});
