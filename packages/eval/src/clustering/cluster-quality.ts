import { readLabels, readMatrix, type LabelInput, type MatrixInput } from '../input/matrix';
import { kmeans, type KMeansOptions } from './kmeans';
import { ami, nmi } from './mutual-information-scores';

/** Result of {@link clusterQuality}. */
export interface ClusterQuality {
  readonly nmi: number;
  readonly ami: number;
  /** The k-means assignment that was scored. */
  readonly clusters: Int32Array;
  readonly k: number;
}

/**
 * Clusters the embeddings with seeded k-means (k defaults to the number of distinct labels, as
 * pytorch-metric-learning's AccuracyCalculator does) and scores the clusters against the labels with NMI and AMI.
 */
export function clusterQuality(
  embeddings: MatrixInput,
  labels: LabelInput,
  k?: number,
  options: KMeansOptions = {},
): ClusterQuality {
  const m = readMatrix(embeddings, 'embeddings');
  const y = readLabels(labels, 'labels', m.rows, 'embeddings row');
  const numClusters = k ?? new Set(y).size;
  const { clusters } = kmeans(m, numClusters, options);
  return { nmi: nmi(y, clusters), ami: ami(y, clusters), clusters, k: numClusters };
}
