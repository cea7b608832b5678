export {
  exportModel,
  EXPORT_FORMATS,
  EXPORT_FILES,
  exportFileNames,
  type ExportFormat,
  type ExportOptions,
  type ExportInfo,
} from './export-model';
export { traceLayersModel, UnsupportedLayerError, SUPPORTED_LAYERS } from './graph/trace-layers';
export { traceContrastiveModel, type PortableModel } from './graph/portable-model';
export type {
  PortableGraph,
  PortableNode,
  PortableOp,
  PortableTensor,
  PortableActivation,
} from './graph/portable-graph';
export { toOnnx, ONNX_OPSET, ONNX_INPUT, ONNX_FEATURES, ONNX_EMBEDDINGS } from './onnx/to-onnx';
export { encodeSafetensors } from './pytorch/safetensors';
export { toModelPy } from './pytorch/model-py';
export { stateDictEntries } from './pytorch/state-dict';
