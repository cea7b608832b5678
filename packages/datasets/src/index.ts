import './plugin-types';
export type { LabeledSplit, LabeledDataset } from './types';
export { DatasetError } from './errors/dataset-error';
export { decodeBase64 } from './encoding/base64';
export { isGzip, gunzipIfNeeded } from './encoding/gzip';
export {
  IDX_DTYPES,
  parseIdx,
  parseIdxHeader,
  decodeIdxData,
  type IdxArray,
  type IdxDtype,
  type IdxHeader,
} from './idx/parse-idx';
export { idxToSplit, type IdxToSplitOptions } from './idx/idx-to-split';
export { exampleSize, validateSplit, subsetSplit, classCounts, indicesByLabel } from './split/split-utils';
export { stratifiedIndices, stratifiedSplit } from './split/stratified-split';
export {
  checkLabeledDataset,
  type CheckDatasetOptions,
  type DatasetSource,
} from './split/check-labeled-dataset';
export { FASHION_MNIST_CLASS_NAMES, MNIST_CLASS_NAMES } from './embedded/fashion-mnist-classes';
export { FASHION_MNIST_LICENCE } from './embedded/fashion-mnist-licence';
export {
  loadFashionMnistEmbedded,
  embeddedFashionMnistSourceIndices,
  fashionMnistEmbeddedOptionsSchema,
  fashionMnistEmbeddedPlugin,
  type FashionMnistEmbeddedOptions,
} from './embedded/fashion-mnist-embedded';
export { FASHION_MNIST_SUBSET_META } from './embedded/fashion-mnist-subset-meta.generated';
export { IRIS_CLASS_NAMES, IRIS_FEATURE_NAMES, IRIS_FEATURES, IRIS_LABELS } from './iris/iris-data';
export { loadIris, irisSplit, irisOptionsSchema, irisPlugin, type IrisOptions } from './iris/iris';
export { type BatchSampler, type RandomSource } from './sampling/batch-sampler';
export { ShuffleSampler, type ShuffleSamplerOptions } from './sampling/shuffle-sampler';
export { ClassBalancedSampler, type ClassBalancedSamplerOptions } from './sampling/class-balanced-sampler';
export { toBatch, type TensorBatch } from './batching/to-batch';
export {
  streamBatches,
  streamTensorBatches,
  chunksOf,
  type ChunkSource,
  type StreamBatchesOptions,
} from './streaming/stream-batches';
export { datasetPlugins, datasetsModule } from './plugins';
