import type * as tfl from '@tensorflow/tfjs-layers';
import { convKernelToTorch, denseKernelToTorch, shapeToTorch, tfjsPads } from './layouts';
import {
  PORTABLE_ACTIVATIONS,
  type PortableActivation,
  type PortableNode,
  type PortableGraph,
  type PortableOp,
  type PortableTensor,
} from './portable-graph';

/** Raised for a model the exporters cannot express; the message names the layer. */
export class UnsupportedLayerError extends Error {
  constructor(
    /** Name of the layer that cannot be exported. */
    readonly layerName: string,
    /** Its tfjs class name. */
    readonly className: string,
    reason: string,
  ) {
    super(`cannot export layer '${layerName}' (${className}): ${reason}`);
    this.name = 'UnsupportedLayerError';
  }
}

/** tfjs-layers classes {@link traceLayersModel} converts (besides the input layer). */
export const SUPPORTED_LAYERS = [
  'Dense',
  'Conv2D',
  'BatchNormalization',
  'Activation',
  'ReLU',
  'MaxPooling2D',
  'GlobalAveragePooling2D',
  'Flatten',
  'Add',
  'Dropout',
  'ContrastiveL2Normalize',
] as const;

/** The graph structure tfjs-layers keeps on each layer (public at run time, not in its typings). */
interface InboundNode {
  inboundLayers: tfl.layers.Layer[];
  inputTensors: Array<{ shape: Array<number | null> }>;
}
type TracedLayer = tfl.layers.Layer & { inboundNodes: InboundNode[] };

/** Short, stable names for PyTorch attributes and ONNX values: `conv1`, `bn3`, `fc2`, ... */
const PREFIX: Record<PortableOp['op'], string> = {
  dense: 'fc',
  conv2d: 'conv',
  batchNorm: 'bn',
  activation: 'act',
  maxPool: 'pool',
  globalAvgPool: 'gap',
  flatten: 'flatten',
  add: 'add',
  dropout: 'dropout',
  l2Normalize: 'l2norm',
};

/**
 * Converts a tfjs-layers functional model (one input, one output, every layer used once) to a
 * {@link PortableGraph} with weights in PyTorch layout. Layers outside {@link SUPPORTED_LAYERS},
 * or supported layers with options the exporters cannot express, raise an
 * {@link UnsupportedLayerError} naming the layer.
 */
