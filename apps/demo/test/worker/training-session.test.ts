import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs-core';
import { unzipSync } from 'fflate';
import { loadModelFromDirectory } from '@contrastive/encoders/node';
import type { DatasetChoice, FromWorker, TrainSettings } from '../../src/protocol';
import { TrainingSession } from '../../src/worker/training-session';

/** A session whose messages are collected; `next` waits for one of a type. */
function recordedSession() {
  const messages: FromWorker[] = [];
  const waiters: Array<() => void> = [];
  const session = new TrainingSession((message) => {
    messages.push(message);
    waiters.splice(0).forEach((wake) => wake());
  });
  const of = <T extends FromWorker['type']>(type: T) =>
    messages.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { session, messages, of, until };
}

const IRIS: DatasetChoice = { kind: 'iris' };
const FAST: TrainSettings = { epochs: 2, batchSize: 30, backend: 'cpu' };

describe.each(['supcon', 'simclr', 'moco', 'triplet'])('%s on Iris (cpu backend, in Node)', (paradigm) => {
  test('posts the backend, the dataset, every step, an embedding before training and after each epoch, then the scores', async () => {
    const { session, of, messages } = recordedSession();
    await session.start(IRIS, paradigm, FAST);
    expect(of('error')).toEqual([]);
    expect(of('backend')[0]).toMatchObject({ name: 'cpu' });
    expect(of('dataset')[0]).toMatchObject({
      classNames: ['setosa', 'versicolor', 'virginica'],
      train: 120,
      test: 30,
    });
    const steps = of('step');
    expect(steps.length).toBeGreaterThanOrEqual(2);
    expect(steps.map((s) => s.step)).toEqual(steps.map((_, i) => i + 1));
    expect(steps.every((s) => Number.isFinite(s.loss) && s.totalSteps === steps.length)).toBe(true);
    const embeddings = of('embedding');
    expect(embeddings.map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect(embeddings[2].points).toHaveLength(2 * 30);
    expect(embeddings[2].labels).toHaveLength(30);
    const [scores] = of('scores');
    expect(scores.knn).toBeGreaterThan(1 / 3);
    expect(scores.linearProbe).toBeGreaterThan(1 / 3);
    expect(messages[messages.length - 1]).toEqual({ type: 'state', state: 'done' });
  });
});

test('a second run frees the first run’s model: tf.memory().numTensors is the same after each', async () => {
  const { session } = recordedSession();
  await session.start(IRIS, 'supcon', FAST);
  const afterFirst = tf.memory().numTensors;
  await session.start(IRIS, 'supcon', FAST);
  expect(tf.memory().numTensors).toBe(afterFirst);
});

test('pause holds training between steps until resume; stop ends it early, and the model can still be downloaded', async () => {
  const { session, of, until } = recordedSession();
  const run = session.start(IRIS, 'supcon', { epochs: 40, batchSize: 30, backend: 'cpu' });
  await until(() => of('step').length >= 1);
  session.pause();
  // 'paused' comes once training is held at a step's end: no step after it until resume.
  await until(() => of('state').some((s) => s.state === 'paused'));
  const held = of('step').length;
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(of('step').length).toBe(held);
  session.resume();
  await until(() => of('step').length >= held + 2);
  session.stop();
  await run;
  const total = of('step')[0].totalSteps;
  expect(of('step').length).toBeLessThan(total);
  expect(of('state').map((s) => s.state)).toEqual(expect.arrayContaining(['paused', 'training', 'stopped']));
  expect(of('scores')).toEqual([]);
  await session.exportModel();
  expect(of('model')).toHaveLength(1);
});

describe('the downloaded zip', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'contrastive-demo-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('is the folder contrastive eval --model loads (model.json + weights.bin): same shapes, same features', async () => {
    const { session, of } = recordedSession();
    await session.start({ kind: 'fashion-mnist', perClass: 4 }, 'supcon', {
      epochs: 1,
      batchSize: 20,
      maxStepsPerEpoch: 1,
      backend: 'cpu',
    });
    expect(of('error')).toEqual([]);
    await session.exportModel();
    const [download] = of('model');
    expect(download.fileName).toBe('contrastive-model.zip');
    const files = unzipSync(download.zip);
    expect(Object.keys(files).sort()).toEqual([
      'contrastive-model/model.json',
      'contrastive-model/weights.bin',
    ]);
    mkdirSync(path.join(dir, 'contrastive-model'));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);
    const loaded = await loadModelFromDirectory(path.join(dir, 'contrastive-model'));
    try {
      expect(loaded.inputShape).toEqual([28, 28, 1]);
      expect(loaded.featureDim).toBeGreaterThan(0);
      const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 3);
      const features = loaded.features(x);
      expect(features.shape).toEqual([2, loaded.featureDim]);
      expect(Array.from(features.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose([x, features]);
    } finally {
      loaded.dispose();
    }
  });
});

test.each([
  [
    'a CSV without labels',
    { kind: 'csv', file: { path: 'm.csv', file: new Blob(['a,b\n0.1,2.5\n0.7,3.5\n1.3,0.25\n2.2,8.5']) } },
    /m\.csv: no label column/,
  ],
  [
    'a CSV with one class',
    { kind: 'csv', file: { path: 'o.csv', file: new Blob(['a,label\n1,x\n2,x\n3,x']) } },
    /o\.csv: only one class \(x\)/,
  ],
  [
    'a folder with no class sub-folders',
    { kind: 'image-folder', files: [{ path: 'a.png', file: new Blob([]) }] },
    /not in class sub-folders/,
  ],
] as Array<[string, DatasetChoice, RegExp]>)(
  '%s: one clear error message, state failed',
  async (_, choice, message) => {
    const { session, of, messages } = recordedSession();
    await session.start(choice, 'supcon', FAST);
    expect(of('error')).toHaveLength(1);
    expect(of('error')[0].message).toMatch(message);
    expect(of('error')[0].message).not.toMatch(/^training failed/);
    expect(messages[messages.length - 1]).toMatchObject({ type: 'state', state: 'failed' });
  },
);

test('a test split too small for t-SNE: the run still trains and scores, and the page is told why there is no map', async () => {
  const { session, of, messages } = recordedSession();
  const rows = Array.from({ length: 6 }, (_, i) => `${i},${i * i},${i < 3 ? 'a' : 'b'}`).join('\n');
  await session.start(
    { kind: 'csv', file: { path: 'tiny.csv', file: new Blob([`x,y,label\n${rows}`]) } },
    'supcon',
    {
      epochs: 1,
      batchSize: 4,
      backend: 'cpu',
    },
  );
  expect(of('error')).toEqual([]);
  expect(of('embedding')).toEqual([]);
  expect(of('embedding-unavailable')[0].reason).toBe(
    'no 2-D map: the test split has 2 examples and t-SNE needs at least 4 (add more examples per class)',
  );
  expect(of('scores')).toHaveLength(1);
  expect(messages[messages.length - 1]).toEqual({ type: 'state', state: 'done' });
});
