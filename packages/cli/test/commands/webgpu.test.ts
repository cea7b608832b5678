import * as path from 'path';
import { runCli } from '../helpers/run-cli';
import { irisConfig, tempDir, writeFile } from '../helpers/tiny-config';

/** Runs where tools/jest/webgpu-env.js found WebGPU (always in CI, on SwiftShader). */
const describeWebGpu = process.env.CONTRASTIVE_WEBGPU_TESTS === '1' ? describe : describe.skip;

jest.setTimeout(300_000);

describeWebGpu('train, eval and embed on webgpu (SwiftShader in CI): no synchronous read anywhere', () => {
  const allowed = process.env.CONTRASTIVE_ALLOW_SOFTWARE_GPU;
  beforeAll(() => {
    // CI's adapter is SwiftShader, which `webgpu` refuses unless told.
    process.env.CONTRASTIVE_ALLOW_SOFTWARE_GPU = '1';
  });
  afterAll(() => {
    if (allowed === undefined) delete process.env.CONTRASTIVE_ALLOW_SOFTWARE_GPU;
    else process.env.CONTRASTIVE_ALLOW_SOFTWARE_GPU = allowed;
  });

  it('trains Iris on a tiny budget and ends with the score table; eval and embed the saved model', async () => {
    const dir = await tempDir();
    const config = irisConfig(path.join(dir, 'run'), {
      backend: 'webgpu',
      pretrain: { epochs: 1, batchSize: 30, views: 2, maxStepsPerEpoch: 2 },
    });
    const train = await runCli(['train', '--config', await writeFile(dir, 'config.json', config), '--json', '--no-report']);
    expect(train.stderr).not.toMatch(/reads tensors synchronously|OffscreenCanvas/);
    expect(train.code).toBe(0);
    const trained = train.json().find((e) => e.event === 'result') as { backend: string; scores: Array<Record<string, number>> };
    expect(trained.backend).toMatch(/^webgpu/);
    expect(trained.scores.length).toBeGreaterThanOrEqual(2);
    for (const scores of trained.scores) expect(scores.knn).toBeGreaterThan(0.5); // Iris: chance is 1/3

    const model = path.join(dir, 'run', 'model');
    const dataset = ['--dataset', 'iris', '--dataset-options', JSON.stringify({ standardize: true }), '--backend', 'webgpu'];
    const evaluated = await runCli(['eval', '--model', model, ...dataset, '--json']);
    expect(evaluated.code).toBe(0);
    const result = evaluated.json().find((e) => e.event === 'result') as { scores: Array<Record<string, number>> };
    expect(result.scores[0].linearProbe).toBeGreaterThan(0.5);

    const out = path.join(dir, 'emb', 'test.npy');
    const embedded = await runCli(['embed', '--model', model, '--out', out, ...dataset, '--quiet']);
    expect(embedded.code).toBe(0);
    expect(embedded.stdout).toMatch(/wrote 30 x 16 features of/);
  });
});
