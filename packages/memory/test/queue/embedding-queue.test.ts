import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { EmbeddingQueue } from '../../src/queue/embedding-queue';

beforeAll(() => tf.setBackend('cpu'));

/** Rows whose first coordinate is the given id, so contents are easy to read. */
function rows(ids: number[], dim = 3): tf.Tensor2D {
  return tf.tensor2d(ids.map((id) => [id, ...Array(dim - 1).fill(0)]));
}

function firstColumn(t: tf.Tensor2D): number[] {
  return t.arraySync().map((row) => row[0]);
}

describe('EmbeddingQueue', () => {
  it('starts empty and grows to its size, then stays full', () => {
    const queue = new EmbeddingQueue(5, 3);
    expect(queue.count).toBe(0);
    tf.tidy(() => queue.write(rows([1, 2]), tf.tensor1d([1, 2], 'int32')));
    expect(queue.count).toBe(2);
    tf.tidy(() => queue.write(rows([3, 4]), tf.tensor1d([3, 4], 'int32')));
    expect(queue.count).toBe(4);
    expect(queue.isFull).toBe(false);
    tf.tidy(() => queue.write(rows([5, 6]), tf.tensor1d([5, 6], 'int32')));
    expect(queue.count).toBe(5);
    expect(queue.isFull).toBe(true);
    queue.dispose();
  });

  it('wraps a batch crossing the end around without dropping its tail', () => {
    const queue = new EmbeddingQueue(5, 3);
    tf.tidy(() => queue.write(rows([1, 2, 3]), tf.tensor1d([1, 2, 3], 'int32')));
    const slots = tf.tidy(() => queue.write(rows([4, 5, 6, 7]), tf.tensor1d([4, 5, 6, 7], 'int32')));
    expect(Array.from(slots)).toEqual([3, 4, 0, 1]);
    expect(queue.pointer).toBe(2);
    const contents = queue.contents();
    // slot 0 and 1 hold the tail (6, 7) of the crossing batch, slot 2 the oldest survivor (3).
    expect(firstColumn(contents.embeddings)).toEqual([6, 7, 3, 4, 5]);
    expect(Array.from(contents.labels.dataSync())).toEqual([6, 7, 3, 4, 5]);
    tf.dispose([contents.embeddings, contents.labels]);
    queue.dispose();
  });

  it('previews a write without changing the memory, exposing the batch slots', () => {
    const queue = new EmbeddingQueue(4, 3);
    tf.tidy(() => queue.write(rows([1, 2, 3]), tf.tensor1d([1, 2, 3], 'int32')));
    const preview = tf.tidy(() => {
      const p = queue.previewWrite(rows([8, 9]), tf.tensor1d([8, 9], 'int32'));
      return { ...p, embeddings: tf.keep(p.embeddings), labels: tf.keep(p.labels) };
    });
    expect(Array.from(preview.slots)).toEqual([3, 0]);
    expect(firstColumn(preview.embeddings)).toEqual([9, 2, 3, 8]);
    expect(Array.from(preview.labels.dataSync())).toEqual([9, 2, 3, 8]);
    expect(queue.count).toBe(3);
    expect(queue.pointer).toBe(3);
    const contents = queue.contents();
    expect(firstColumn(contents.embeddings)).toEqual([1, 2, 3]);
    tf.dispose([preview.embeddings, preview.labels, contents.embeddings, contents.labels]);
    queue.dispose();
  });

  it('previews only the filled prefix before the first wrap (as pml slices memory[:queue_idx])', () => {
    const queue = new EmbeddingQueue(10, 3);
    const preview = queue.previewWrite(rows([1, 2]), tf.tensor1d([1, 2], 'int32'));
    expect(preview.embeddings.shape).toEqual([2, 3]);
    expect(Array.from(preview.slots)).toEqual([0, 1]);
    tf.dispose([preview.embeddings, preview.labels]);
    queue.dispose();
  });

  it('treats a batch exactly filling the memory as full', () => {
    const queue = new EmbeddingQueue(3, 3);
    tf.tidy(() => queue.write(rows([1, 2, 3]), tf.tensor1d([1, 2, 3], 'int32')));
    expect(queue.isFull).toBe(true);
    expect(queue.pointer).toBe(0);
    queue.dispose();
  });

  it('rejects a batch larger than the memory and rows of the wrong width', () => {
    const queue = new EmbeddingQueue(3, 3);
    expect(() => tf.tidy(() => queue.write(rows([1, 2, 3, 4]), tf.tensor1d([1, 2, 3, 4], 'int32')))).toThrow(
      /cannot enqueue 4 rows into a memory of size 3/,
    );
    expect(() => tf.tidy(() => queue.write(rows([1], 4), tf.tensor1d([1], 'int32')))).toThrow(
      /shape \[n, 3\], got \[1,4\]/,
    );
    expect(() => tf.tidy(() => queue.write(rows([1, 2]), tf.tensor1d([1], 'int32')))).toThrow(
      /labels must have shape \[2\]/,
    );
    queue.dispose();
  });

  it('keeps the number of tensors flat over many writes', () => {
    const queue = new EmbeddingQueue(7, 4);
    const step = (i: number) =>
      tf.tidy(() => {
        queue.write(rows([i, i + 1, i + 2], 4), tf.tensor1d([i, i, i], 'int32'));
        const p = queue.previewWrite(rows([i], 4), tf.tensor1d([i], 'int32'));
        tf.dispose([p.embeddings, p.labels]);
      });
    step(0);
    const before = tf.memory().numTensors;
    for (let i = 1; i < 50; i++) step(i);
    expect(tf.memory().numTensors).toBe(before);
    queue.dispose();
  });

  it('round-trips its state', async () => {
    const queue = new EmbeddingQueue(4, 3);
    tf.tidy(() => queue.write(rows([1, 2, 3]), tf.tensor1d([1, 2, 3], 'int32')));
    const state = await queue.getState();
    const copy = new EmbeddingQueue(4, 3);
    copy.setState(state.meta as unknown as Record<string, unknown>, state.embeddings, state.labels);
    expect(copy.pointer).toBe(3);
    expect(copy.count).toBe(3);
    const contents = copy.contents();
    expect(firstColumn(contents.embeddings)).toEqual([1, 2, 3]);
    tf.dispose([contents.embeddings, contents.labels]);
    const wrong = new EmbeddingQueue(5, 3);
    expect(() =>
      wrong.setState(state.meta as unknown as Record<string, unknown>, state.embeddings, state.labels),
    ).toThrow(/saved memory is \[4, 3\], this one is \[5, 3\]/);
    [queue, copy, wrong].forEach((q) => q.dispose());
  });

  it('frees its variables on dispose', () => {
    const before = tf.memory().numTensors;
    const queue = new EmbeddingQueue(4, 3);
    expect(tf.memory().numTensors).toBe(before + 2);
    queue.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
