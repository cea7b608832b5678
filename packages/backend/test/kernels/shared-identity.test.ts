import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../src';

type WasmHeap = tf.KernelBackend & { typedArrayFromHeap(info: tf.TensorInfo): Float32Array };

describe('Identity on wasm: clones share the data', () => {
  beforeAll(() => useBackend('wasm', { quiet: true, native: 'off' }));

  it('a clone reads the same heap bytes (no copy) and outlives the original', () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const y = tf.clone(x);
    const heap = tf.backend() as WasmHeap;
    expect(heap.typedArrayFromHeap(y).byteOffset).toBe(heap.typedArrayFromHeap(x).byteOffset);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    y.dispose();
  });

  it('frees the bytes with the last reference, and the tape and ops around it still give the right gradient', () => {
    const before = tf.memory();
    const x = tf.tensor1d([1, -2, 3]);
    // customGrad saves (clones) the tensors its backward needs.
    const square = tf.customGrad((v, save) => {
      const input = v as tf.Tensor;
      (save as tf.GradSaveFunc)([input]);
      return { value: tf.square(input), gradFunc: (dy, [saved]) => tf.mul(dy, tf.mul(saved, 2)) };
    });
    const grad = tf.grad((v) => tf.sum(square(v) as tf.Tensor))(x);
    expect(Array.from(grad.dataSync())).toEqual([2, -4, 6]);
    tf.dispose([x, grad]);
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
    expect(after.numDataBuffers).toBe(before.numDataBuffers);
  });

  it('string tensors keep the copying kernel', () => {
    const s = tf.tensor1d(['a', 'b'], 'string');
    const t = tf.clone(s);
    s.dispose();
    expect(t.dataSync()).toEqual(['a', 'b']);
    t.dispose();
  });
});