export function traceLayersModel(model: tfl.LayersModel): PortableGraph {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(
      `cannot export model '${model.name}': it must have one input and one output, got ${model.inputs.length} and ${model.outputs.length}`,
    );
  }
  const counters = new Map<string, number>();
  const nodes: PortableNode[] = [];
  /** tfjs layer name -> the value (graph input or node name) holding its output, and its tfjs shape. */
  const values = new Map<string, { value: string; tfjsShape: number[] }>();
  const inputShape = model.inputs[0].shape.slice(1) as number[];
  const input = 'x';

  for (const layer of model.layers as TracedLayer[]) {
    const className = layer.getClassName();
    const fail = (reason: string): never => {
      throw new UnsupportedLayerError(layer.name, className, reason);
    };
    if (layer.inboundNodes.length !== 1)
      fail(`it is used ${layer.inboundNodes.length} times; the exporters need each layer used once`);
    const inbound = layer.inboundNodes[0];
    if (className === 'InputLayer') {
      values.set(layer.name, { value: input, tfjsShape: inputShape });
      continue;
    }
    if (!(SUPPORTED_LAYERS as readonly string[]).includes(className)) {
      fail(
        `the exporters support ${SUPPORTED_LAYERS.join(', ')}; a custom layer or plugin encoder needs its own exporter`,
      );
    }
    const sources = inbound.inboundLayers.map((source) => {
      const found = values.get(source.name);
      if (!found) fail(`its input '${source.name}' is not part of model '${model.name}'`);
      return found!;
    });
    const inShape = sources[0].tfjsShape;
    const config = layer.getConfig() as Record<string, unknown>;
    const emit = (op: PortableOp, tfjsShape: number[], inputs = sources.map((s) => s.value)): void => {
      const count = (counters.get(op.op) ?? 0) + 1;
      counters.set(op.op, count);
      const name = `${PREFIX[op.op]}${count}`;
      nodes.push({
        ...op,
        name,
        layerName: layer.name,
        inputs,
        shape: shapeToTorch(tfjsShape),
      } as PortableNode);
      values.set(layer.name, { value: name, tfjsShape });
    };
    const emitActivation = (identifier: unknown, tfjsShape: number[]): void => {
      if (identifier === 'linear' || identifier === undefined || identifier === null) return;
      if (!(PORTABLE_ACTIVATIONS as readonly string[]).includes(identifier as string)) {
        fail(
          `activation ${JSON.stringify(identifier)} is not exportable (supported: ${PORTABLE_ACTIVATIONS.join(', ')}, linear)`,
        );
      }
      const previous = values.get(layer.name)!;
      const count = (counters.get('activation') ?? 0) + 1;
      counters.set('activation', count);
      const name = `${PREFIX.activation}${count}`;
      nodes.push({
        op: 'activation',
        activation: identifier as PortableActivation,
        name,
        layerName: layer.name,
        inputs: [previous.value],
        shape: shapeToTorch(tfjsShape),
      });
      values.set(layer.name, { value: name, tfjsShape });
    };
    const outShape = (layer.outputShape as Array<number | null>).slice(1) as number[];
    const needImage = (): void => {
      if (inShape.length !== 3) fail(`expects an image input [H, W, C], got [${inShape.join(', ')}]`);
      if (config.dataFormat !== undefined && config.dataFormat !== 'channelsLast')
        fail(`dataFormat must be channelsLast, got ${config.dataFormat}`);
    };

    switch (className) {
      case 'Dense': {
        if (inShape.length !== 1)
          fail(`expects a [B, F] input, got per-example shape [${inShape.join(', ')}]`);
        const kernel = weight(layer, 'kernel', fail);
        emit(
          {
            op: 'dense',
            weight: denseKernelToTorch(kernel.data, kernel.shape),
            ...(config.useBias ? { bias: weight(layer, 'bias', fail) } : {}),
          },
          outShape,
        );
        emitActivation(config.activation, outShape);
        break;
      }
      case 'Conv2D': {
        needImage();
        const dilation = config.dilationRate as number[] | number;
        if ((Array.isArray(dilation) ? dilation : [dilation]).some((d) => d !== 1))
          fail(`dilationRate must be 1, got ${JSON.stringify(dilation)}`);
        const kernel = weight(layer, 'kernel', fail);
        const [kh, kw] = kernel.shape;
        const strides = pair(config.strides);
        emit(
          {
            op: 'conv2d',
            weight: convKernelToTorch(kernel.data, kernel.shape),
            ...(config.useBias ? { bias: weight(layer, 'bias', fail) } : {}),
            strides,
            pads: tfjsPads(String(config.padding), [inShape[0], inShape[1]], [kh, kw], strides),
          },
          outShape,
        );
        emitActivation(config.activation, outShape);
        break;
      }
      case 'BatchNormalization': {
        const axis = config.axis as number;
        if (axis !== -1 && axis !== inShape.length)
          fail(`only the last (channel) axis is supported, got axis ${axis}`);
        if (inShape.length !== 1 && inShape.length !== 3)
          fail(`expects [B, F] or [B, H, W, C] inputs, got per-example shape [${inShape.join(', ')}]`);
        const channels = inShape[inShape.length - 1];
        const filled = (value: number): PortableTensor => ({
          shape: [channels],
          data: new Float32Array(channels).fill(value),
        });
        emit(
          {
            op: 'batchNorm',
            gamma: config.scale === false ? filled(1) : weight(layer, 'gamma', fail),
            beta: config.center === false ? filled(0) : weight(layer, 'beta', fail),
            runningMean: weight(layer, 'moving_mean', fail),
            runningVar: weight(layer, 'moving_variance', fail),
            epsilon: config.epsilon as number,
            momentum: 1 - (config.momentum as number),
          },
          outShape,
        );
        break;
      }
      case 'Activation':
        values.set(layer.name, sources[0]);
        emitActivation(config.activation, outShape);
        break;
      case 'ReLU':
        if (config.maxValue !== null && config.maxValue !== undefined)
          fail(`maxValue ${config.maxValue} is not supported`);
        values.set(layer.name, sources[0]);
        emitActivation('relu', outShape);
        break;
      case 'MaxPooling2D': {
        needImage();
        const kernel = pair(config.poolSize);
        const strides = pair(config.strides ?? config.poolSize);
        emit(
          {
            op: 'maxPool',
            kernel,
            strides,
            pads: tfjsPads(String(config.padding), [inShape[0], inShape[1]], kernel, strides),
          },
          outShape,
        );
        break;
      }
      case 'GlobalAveragePooling2D':
        needImage();
        emit({ op: 'globalAvgPool' }, outShape);
        break;
      case 'Flatten':
        if (inShape.length === 1) values.set(layer.name, sources[0]);
        else emit({ op: 'flatten', channelsLast: inShape.length === 3 }, outShape);
        break;
      case 'Add':
        if (sources.some((s) => s.tfjsShape.join() !== inShape.join()))
          fail('its inputs must have equal shapes (no broadcasting)');
        emit({ op: 'add' }, outShape);
        break;
      case 'Dropout':
        if (config.noiseShape !== null && config.noiseShape !== undefined)
          fail('noiseShape is not supported');
        emit({ op: 'dropout', rate: config.rate as number }, outShape);
        break;
      case 'ContrastiveL2Normalize':
        if (inShape.length !== 1)
          fail(`expects a [B, D] input, got per-example shape [${inShape.join(', ')}]`);
        emit({ op: 'l2Normalize', epsilon: config.epsilon as number }, outShape);
        break;
    }
  }
  const output = values.get(model.outputLayers[0].name);
  if (!output) throw new Error(`cannot export model '${model.name}': its output layer was not traced`);
  return { name: model.name, input, inputShape: shapeToTorch(inputShape), nodes, output: output.value };
}

function pair(value: unknown): [number, number] {
  return Array.isArray(value) ? [value[0], value[1]] : [value as number, value as number];
}

/** A copy of the layer weight named `<layer>/<suffix>` and its tfjs shape. */
function weight(layer: tfl.layers.Layer, suffix: string, fail: (reason: string) => never): PortableTensor {
  const found = layer.weights.find(
    (w) => w.originalName.endsWith(`/${suffix}`) || w.name.endsWith(`/${suffix}`),
  );
  if (!found) return fail(`it has no weight '${suffix}'`);
  const value = found.read();
  return { shape: [...value.shape], data: Float32Array.from(value.dataSync() as Float32Array) };
}
