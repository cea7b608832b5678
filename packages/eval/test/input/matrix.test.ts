import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { l2NormaliseRows, readLabels, readLabelsAsync, readMatrix, readMatrixAsync } from '../../src';

beforeAll(() => tf.setBackend('cpu'));

describe('readMatrix', () => {
  it('reads arrays of rows and tensors alike, without disposing the tensor', () => {
    const t = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    expect(readMatrix(t, 'x')).toEqual({ data: new Float32Array([1, 2, 3, 4]), rows: 2, cols: 2 });
    expect(readMatrix([[1, 2], new Float32Array([3, 4])], 'x').data).toEqual(new Float32Array([1, 2, 3, 4]));
    expect(t.isDisposed).toBe(false);
    t.dispose();
  });

  it('rejects wrong rank, naming the argument and the shape', () => {
    const t = tf.tensor1d([1, 2, 3]);
    expect(() => readMatrix(t, 'embeddings')).toThrow(
      /embeddings: expected a rank-2 tensor \[N, D\], got rank 1 with shape \[3\]/,
    );
    t.dispose();
    expect(() => readMatrix([1, 2, 3] as unknown as number[][], 'embeddings')).toThrow(
      /embeddings: .*rank 1/,
    );
  });

  it('rejects NaN and infinite values with their position', () => {
    expect(() =>
      readMatrix(
        [
          [1, 2],
          [3, NaN],
        ],
        'embeddings',
      ),
    ).toThrow(/embeddings: expected finite values, got NaN at row 1, column 1/);
    const t = tf.tensor2d([[Infinity, 0]]);
    expect(() => readMatrix(t, 'embeddings')).toThrow(/got Infinity at row 0/);
    t.dispose();
  });

  it('rejects ragged rows and empty input', () => {
    expect(() => readMatrix([[1, 2], [3]], 'x')).toThrow(
      /x: expected every row to have 2 values, row 1 has 1/,
    );
    expect(() => readMatrix([], 'x')).toThrow(/at least one row/);
  });
});

describe('readLabels', () => {
  it('checks the count against the embeddings', () => {
    expect(() => readLabels([0, 1], 'labels', 3, 'embeddings row')).toThrow(
      /labels: expected 3 labels \(one per embeddings row\), got 2/,
    );
  });
  it('checks rank and integrality', () => {
    const t = tf.tensor2d([[0, 1]]);
    expect(() => readLabels(t, 'labels')).toThrow(/labels: expected a rank-1 tensor \[N\], got rank 2/);
    t.dispose();
    expect(() => readLabels([0, 1.5], 'labels')).toThrow(/expected integer labels, got 1.5 at index 1/);
  });
});

describe('readMatrixAsync and readLabelsAsync (every backend)', () => {
  it('read tensors with data(), never dataSync(), and check them as the synchronous readers do', async () => {
    const syncRead = jest.spyOn(tf.Tensor.prototype, 'dataSync');
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const y = tf.tensor1d([0, 1], 'int32');
    expect(await readMatrixAsync(x, 'x')).toEqual({ data: Float32Array.from([1, 2, 3, 4]), rows: 2, cols: 2 });
    expect(Array.from(await readLabelsAsync(y, 'y', 2))).toEqual([0, 1]);
    expect(await readMatrixAsync([[5, 6]], 'x')).toEqual({ data: Float32Array.from([5, 6]), rows: 1, cols: 2 });
    await expect(readMatrixAsync(tf.tensor1d([1, 2]), 'x')).rejects.toThrow(/x: expected a rank-2 tensor/);
    await expect(readMatrixAsync(tf.tensor2d([[1, Number.NaN]]), 'x')).rejects.toThrow(/x: expected finite values, got NaN at row 0, column 1/);
    await expect(readLabelsAsync(tf.tensor1d([0.5]), 'y')).rejects.toThrow(/y: expected integer labels/);
    await expect(readLabelsAsync(y, 'y', 3, 'x row')).rejects.toThrow(/y: expected 3 labels \(one per x row\), got 2/);
    expect(syncRead).not.toHaveBeenCalled();
    syncRead.mockRestore();
    expect(x.isDisposed).toBe(false);
    tf.dispose([x, y]);
  });
});

describe('l2NormaliseRows', () => {
  it('normalises rows and leaves zero rows at zero', () => {
    const n = l2NormaliseRows({ data: new Float32Array([3, 4, 0, 0]), rows: 2, cols: 2 });
    expect(Array.from(n.data)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6), 0, 0]);
  });
});
