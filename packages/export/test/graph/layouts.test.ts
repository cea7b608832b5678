import {
  convKernelToTorch,
  denseKernelToTorch,
  permute,
  shapeToTorch,
  tfjsPads,
} from '../../src/graph/layouts';

describe('layouts', () => {
  it('permutes axes like numpy.transpose', () => {
    const data = Float32Array.from({ length: 24 }, (_, i) => i);
    const t = permute(data, [2, 3, 4], [2, 0, 1]);
    expect(t.shape).toEqual([4, 2, 3]);
    // out[k][i][j] = in[i][j][k]
    expect(t.data[(3 * 2 + 1) * 3 + 2]).toBe((1 * 3 + 2) * 4 + 3);
  });

  it('transposes dense kernels and moves conv kernel axes to [out, in, kh, kw]', () => {
    expect(Array.from(denseKernelToTorch(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3]).data)).toEqual([
      1, 4, 2, 5, 3, 6,
    ]);
    expect(convKernelToTorch(new Float32Array(3 * 5 * 2 * 7), [3, 5, 2, 7]).shape).toEqual([7, 2, 3, 5]);
    expect(shapeToTorch([28, 28, 1])).toEqual([1, 28, 28]);
    expect(shapeToTorch([10])).toEqual([10]);
  });

  it("reproduces TensorFlow's 'same' padding: the odd pixel bottom/right", () => {
    expect(tfjsPads('same', [16, 16], [3, 3], [1, 1])).toEqual([1, 1, 1, 1]);
    expect(tfjsPads('same', [16, 16], [3, 3], [2, 2])).toEqual([0, 0, 1, 1]);
    expect(tfjsPads('same', [15, 16], [3, 3], [2, 2])).toEqual([1, 0, 1, 1]);
    expect(tfjsPads('same', [16, 16], [1, 1], [2, 2])).toEqual([0, 0, 0, 0]);
    expect(tfjsPads('valid', [16, 16], [3, 3], [2, 2])).toEqual([0, 0, 0, 0]);
  });
});
