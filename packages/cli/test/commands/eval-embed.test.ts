import { promises as fs } from 'fs';
import * as path from 'path';
import { runCli } from '../helpers/run-cli';
import { tempDir, tinyConfig, writeFile } from '../helpers/tiny-config';

jest.setTimeout(120000);

const DATASET = [
  '--dataset-options',
  JSON.stringify({ trainPerClass: 10, testPerClass: 5 }),
  '--backend',
  'cpu',
];

/** Parses a .npy file written by encodeNpy: header dict and data. */
function readNpy(bytes: Buffer): { descr: string; shape: number[]; data: Float32Array | Int32Array } {
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
  const descr = /'descr': '([^']+)'/.exec(header)![1];
  const shape = /'shape': \(([^)]*)\)/
    .exec(header)![1]
    .split(',')
    .filter((s) => s.trim() !== '')
    .map(Number);
  const body = bytes.buffer.slice(bytes.byteOffset + 10 + headerLength, bytes.byteOffset + bytes.length);
  return { descr, shape, data: descr === '<f4' ? new Float32Array(body) : new Int32Array(body) };
}

describe('eval and embed on a model written by train', () => {
  let dir: string;
  let model: string;

  beforeAll(async () => {
    dir = await tempDir();
    const config = await writeFile(dir, 'config.json', tinyConfig(path.join(dir, 'run')));
    const train = await runCli(['train', '--config', config, '--quiet', '--no-report']);
    expect(train.code).toBe(0);
    model = path.join(dir, 'run', 'model');
  });

  it('eval prints the score table of the saved encoder', async () => {
    const run = await runCli(['eval', '--model', model, ...DATASET, '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('backend: cpu');
    const row = run.stdout.split('\n').find((line) => line.startsWith(model))!;
    const scores = row.slice(model.length).trim().split(/\s+/).map(Number);
    expect(scores).toHaveLength(6);
    for (const score of scores) expect(score).toBeGreaterThanOrEqual(0);
    // 10 balanced classes: a trained probe on real features beats chance clearly.
    expect(scores[0]).toBeGreaterThan(0.2);
  });

  it('eval --json gives the scores as one result event', async () => {
    const run = await runCli(['eval', '--model', model, ...DATASET, '--json']);
    expect(run.code).toBe(0);
    const result = run.json().find((e) => e.event === 'result')!;
    expect(result.backend).toBe('cpu');
    expect(result.scores).toEqual([
      expect.objectContaining({
        encoder: model,
        linearProbe: expect.any(Number),
        mapAtR: expect.any(Number),
      }),
    ]);
  });

  it('embed writes features and labels as .npy', async () => {
    const out = path.join(dir, 'emb', 'test.npy');
    const run = await runCli(['embed', '--model', model, '--out', out, ...DATASET, '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('wrote 50 x 32 features of');
    const features = readNpy(await fs.readFile(out));
    expect(features.descr).toBe('<f4');
    expect(features.shape).toEqual([50, 32]);
    expect(features.data.every(Number.isFinite)).toBe(true);
    const labels = readNpy(await fs.readFile(path.join(dir, 'emb', 'test.labels.npy')));
    expect(labels.descr).toBe('<i4');
    expect(labels.shape).toEqual([50]);
    expect(new Set(labels.data)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });

  it('embed writes normalised head embeddings of the train split as CSV', async () => {
    const out = path.join(dir, 'train.csv');
    const run = await runCli([
      'embed',
      '-m',
      model,
      '-o',
      out,
      '--split',
      'train',
      '--space',
      'embeddings',
      ...DATASET,
      '--quiet',
    ]);
    expect(run.code).toBe(0);
    const lines = (await fs.readFile(out, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe(['label', ...Array.from({ length: 8 }, (_, i) => `e${i}`)].join(','));
    expect(lines).toHaveLength(1 + 100);
    for (const line of lines.slice(1)) {
      const [label, ...values] = line.split(',').map(Number);
      expect(label).toBeGreaterThanOrEqual(0);
      expect(values).toHaveLength(8);
      expect(Math.hypot(...values)).toBeCloseTo(1, 4);
    }
  });

  it('embed writes JSONL with --format overriding the extension', async () => {
    const out = path.join(dir, 'test.txt');
    const run = await runCli(['embed', '-m', model, '-o', out, '--format', 'jsonl', ...DATASET, '--json']);
    expect(run.code).toBe(0);
    expect(run.json().find((e) => e.event === 'result')).toEqual(
      expect.objectContaining({ files: [out], rows: 50, cols: 32 }),
    );
    const records = (await fs.readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records).toHaveLength(50);
    expect(records[0]).toEqual({
      label: expect.any(Number),
      class: expect.any(String),
      embedding: expect.any(Array),
    });
    expect(records[0].embedding).toHaveLength(32);
  });

  it.each([
    [['--split', 'validation'], /--split must be 'train' or 'test', got 'validation'/],
    [['--space', 'logits'], /--space must be 'features' or 'embeddings', got 'logits'/],
    [['--format', 'parquet'], /unknown output format 'parquet'/],
  ])('embed %j exits 2 with a one-line reason', async (flags, reason) => {
    const run = await runCli(['embed', '-m', model, '-o', path.join(dir, 'x.npy'), ...DATASET, ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(reason);
  });

  it('embed infers no format from an unknown extension (exit 2)', async () => {
    const run = await runCli(['embed', '-m', model, '-o', path.join(dir, 'x.bin'), ...DATASET]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown output format 'bin'/);
  });

  it.each([['eval'], ['embed']])('%s on a missing model directory exits 4', async (command) => {
    const missing = path.join(dir, 'no-model');
    const extra = command === 'embed' ? ['-o', path.join(dir, 'y.npy')] : [];
    const run = await runCli([command, '-m', missing, ...extra, ...DATASET]);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`contrastive: no model at ${missing}: model.json not found`);
  });

  it('eval of a model on a dataset of another shape exits 4', async () => {
    const run = await runCli(['eval', '-m', model, '--dataset', 'iris', '--backend', 'cpu']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/takes inputs of shape \[28,28,1\] but the dataset's examples are \[4\]/);
  });

  it('bad --dataset-options JSON exits 2, an unknown dataset id exits 4', async () => {
    const badJson = await runCli(['eval', '-m', model, '--dataset-options', '{', '--backend', 'cpu']);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/--dataset-options is not valid JSON/);
    const unknown = await runCli(['eval', '-m', model, '--dataset', 'no-such-set', '--backend', 'cpu']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toMatch(/cannot load dataset 'no-such-set'/);
  });

  it('embed refuses an --out that is a directory (exit 2) and an existing file unless --force', async () => {
    const asDir = await runCli(['embed', '-m', model, '-o', dir, '--format', 'csv', ...DATASET]);
    expect(asDir.code).toBe(2);
    expect(asDir.stderr).toBe(`contrastive: --out ${dir} is a directory, not a file\n`);

    const out = path.join(dir, 'keep.csv');
    await fs.writeFile(out, 'precious');
    const refused = await runCli(['embed', '-m', model, '-o', out, ...DATASET]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`contrastive: ${out} exists; pass --force to overwrite it\n`);
    expect(await fs.readFile(out, 'utf8')).toBe('precious');
    // .npy also writes <name>.labels.npy: an existing labels file is refused the same way.
    const labels = path.join(dir, 'pair.labels.npy');
    await fs.writeFile(labels, 'precious');
    const pair = await runCli(['embed', '-m', model, '-o', path.join(dir, 'pair.npy'), ...DATASET]);
    expect(pair.code).toBe(2);
    expect(pair.stderr).toBe(`contrastive: ${labels} exists; pass --force to overwrite it\n`);

    const forced = await runCli(['embed', '-m', model, '-o', out, '--force', ...DATASET, '--quiet']);
    expect(forced.code).toBe(0);
    expect((await fs.readFile(out, 'utf8')).startsWith('label,e0,')).toBe(true);
    expect((await fs.readdir(dir)).filter((e) => e.startsWith('.staging-'))).toEqual([]);
  });

  it('eval of a model with a truncated weights.bin exits 4 naming the model', async () => {
    const broken = path.join(dir, 'broken-model');
    await fs.cp(model, broken, { recursive: true });
    await fs.truncate(path.join(broken, 'weights.bin'), 100);
    const run = await runCli(['eval', '-m', broken, ...DATASET, '--quiet']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      new RegExp(`^contrastive: model ${broken} \\(model\\.json \\+ weights\\.bin\\) cannot be loaded: .*holds 100 bytes of weights`),
    );
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
