// Runs the reference-vector cases of packages/losses/test/fixtures on the active backend and
// hands back what the losses computed; the Node side compares with the float64 references.
import * as tf from '@tensorflow/tfjs-core';
import { NTXentLoss, SupConLoss, TripletMarginLoss, type TripletMining } from '@contrastive/losses';

export interface SupConCase {
  features: number[][][];
  labels: number[] | null;
  mask: number[][] | null;
  temperature: number;
  base_temperature: number;
  contrast_mode: 'all' | 'one';
}
export interface NTXentCase {
  kind: 'supervised' | 'selfsup_symmetric';
  embeddings: number[][];
  ref_emb?: number[][];
  labels?: number[];
  temperature: number;
}
export interface TripletCase {
  embeddings: number[][];
  labels: number[];
  margin: number;
  miner: 'none' | 'batch_hard' | 'semihard';
  distance: 'euclidean_normalized' | 'cosine';
}

export type LossVectorSet =
  | { kind: 'supcon'; cases: SupConCase[] }
  | { kind: 'ntxent'; cases: NTXentCase[] }
  | { kind: 'triplet'; cases: TripletCase[] };

/** What one case computed: the loss, and its gradient with respect to the embeddings where the vectors have one. */
export interface LossCaseResult {
  value: number;
  grad?: number[];
}

const MINING: Record<TripletCase['miner'], TripletMining> = {
  none: 'all',
  batch_hard: 'batch-hard',
  semihard: 'semi-hard',
};

async function valueAndGrad(fn: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor): Promise<LossCaseResult> {
  const { value, grad } = tf.valueAndGrad(fn)(x);
  const result = { value: (await value.data())[0], grad: Array.from(await grad.data()) };
  tf.dispose([value, grad]);
  return result;
}

async function supcon(c: SupConCase): Promise<LossCaseResult> {
  const loss = new SupConLoss({
    temperature: c.temperature,
    baseTemperature: c.base_temperature,
    contrastMode: c.contrast_mode,
  });
  const x = tf.tensor3d(c.features);
  const labels = c.labels ? tf.tensor1d(c.labels, 'int32') : undefined;
  const mask = c.mask ? tf.tensor2d(c.mask) : undefined;
  try {
    return await valueAndGrad((f) => loss.compute(f, { labels, mask }), x);
  } finally {
    tf.dispose([x, labels, mask]);
  }
}

async function ntxent(c: NTXentCase): Promise<LossCaseResult> {
  const loss = new NTXentLoss({ temperature: c.temperature });
  const e = tf.tensor2d(c.embeddings);
  try {
    if (c.kind === 'supervised') {
      const labels = tf.tensor1d(c.labels!, 'int32');
      const result = await valueAndGrad((x) => loss.compute(x, { labels }), e);
      labels.dispose();
      return result;
    }
    const r = tf.tensor2d(c.ref_emb!);
    const value = loss.computePairs(e, r);
    const result = { value: (await value.data())[0] };
    tf.dispose([r, value]);
    return result;
  } finally {
    e.dispose();
  }
}

async function triplet(c: TripletCase): Promise<LossCaseResult> {
  const loss = new TripletMarginLoss({
    margin: c.margin,
    mining: MINING[c.miner],
    distance: c.distance === 'cosine' ? 'cosine' : 'euclidean',
  });
  const e = tf.tensor2d(c.embeddings);
  const labels = tf.tensor1d(c.labels, 'int32');
  try {
    return await valueAndGrad((x) => loss.compute(x, { labels }), e);
  } finally {
    tf.dispose([e, labels]);
  }
}

/** Every case of one vector set, in order, with `tf.memory().numTensors` before and after. */
export async function runLossVectors(
  set: LossVectorSet,
): Promise<{ results: LossCaseResult[]; tensorsBefore: number; tensorsAfter: number }> {
  const tensorsBefore = tf.memory().numTensors;
  const results: LossCaseResult[] = [];
  for (const c of set.cases) {
    if (set.kind === 'supcon') results.push(await supcon(c as SupConCase));
    else if (set.kind === 'ntxent') results.push(await ntxent(c as NTXentCase));
    else results.push(await triplet(c as TripletCase));
  }
  return { results, tensorsBefore, tensorsAfter: tf.memory().numTensors };
}
