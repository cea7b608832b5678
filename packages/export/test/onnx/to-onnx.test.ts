import { onnx } from 'onnx-proto';
import { traceContrastiveModel } from '../../src/graph/portable-model';
import { ONNX_OPSET, toOnnx } from '../../src/onnx/to-onnx';
import { buildModel, useCpu } from '../helpers';

useCpu();

describe('toOnnx', () => {
  it('writes a ModelProto with NCHW input, features and embeddings outputs, weights as initializers', () => {
    const model = buildModel({ id: 'resnet', options: { width: 1 } }, 'mlp', [8, 8, 3]);
    try {
      const decoded = onnx.ModelProto.decode(toOnnx(traceContrastiveModel(model, true), 'test'));
      expect(decoded.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', ONNX_OPSET]]);
      const graph = decoded.graph as onnx.GraphProto;
      const dims = (v: onnx.IValueInfoProto) =>
        v.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue));
      expect(graph.input.map((v) => [v.name, dims(v)])).toEqual([['input', ['batch', 3, 8, 8]]]);
      expect(graph.output.map((v) => [v.name, dims(v)])).toEqual([
        ['features', ['batch', 8]],
        ['embeddings', ['batch', 128]],
      ]);
      const ops = new Set(graph.node.map((n) => n.opType));
      expect([...ops].sort()).toEqual([
        'BatchNormalization',
        'Conv',
        'Div',
        'Flatten',
        'Gemm',
        'GlobalAveragePool',
        'Identity',
        'Max',
        'ReduceL2',
        'Relu',
        'Sum',
      ]);
      const weights = (graph.initializer as onnx.TensorProto[]).filter(
        (t) => t.name.startsWith('encoder.') || t.name.startsWith('head.'),
      );
      const values = weights.reduce((sum, t) => sum + t.dims.reduce((a, b) => a * Number(b), 1), 0);
      expect(values).toBe(model.countParams());
      const manifest = decoded.metadataProps.find((p) => p.key === 'contrastive.manifest');
      expect(JSON.parse(manifest!.value!)).toEqual(model.manifest);
    } finally {
      model.dispose();
    }
  });

  it('without the head has only the features output', () => {
    const model = buildModel('mlp', 'linear', [4]);
    try {
      const graph = onnx.ModelProto.decode(toOnnx(traceContrastiveModel(model, false), 'test'))
        .graph as onnx.GraphProto;
      expect(graph.output.map((v) => v.name)).toEqual(['features']);
      expect((graph.node as onnx.NodeProto[]).some((n) => n.name.startsWith('head.'))).toBe(false);
    } finally {
      model.dispose();
    }
  });
});
