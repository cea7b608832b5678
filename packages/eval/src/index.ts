import './plugin-types';
export {
  readMatrix,
  readLabels,
  readMatrixAsync,
  readLabelsAsync,
  toMatrixTensor,
  l2NormaliseRows,
  type MatrixInput,
  type LabelInput,
  type DenseMatrix,
} from './input/matrix';
export {
  type NeighbourIndex,
  type NeighbourResult,
  type NeighbourQueryOptions,
  type NeighbourMetric,
} from './neighbours/neighbour-index';
export { sampleIndices } from './input/sample';
export { ExactNeighbourIndex, type ExactIndexOptions } from './neighbours/exact-index';
export {
  retrievalMetrics,
  retrievalMetric,
  retrievalMetricSchema,
  type RetrievalMetrics,
  type RetrievalOptions,
} from './retrieval/retrieval-metrics';
export {
  nmi,
  ami,
  type AverageMethod,
  type MutualInformationOptions,
} from './clustering/mutual-information-scores';
export { kmeans, type KMeansOptions, type KMeansResult } from './clustering/kmeans';
export {
  clusterQuality,
  clusterQualityMetric,
  clusterQualityMetricSchema,
  type ClusterQuality,
} from './clustering/cluster-quality';
export {
  knnPredict,
  knnAccuracy,
  knnAccuracyMetric,
  knnAccuracyMetricSchema,
  type KnnOptions,
  type KnnSearchOptions,
  type KnnPrediction,
} from './knn/knn-classifier';
export { FeatureScaler, type FeatureScaling } from './probe/feature-scaling';
export {
  fitLinearProbe,
  LinearProbe,
  linearProbeMetric,
  linearProbeMetricSchema,
  type LinearProbeOptions,
  type LinearProbeExtras,
  type LinearProbeEpoch,
} from './probe/linear-probe';
export { project2d, type Project2dOptions } from './projection/project2d';
export { TSNE_MAX_POINTS, type TsneOptions } from './projection/tsne';
export { type UmapOptions } from './projection/umap';
export { defineMetric, readMetricInput, type EmbeddingMetric, type MetricInput, type HostMetricInput } from './metric';
export { evalModule, evalPlugins } from './plugins';
