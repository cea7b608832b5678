export { readMatrix, readLabels, toMatrixTensor, l2NormaliseRows, type MatrixInput, type LabelInput, type DenseMatrix } from './input/matrix';
export { type NeighbourIndex, type NeighbourResult, type NeighbourQueryOptions, type NeighbourMetric } from './neighbours/neighbour-index';
export { ExactNeighbourIndex, type ExactIndexOptions } from './neighbours/exact-index';
export { retrievalMetrics, type RetrievalMetrics, type RetrievalOptions } from './retrieval/retrieval-metrics';
export { nmi, ami, type AverageMethod, type MutualInformationOptions } from './clustering/mutual-information-scores';
