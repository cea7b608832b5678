import type { Pads, PortableGraph, PortableNode } from '../graph/portable-graph';
import type { PortableModel } from '../graph/portable-model';

const ACTIVATION_MODULES: Record<string, string> = {
  relu: 'nn.ReLU()',
  elu: 'nn.ELU()',
  selu: 'nn.SELU()',
  gelu: 'nn.GELU()',
  swish: 'nn.SiLU()',
  mish: 'nn.Mish()',
  tanh: 'nn.Tanh()',
  sigmoid: 'nn.Sigmoid()',
  softplus: 'nn.Softplus()',
};

const py = (value: unknown): string =>
  typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);
const floatLiteral = (value: number): string => {
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
};

/** `F.pad` order for NCHW: `(left, right, top, bottom)` from ONNX-order pads. */
const torchPad = ([top, left, bottom, right]: Pads): string => `(${left}, ${right}, ${top}, ${bottom})`;
const symmetric = ([top, left, bottom, right]: Pads): boolean => top === bottom && left === right;

/** Python lines of `__init__` (modules) and `forward` (statements) for one node. */
function lowerNode(node: PortableNode, value: (name: string) => string): { init: string[]; forward: string } {
  const x = value(node.inputs[0]);
  const out = node.name;
  switch (node.op) {
    case 'dense': {
      const [outF, inF] = node.weight.shape;
      return {
        init: [`self.${out} = nn.Linear(${inF}, ${outF}, bias=${py(!!node.bias)})`],
        forward: `${out} = self.${out}(${x})`,
      };
    }
    case 'conv2d': {
      const [outC, inC, kh, kw] = node.weight.shape;
      const padding = symmetric(node.pads) ? `(${node.pads[0]}, ${node.pads[1]})` : '0';
      // TensorFlow's 'same' padding puts the odd pixel bottom/right, which Conv2d's padding cannot express.
      const input = symmetric(node.pads) ? x : `F.pad(${x}, ${torchPad(node.pads)})`;
      return {
        init: [
          `self.${out} = nn.Conv2d(${inC}, ${outC}, (${kh}, ${kw}), stride=(${node.strides.join(', ')}), padding=${padding}, bias=${py(!!node.bias)})`,
        ],
        forward: `${out} = self.${out}(${input})`,
      };
    }
    case 'batchNorm': {
      const kind = node.shape.length === 3 ? 'BatchNorm2d' : 'BatchNorm1d';
      return {
        init: [
          `self.${out} = nn.${kind}(${node.gamma.shape[0]}, eps=${floatLiteral(node.epsilon)}, momentum=${floatLiteral(Number(node.momentum.toFixed(6)))})`,
        ],
        forward: `${out} = self.${out}(${x})`,
      };
    }
    case 'activation':
      return {
        init: [`self.${out} = ${ACTIVATION_MODULES[node.activation]}`],
        forward: `${out} = self.${out}(${x})`,
      };
    case 'maxPool': {
      const padding = symmetric(node.pads) ? `(${node.pads[0]}, ${node.pads[1]})` : '0';
      const input = symmetric(node.pads) ? x : `F.pad(${x}, ${torchPad(node.pads)}, value=float('-inf'))`;
      return {
        init: [
          `self.${out} = nn.MaxPool2d((${node.kernel.join(', ')}), stride=(${node.strides.join(', ')}), padding=${padding})`,
        ],
        forward: `${out} = self.${out}(${input})`,
      };
    }
    case 'globalAvgPool':
      return { init: [], forward: `${out} = ${x}.mean(dim=(2, 3))` };
    case 'flatten':
      // tfjs flattens images channels-last: permuting first keeps the next Linear's weights valid.
      return {
        init: [],
        forward: node.channelsLast
          ? `${out} = ${x}.permute(0, 2, 3, 1).flatten(1)`
          : `${out} = ${x}.flatten(1)`,
      };
    case 'add':
      return { init: [], forward: `${out} = ${node.inputs.map(value).join(' + ')}` };
    case 'dropout':
      return {
        init: [`self.${out} = nn.Dropout(${floatLiteral(node.rate)})`],
        forward: `${out} = self.${out}(${x})`,
      };
    case 'l2Normalize':
      return { init: [], forward: `${out} = F.normalize(${x}, dim=1, eps=${floatLiteral(node.epsilon)})` };
  }
}

