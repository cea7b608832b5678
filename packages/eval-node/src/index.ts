export { HnswIndex, type HnswIndexOptions } from './hnsw-index';
export { measureRecall, type RecallOptions, type RecallReport } from './recall';
export { createNeighbourIndex, type CreateIndexOptions } from './create-index';
