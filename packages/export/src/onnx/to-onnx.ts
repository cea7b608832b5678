import { onnx } from 'onnx-proto';
import type { PortableGraph, PortableNode, PortableTensor } from '../graph/portable-graph';
import type { PortableModel } from '../graph/portable-model';

/** The opset the exported graphs use (ReduceL2 still takes `axes` as an attribute there). */
export const ONNX_OPSET = 17;
/** ONNX IR version matching {@link ONNX_OPSET}. */
const IR_VERSION = 8;

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const A = onnx.AttributeProto.AttributeType;

type Attribute = onnx.IAttributeProto;
const ints = (name: string, values: number[]): Attribute => ({ name, type: A.INTS, ints: values });
const int = (name: string, value: number): Attribute => ({ name, type: A.INT, i: value });
const float = (name: string, value: number): Attribute => ({ name, type: A.FLOAT, f: value });

function tensorProto(name: string, tensor: PortableTensor): onnx.ITensorProto {
  const bytes = new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  // rawData is little-endian float32, which is what Float32Array holds on every platform Node runs on.
  return { name, dims: tensor.shape, dataType: FLOAT, rawData: Uint8Array.from(bytes) };
}

function valueInfo(name: string, shape: number[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: [{ dimParam: 'batch' }, ...shape.map((d) => ({ dimValue: d }))] },
      },
    },
  };
}

/** Accumulates ONNX nodes and initializers for one graph. */
class GraphBuilder {
  readonly nodes: onnx.INodeProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];
  private readonly constants = new Map<number, string>();

  node(opType: string, inputs: string[], output: string, attribute: Attribute[] = []): string {
    this.nodes.push({ opType, input: inputs, output: [output], name: output, attribute });
    return output;
  }

  weight(name: string, tensor: PortableTensor): string {
    this.initializers.push(tensorProto(name, tensor));
    return name;
  }

  scalar(value: number): string {
    let name = this.constants.get(value);
    if (!name) {
      name = `const_${this.constants.size}`;
      this.constants.set(value, name);
      this.weight(name, { shape: [], data: Float32Array.of(value) });
    }
    return name;
  }
}

/** Appends one portable node; `prefix` scopes names (`encoder.`, `head.`), `resolve` maps input names. */
function emitNode(
  g: GraphBuilder,
  node: PortableNode,
  prefix: string,
  resolve: (name: string) => string,
): void {
  const out = `${prefix}${node.name}`;
  const x = resolve(node.inputs[0]);
  switch (node.op) {
    case 'dense': {
      const inputs = [x, g.weight(`${out}.weight`, node.weight)];
      if (node.bias) inputs.push(g.weight(`${out}.bias`, node.bias));
      g.node('Gemm', inputs, out, [int('transB', 1)]);
      return;
    }
    case 'conv2d': {
      const inputs = [x, g.weight(`${out}.weight`, node.weight)];
      if (node.bias) inputs.push(g.weight(`${out}.bias`, node.bias));
      g.node('Conv', inputs, out, [
        ints('kernel_shape', node.weight.shape.slice(2)),
        ints('strides', node.strides),
        ints('pads', node.pads),
      ]);
      return;
    }
    case 'batchNorm':
      g.node(
        'BatchNormalization',
        [
          x,
          g.weight(`${out}.weight`, node.gamma),
          g.weight(`${out}.bias`, node.beta),
          g.weight(`${out}.running_mean`, node.runningMean),
          g.weight(`${out}.running_var`, node.runningVar),
        ],
        out,
        [float('epsilon', node.epsilon)],
      );
      return;
    case 'activation':
      emitActivation(g, node.activation, x, out);
      return;
    case 'maxPool':
      g.node('MaxPool', [x], out, [
        ints('kernel_shape', node.kernel),
        ints('strides', node.strides),
        ints('pads', node.pads),
      ]);
      return;
    case 'globalAvgPool':
      g.node('Flatten', [g.node('GlobalAveragePool', [x], `${out}.pooled`)], out, [int('axis', 1)]);
      return;
    case 'flatten': {
      // tfjs flattens images channels-last; transposing first keeps the next dense layer's weights valid.
      const source = node.channelsLast
        ? g.node('Transpose', [x], `${out}.nhwc`, [ints('perm', [0, 2, 3, 1])])
        : x;
      g.node('Flatten', [source], out, [int('axis', 1)]);
      return;
    }
    case 'add':
      g.node('Sum', node.inputs.map(resolve), out);
      return;
    case 'dropout':
      g.node('Identity', [x], out);
      return;
    case 'l2Normalize': {
      // x / max(||x||, eps), PyTorch's F.normalize (and our L2Normalize layer).
      const norm = g.node('ReduceL2', [x], `${out}.norm`, [ints('axes', [1]), int('keepdims', 1)]);
      g.node('Div', [x, g.node('Max', [norm, g.scalar(node.epsilon)], `${out}.clamped`)], out);
      return;
    }
  }
}

