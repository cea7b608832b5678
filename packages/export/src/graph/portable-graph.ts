/**
 * A framework-neutral description of an encoder or head, in PyTorch's conventions: images are
 * NCHW, dense weights are `[out, in]`, convolution weights `[out, in, kh, kw]`. Both writers (ONNX
 * and PyTorch) read this one description, so the layout conversion from tfjs (NHWC, `[in, out]`,
 * `[kh, kw, in, out]`) happens once, in `traceLayersModel`.
 */

/** A weight in PyTorch layout, row-major. */
export interface PortableTensor {
  /** The tensor's shape. */
  shape: number[];
  /** Its values, row-major. */
  data: Float32Array;
}

/** Element-wise activations the exporters know; names are tfjs-layers' identifiers. */
export const PORTABLE_ACTIVATIONS = [
  'relu',
  'elu',
  'selu',
  'gelu',
  'swish',
  'mish',
  'tanh',
  'sigmoid',
  'softplus',
] as const;
/** An activation the portable graph can express. */
export type PortableActivation = (typeof PORTABLE_ACTIVATIONS)[number];

/** Padding of the two spatial axes: `[top, left, bottom, right]` (ONNX's `pads` order). */
export type Pads = [number, number, number, number];

/** One operation of a portable graph. */
export type PortableOp =
  | { op: 'dense'; weight: PortableTensor; bias?: PortableTensor }
  | { op: 'conv2d'; weight: PortableTensor; bias?: PortableTensor; strides: [number, number]; pads: Pads }
  | {
      op: 'batchNorm';
      gamma: PortableTensor;
      beta: PortableTensor;
      runningMean: PortableTensor;
      runningVar: PortableTensor;
      epsilon: number;
      /** PyTorch's momentum (`1 - ` tfjs' momentum). */
      momentum: number;
    }
  | { op: 'activation'; activation: PortableActivation }
  | { op: 'maxPool'; kernel: [number, number]; strides: [number, number]; pads: Pads }
  | { op: 'globalAvgPool' }
  /** Flattens `[B, ...]`; from an image it reads channels last (tfjs' order), so the next dense layer's weights stay valid. */
  | { op: 'flatten'; channelsLast: boolean }
  | { op: 'add' }
  | { op: 'dropout'; rate: number }
  | { op: 'l2Normalize'; epsilon: number };

/** One layer: its op, its inputs (names of earlier nodes or the graph input) and its output shape. */
export type PortableNode = PortableOp & {
  /** Unique, identifier-safe name (from the tfjs layer name). */
  name: string;
  /** The tfjs layer this node came from (for messages). */
  layerName: string;
  inputs: string[];
  /** Per-example output shape in PyTorch layout (`[C, H, W]` for images). */
  shape: number[];
};

/** A traced model: one input, nodes in topological order, one output. */
export interface PortableGraph {
  /** tfjs model name (e.g. `seed_cnn`). */
  name: string;
  /** Name of the input value. */
  input: string;
  /** Per-example input shape in PyTorch layout (`[C, H, W]` for images). */
  inputShape: number[];
  /** The operations, in execution order. */
  nodes: PortableNode[];
  /** Name of the node whose value is the output. */
  output: string;
}

/** Weights of a node by their PyTorch parameter / buffer names (`weight`, `bias`, `running_mean`, ...). */
export function nodeTensors(node: PortableNode): Array<[string, PortableTensor]> {
  switch (node.op) {
    case 'dense':
    case 'conv2d':
      return node.bias
        ? [
            ['weight', node.weight],
            ['bias', node.bias],
          ]
        : [['weight', node.weight]];
    case 'batchNorm':
      return [
        ['weight', node.gamma],
        ['bias', node.beta],
        ['running_mean', node.runningMean],
        ['running_var', node.runningVar],
      ];
    default:
      return [];
  }
}
