import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileSystemHandler, MODEL_JSON, registerFileSystemRouter, WEIGHTS_BIN } from '@contrastive/encoders/node';
import { useCpu } from '../helpers';

useCpu();

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'encoders-fs-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function smallModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [3] });
  const output = tfl.layers.dense({ units: 2, kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) }).apply(input);
  return tfl.model({ inputs: input, outputs: output as tfl.SymbolicTensor });
}

describe('fileSystemHandler', () => {
  it('saves any layers model as model.json + weights.bin and loads it back with tfjs', async () => {
    const model = smallModel();
    const target = path.join(dir, 'nested', 'model');
    const result = await model.save(fileSystemHandler(target));
    expect(result.modelArtifactsInfo.weightDataBytes).toBe((3 * 2 + 2) * 4);
    expect((await fs.readdir(target)).sort()).toEqual([MODEL_JSON, WEIGHTS_BIN]);
    const json = JSON.parse(await fs.readFile(path.join(target, MODEL_JSON), 'utf8'));
    expect(json.weightsManifest[0].paths).toEqual([`./${WEIGHTS_BIN}`]);
    const loaded = await tfl.loadLayersModel(fileSystemHandler(target));
    const x = tf.tensor2d([[1, 2, 3]]);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });

  it('serves file:// URLs once the router is registered', async () => {
    registerFileSystemRouter();
    registerFileSystemRouter(); // idempotent: one handler per URL
    const model = smallModel();
    await model.save(`file://${dir}`);
    const loaded = await tfl.loadLayersModel(`file://${dir}`);
    expect(loaded.weights.map((w) => w.shape)).toEqual(model.weights.map((w) => w.shape));
    model.dispose();
    loaded.dispose();
  });

  it('names the missing or broken file', async () => {
    await expect(fileSystemHandler(dir).load!()).rejects.toThrow(`cannot read ${path.join(dir, MODEL_JSON)}`);
    await fs.writeFile(path.join(dir, MODEL_JSON), '{not json');
    await expect(fileSystemHandler(dir).load!()).rejects.toThrow('is not valid JSON');
    await fs.writeFile(path.join(dir, MODEL_JSON), JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['./w.bin'], weights: [] }] }));
    await expect(fileSystemHandler(dir).load!()).rejects.toThrow(`cannot read weights file ${path.join(dir, 'w.bin')}`);
    expect(() => fileSystemHandler('')).toThrow('directory must be a non-empty path string');
  });
});