function moduleClass(className: string, graph: PortableGraph, doc: string): string {
  const value = (name: string): string => name;
  const init: string[] = [];
  const forward: string[] = [];
  for (const node of graph.nodes) {
    const lowered = lowerNode(node, value);
    init.push(...lowered.init);
    forward.push(lowered.forward);
  }
  const indent = (lines: string[], n: number) => lines.map((l) => ' '.repeat(n) + l).join('\n');
  return `class ${className}(nn.Module):
    """${doc}"""

    def __init__(self):
        super().__init__()
${init.length ? indent(init, 8) : '        pass'}

    def forward(self, ${graph.input}):
${indent([...forward, `return ${graph.output}`], 8)}
`;
}

/**
 * The Python source of `model.py`: `Encoder` (and `Head`) as plain `torch.nn` modules whose
 * `state_dict` keys match the exported safetensors, `ContrastiveModel` joining them, and
 * `load_model(directory)`. Runs on PyTorch >= 1.10 without other packages.
 */
export function toModelPy(model: PortableModel, producer: string): string {
  const inputShape = model.encoder.inputShape;
  const image = inputShape.length === 3;
  const parts = [
    moduleClass(
      'Encoder',
      model.encoder,
      `Encoder '${model.manifest.encoder?.id ?? model.encoder.name}': [B, ${inputShape.join(', ')}] -> features [B, ${model.manifest.featureDim}].`,
    ),
  ];
  if (model.head) {
    parts.push(
      moduleClass(
        'Head',
        model.head,
        `Projection head '${model.manifest.head?.id ?? model.head.name}': features -> L2-normalised embeddings [B, ${model.manifest.embeddingDim}].`,
      ),
    );
  }
  return `"""Generated by ${producer}: the exported contrastive model as a PyTorch module.

Layouts are PyTorch's: inputs are ${image ? 'NCHW [B, C, H, W] (tfjs used NHWC)' : `[B, ${inputShape.join(', ')}]`}, Linear weights
[out, in], Conv2d weights [out, in, kh, kw]. Batch norm keeps its running statistics (eval()
uses them, train() updates them with momentum 1 - tfjs momentum), so training can continue.

    from model import load_model
    model = load_model()            # reads model.safetensors beside this file, returns eval() mode
    z = model(x)                    # ${model.head ? 'L2-normalised embeddings' : 'encoder features'}
"""
import json
import os

import torch
import torch.nn.functional as F
from torch import nn

#: Per-example input shape in PyTorch layout.
INPUT_SHAPE = ${JSON.stringify(inputShape)}
#: Encoder feature width F${model.head ? ' and embedding width D' : ''}.
FEATURE_DIM = ${model.manifest.featureDim}
${model.head ? `EMBEDDING_DIM = ${model.manifest.embeddingDim}\n` : ''}#: The tfjs model's manifest (plugin ids and options) it was exported from.
MANIFEST = json.loads(${JSON.stringify(JSON.stringify(model.manifest))})
WEIGHTS_FILE = "model.safetensors"


${parts.join('\n\n')}

class ContrastiveModel(nn.Module):
    """Encoder${model.head ? ' followed by the projection head' : ''}; forward returns ${model.head ? 'embeddings' : 'features'}."""

    def __init__(self):
        super().__init__()
        self.encoder = Encoder()
${model.head ? '        self.head = Head()\n' : ''}
    def features(self, x):
        return self.encoder(x)

    def forward(self, x):
        return ${model.head ? 'self.head(self.encoder(x))' : 'self.encoder(x)'}


def read_safetensors(path):
    """Tensors of a float32 safetensors file (uses the safetensors package when installed)."""
    try:
        from safetensors.torch import load_file
    except ImportError:
        load_file = None
    if load_file is not None:
        return load_file(path)
    with open(path, "rb") as f:
        data = f.read()
    size = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + size].decode("utf-8"))
    start = 8 + size
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            raise ValueError(f"{path}: tensor {name} has dtype {entry['dtype']}, expected F32")
        begin, end = entry["data_offsets"]
        buffer = bytearray(data[start + begin : start + end])
        tensors[name] = torch.frombuffer(buffer, dtype=torch.float32).reshape(entry["shape"])
    return tensors


def load_model(directory=None):
    """ContrastiveModel with the exported weights, in eval() mode."""
    directory = directory or os.path.dirname(os.path.abspath(__file__))
    model = ContrastiveModel()
    result = model.load_state_dict(read_safetensors(os.path.join(directory, WEIGHTS_FILE)), strict=False)
    missing = [k for k in result.missing_keys if not k.endswith("num_batches_tracked")]
    if missing or result.unexpected_keys:
        raise ValueError(f"{directory}: weights do not match model.py (missing {missing}, unexpected {result.unexpected_keys})")
    return model.eval()
`;
}
