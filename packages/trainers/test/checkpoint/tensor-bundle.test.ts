import { packBundle, unpackBundle } from '../../src/checkpoint/tensor-bundle';

describe('tensor bundles', () => {
  it('round-trips float and int tensors', () => {
    const bundle = {
      w: { shape: [2, 2], dtype: 'float32' as const, values: new Float32Array([1.5, -2, 3, 4.25]) },
      q: { shape: [3], dtype: 'int32' as const, values: new Int32Array([7, -1, 0]) },
    };
    const { index, bytes } = packBundle(bundle);
    const back = unpackBundle(index, bytes);
    expect(Array.from(back.w.values)).toEqual([1.5, -2, 3, 4.25]);
    expect(back.q.values).toBeInstanceOf(Int32Array);
    expect(Array.from(back.q.values)).toEqual([7, -1, 0]);
  });

  it('rejects a value count that does not fit the shape and a truncated buffer', () => {
    expect(() => packBundle({ w: { shape: [3], dtype: 'float32', values: new Float32Array(2) } })).toThrow(
      /'w'/,
    );
    const { index, bytes } = packBundle({ w: { shape: [4], dtype: 'float32', values: new Float32Array(4) } });
    expect(() => unpackBundle(index, bytes.slice(0, 8))).toThrow(/truncated/);
  });
});