function emitActivation(g: GraphBuilder, activation: string, x: string, out: string): void {
  switch (activation) {
    case 'relu':
      g.node('Relu', [x], out);
      return;
    case 'elu':
      g.node('Elu', [x], out, [float('alpha', 1)]);
      return;
    case 'selu':
      g.node('Selu', [x], out);
      return;
    case 'tanh':
      g.node('Tanh', [x], out);
      return;
    case 'sigmoid':
      g.node('Sigmoid', [x], out);
      return;
    case 'softplus':
      g.node('Softplus', [x], out);
      return;
    case 'swish':
      g.node('Mul', [x, g.node('Sigmoid', [x], `${out}.sigmoid`)], out);
      return;
    case 'mish':
      g.node('Mul', [x, g.node('Tanh', [g.node('Softplus', [x], `${out}.softplus`)], `${out}.tanh`)], out);
      return;
    case 'gelu': {
      // Exact GELU, x * (1 + erf(x / sqrt 2)) / 2 (tfjs' 'gelu'); opset 17 has no Gelu op.
      const erf = g.node('Erf', [g.node('Div', [x, g.scalar(Math.SQRT2)], `${out}.scaled`)], `${out}.erf`);
      const cdf = g.node(
        'Mul',
        [g.node('Add', [erf, g.scalar(1)], `${out}.plus1`), g.scalar(0.5)],
        `${out}.cdf`,
      );
      g.node('Mul', [x, cdf], out);
      return;
    }
    default:
      throw new Error(`ONNX export: activation '${activation}' has no ONNX form`);
  }
}

function emitGraph(
  g: GraphBuilder,
  graph: PortableGraph,
  prefix: string,
  input: string,
  output: string,
): void {
  const resolve = (name: string): string => (name === graph.input ? input : `${prefix}${name}`);
  for (const node of graph.nodes) emitNode(g, node, prefix, resolve);
  g.node('Identity', [resolve(graph.output)], output);
}

/** Output names of an exported ONNX model. */
export const ONNX_INPUT = 'input';
/** Name of the ONNX output holding the encoder's features. */
export const ONNX_FEATURES = 'features';
/** Name of the ONNX output holding the normalised embeddings. */
export const ONNX_EMBEDDINGS = 'embeddings';

/**
 * Serialises a traced model as an ONNX `ModelProto` (bytes of a `.onnx` file): input `input`
 * (`[batch, C, H, W]` for images, `[batch, F]` for vectors), outputs `features` (encoder) and,
 * with a head, `embeddings` (L2-normalised). Batch norm is in inference form (running statistics).
 */
export function toOnnx(model: PortableModel, producerVersion: string): Uint8Array {
  const g = new GraphBuilder();
  emitGraph(g, model.encoder, 'encoder.', ONNX_INPUT, ONNX_FEATURES);
  const outputs = [valueInfo(ONNX_FEATURES, outputShape(model.encoder))];
  if (model.head) {
    emitGraph(g, model.head, 'head.', ONNX_FEATURES, ONNX_EMBEDDINGS);
    outputs.push(valueInfo(ONNX_EMBEDDINGS, outputShape(model.head)));
  }
  const proto = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: '@contrastive/export',
    producerVersion,
    graph: {
      name: model.encoder.name + (model.head ? `+${model.head.name}` : ''),
      node: g.nodes,
      initializer: g.initializers,
      input: [valueInfo(ONNX_INPUT, model.encoder.inputShape)],
      output: outputs,
    },
    metadataProps: [{ key: 'contrastive.manifest', value: JSON.stringify(model.manifest) }],
  });
  return onnx.ModelProto.encode(proto).finish();
}

function outputShape(graph: PortableGraph): number[] {
  if (graph.output === graph.input) return graph.inputShape;
  const node = graph.nodes.find((n) => n.name === graph.output);
  if (!node) throw new Error(`ONNX export: graph '${graph.name}' has no node '${graph.output}'`);
  return node.shape;
}
