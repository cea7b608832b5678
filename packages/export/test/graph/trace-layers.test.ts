import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { traceLayersModel, UnsupportedLayerError } from '../../src/graph/trace-layers';
import { buildModel, useCpu } from '../helpers';

useCpu();

describe('traceLayersModel', () => {
  it('names nodes by op, converts layouts to PyTorch and keeps the graph order', () => {
    const model = buildModel('seed-cnn', 'mlp', [8, 6, 2]);
    try {
      const graph = traceLayersModel(model.encoder);
      expect(graph.inputShape).toEqual([2, 8, 6]);
      expect(graph.nodes.map((n) => n.name)).toEqual([
        'conv1',
        'act1',
        'pool1',
        'conv2',
        'act2',
        'pool2',
        'flatten1',
        'fc1',
        'act3',
      ]);
      expect(graph.output).toBe('act3');
      const conv1 = graph.nodes[0];
      expect(conv1.op === 'conv2d' && conv1.weight.shape).toEqual([16, 2, 3, 3]);
      expect(conv1.op === 'conv2d' && conv1.pads).toEqual([1, 1, 1, 1]);
      expect(conv1.shape).toEqual([16, 8, 6]);
      // tfjs kernel [kh, kw, in, out] -> [out, in, kh, kw]: element (o=5, i=1, h=2, w=0)
      const kernel = model.encoder.layers[1].getWeights()[0];
      const tfjsValue = kernel.arraySync() as number[][][][];
      expect(conv1.op === 'conv2d' && conv1.weight.data[((5 * 2 + 1) * 3 + 2) * 3 + 0]).toBe(
        tfjsValue[2][0][1][5],
      );
      const fc1 = graph.nodes[7];
      expect(fc1.op === 'dense' && fc1.weight.shape).toEqual([128, 32 * 2 * 1]);
      expect(graph.nodes[6]).toMatchObject({ op: 'flatten', channelsLast: true });
    } finally {
      model.dispose();
    }
  });

  it('records batch norm in inference form with PyTorch momentum', () => {
    const model = buildModel({ id: 'mlp', options: { widths: [4], batchNorm: true } }, 'linear', [3]);
    try {
      const bn = traceLayersModel(model.encoder).nodes.find((n) => n.op === 'batchNorm');
      expect(bn).toMatchObject({ op: 'batchNorm', epsilon: 1e-5, shape: [4] });
      expect(bn?.op === 'batchNorm' && bn.momentum).toBeCloseTo(0.1, 6);
      expect(bn?.op === 'batchNorm' && bn.runningVar.data.every((v) => v >= 0.5)).toBe(true);
    } finally {
      model.dispose();
    }
  });

  it('names an unsupported layer, its class and what is supported', () => {
    const input = tfl.input({ shape: [8, 8, 1] });
    const conv = tfl.layers
      .conv2d({ filters: 2, kernelSize: 3, name: 'my_conv' })
      .apply(input) as tfl.SymbolicTensor;
    const pooled = tfl.layers
      .averagePooling2d({ poolSize: 2, name: 'my_avg_pool' })
      .apply(conv) as tfl.SymbolicTensor;
    const model = tfl.model({
      inputs: input,
      outputs: tfl.layers.flatten().apply(pooled) as tfl.SymbolicTensor,
    });
    try {
      expect(() => traceLayersModel(model)).toThrow(UnsupportedLayerError);
      expect(() => traceLayersModel(model)).toThrow(
        /cannot export layer 'my_avg_pool' \(AveragePooling2D\): the exporters support Dense, Conv2D, .*custom layer or plugin encoder needs its own exporter/,
      );
    } finally {
      model.dispose();
    }
  });

  it('names an unsupported option of a supported layer', () => {
    const input = tfl.input({ shape: [6] });
    const hidden = tfl.layers
      .dense({ units: 3, activation: 'softmax', name: 'soft_dense' })
      .apply(input) as tfl.SymbolicTensor;
    const dilatedIn = tfl.input({ shape: [9, 9, 1] });
    const dilated = tfl.layers
      .conv2d({ filters: 1, kernelSize: 3, dilationRate: 2, name: 'dilated' })
      .apply(dilatedIn) as tfl.SymbolicTensor;
    const a = tfl.model({ inputs: input, outputs: hidden });
    const b = tfl.model({ inputs: dilatedIn, outputs: dilated });
    try {
      expect(() => traceLayersModel(a)).toThrow(
        /cannot export layer 'soft_dense' \(Dense\): activation "softmax" is not exportable/,
      );
      expect(() => traceLayersModel(b)).toThrow(
        /cannot export layer 'dilated' \(Conv2D\): dilationRate must be 1, got \[2,2\]/,
      );
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('reads weights without leaking tensors', () => {
    const model = buildModel({ id: 'resnet', options: { width: 1 } }, 'mlp', [8, 8, 3]);
    try {
      traceLayersModel(model.encoder);
      const before = tf.memory().numTensors;
      traceLayersModel(model.encoder);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  });
});
