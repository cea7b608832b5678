import { z } from '@contrastive/core';
import { readLabels, readMatrix, type LabelInput, type MatrixInput } from '../input/matrix';
import { defineMetric } from '../metric';
import { kmeans, type KMeansOptions } from './kmeans';
import { ami, nmi } from './mutual-information-scores';

/** Result of {@link clusterQuality}. */
export interface ClusterQuality {
  /** Normalised mutual information of the clusters with the labels. */
  readonly nmi: number;
  /** Adjusted (for chance) mutual information of the clusters with the labels. */
  readonly ami: number;
  /** The k-means assignment that was scored. */
  readonly clusters: Int32Array;
  /** Clusters used (by default the number of distinct labels). */
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

/** Options of the `cluster-quality` metric plugin; unset ones take {@link kmeans}' defaults. */
export const clusterQualityMetricSchema = z
  .object({
    k: z.number().int().positive().optional().describe('clusters; default the number of distinct labels'),
    seed: z.number().int().optional().describe('seed of the k-means++ initialisation'),
    maxIterations: z.number().int().positive().optional().describe('Lloyd iterations at most'),
  })
  .strict();

/** `cluster-quality`: NMI and AMI of seeded k-means clusters against the labels. */
export const clusterQualityMetric = defineMetric(
  'cluster-quality',
  'NMI and AMI of seeded k-means clusters against the labels',
  clusterQualityMetricSchema,
  ({ k, ...kmeansOptions }, input) => {
    const q = clusterQuality(input.embeddings, input.labels, k, kmeansOptions);
    return { nmi: q.nmi, ami: q.ami };
  },
);
