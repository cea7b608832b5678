import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { chunksOf, streamBatches, streamTensorBatches } from '../../src/streaming/stream-batches';
import type { LabeledSplit } from '../../src/types';

beforeAll(() => tf.setBackend('cpu'));

const n = 23;
const split: LabeledSplit = {
  x: Float32Array.from({ length: n * 3 }, (_, i) => Math.floor(i / 3)),
  exampleShape: [3],
  labels: Int32Array.from({ length: n }, (_, i) => i),
  size: n,
};

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of it) out.push(item);
  return out;
}

async function* asyncChunks(chunkSize: number): AsyncGenerator<LabeledSplit> {
  for (const chunk of chunksOf(split, chunkSize)) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    yield chunk;
  }
}

describe('streamBatches', () => {
  it('re-batches chunks of any size in source order', async () => {
    const batches = await collect(streamBatches(asyncChunks(7), { batchSize: 5 }));
    expect(batches.map((b) => b.size)).toEqual([5, 5, 5, 5, 3]);
    expect(batches.flatMap((b) => Array.from(b.labels))).toEqual(Array.from(split.labels));
    for (const b of batches) for (let i = 0; i < b.size; i++) expect(b.x[i * 3 + 2]).toBe(b.labels[i]);
  });

  it('dropLast drops the final short batch', async () => {
    const batches = await collect(streamBatches(chunksOf(split, 4), { batchSize: 5, dropLast: true }));
    expect(batches.map((b) => b.size)).toEqual([5, 5, 5, 5]);
  });

  it('a shuffle buffer emits a seeded permutation, rows intact', async () => {
    const run = (seed: number) => collect(streamBatches(asyncChunks(4), { batchSize: 6, shuffleBufferSize: 8, seed }));
    const a = await run(1);
    const labels = a.flatMap((b) => Array.from(b.labels));
    expect([...labels].sort((p, q) => p - q)).toEqual(Array.from(split.labels));
    expect(labels).not.toEqual(Array.from(split.labels));
    for (const b of a) for (let i = 0; i < b.size; i++) expect(b.x[i * 3]).toBe(b.labels[i]);
    expect((await run(1)).flatMap((b) => Array.from(b.labels))).toEqual(labels);
    expect((await run(2)).flatMap((b) => Array.from(b.labels))).not.toEqual(labels);
  });

  it('rejects chunks whose example shape changes, naming the chunk', async () => {
    const bad = [split, { ...split, exampleShape: [1, 3] }];
    await expect(collect(streamBatches(bad, { batchSize: 4 }))).rejects.toThrow(/chunk 1: exampleShape \[1,3\] differs/);
    const inconsistent = [{ ...split, size: 2 }];
    await expect(collect(streamBatches(inconsistent, { batchSize: 4 }))).rejects.toThrow(/chunk 0.labels has length 23, expected size 2/);
  });

  it('streamTensorBatches yields tensors the consumer disposes, without leaks', async () => {
    const before = tf.memory().numTensors;
    let batches = 0;
    for await (const { x, labels } of streamTensorBatches(chunksOf(split, 10), { batchSize: 8 })) {
      expect(x.shape.slice(1)).toEqual([3]);
      expect(labels.dtype).toBe('int32');
      tf.dispose([x, labels]);
      batches++;
    }
    expect(batches).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  });
});
