import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, z } from '@contrastive/core';
import { ArcFaceLoss, ProxyAnchorLoss, arcFaceOptionsSchema, proxyAnchorOptionsSchema } from '@contrastive/losses';
import type { StoredTensor } from '../checkpoint/tensor-bundle';
import { defineParadigm } from './define-paradigm';
import type { Paradigm, ParadigmPlan, ParadigmSetup, ParadigmState, ParadigmStep } from './paradigm';
import { attached } from './parts/attached';
import { embedViewGroups } from './view-embedding';

/** A loss with class parameters of its own (proxies, class weights). */
interface ProxyLoss {
  readonly trainableVariables: tf.Variable[];
  compute(embeddings: tf.Tensor, target: { labels: tf.Tensor1D }): tf.Scalar;
  dispose(): void;
}

/** Options of the `proxy-anchor` trainer. */
export const proxyAnchorParadigmOptionsSchema = proxyAnchorOptionsSchema.pick({ margin: true, alpha: true }).strict();
/** Options of the `arcface` trainer. */
export const arcFaceParadigmOptionsSchema = arcFaceOptionsSchema.pick({ margin: true, scale: true }).strict();

/**
 * Supervised training with a proxy loss (Proxy-Anchor, ArcFace): each class has a trainable
 * parameter (a proxy or a weight column) that the loss pulls its samples towards. The trainer
 * registers those parameters with the optimizer beside the model's and the checkpoint saves them,
 * so the proxies and their optimizer state resume with the model. Every view of every sample is an
 * embedding with the sample's label (`[B * V, D]`).
 */
export class ProxyParadigm implements Paradigm {
  readonly supervised = true;
  private setup?: ParadigmSetup;
  private criterion?: ProxyLoss;

  constructor(
    readonly id: 'proxy-anchor' | 'arcface',
    private readonly build: (numClasses: number, embeddingSize: number, seed: number) => ProxyLoss,
  ) {}

  validate(plan: ParadigmPlan): void {
    if (plan.numClasses < 2) {
      throw new ConfigError(`trainer '${this.id}' needs at least 2 classes, the dataset has ${plan.numClasses}`, 'dataset');
    }
  }

  attach(setup: ParadigmSetup): void {
    this.setup = setup;
    this.criterion = this.build(setup.numClasses, setup.embeddingDim, setup.seed);
  }

  get trainableVariables(): tf.Variable[] {
    return attached(this.criterion, this.id).trainableVariables;
  }

  loss({ groups, labels }: ParadigmStep): tf.Scalar {
    const { model, inputShape } = attached(this.setup, this.id);
    if (!labels) throw new Error(`trainer '${this.id}': the step has no labels`);
    const embeddings = embedViewGroups(groups, inputShape, (views) => model.embedViews(views, true), `trainer '${this.id}'`);
    const [batch, views, dim] = embeddings.shape;
    const flat = tf.reshape(embeddings, [batch * views, dim]);
    const tiled = tf.reshape(tf.tile(tf.expandDims(labels, 1), [1, views]), [batch * views]) as tf.Tensor1D;
    return attached(this.criterion, this.id).compute(flat, { labels: tiled });
  }

  afterStep(): void {}

  async getState(): Promise<ParadigmState> {
    const tensors: Record<string, StoredTensor> = {};
    for (const [i, variable] of attached(this.criterion, this.id).trainableVariables.entries()) {
      tensors[`parameters/${i}`] = { shape: [...variable.shape], dtype: 'float32', values: ((await variable.data()) as Float32Array).slice() };
    }
    return { meta: { paradigm: this.id, version: 1 }, tensors };
  }

  setState(state: ParadigmState): void {
    for (const [i, variable] of attached(this.criterion, this.id).trainableVariables.entries()) {
      const value = state.tensors[`parameters/${i}`];
      if (!value || value.shape.join(',') !== variable.shape.join(',')) {
        throw new Error(`checkpoint '${this.id}' parameter ${i} is missing or not of shape [${variable.shape}]`);
      }
      tf.tidy(() => variable.assign(tf.tensor(value.values, value.shape, 'float32')));
    }
  }

  dispose(): void {
    this.criterion?.dispose();
  }
}

/** The `proxy-anchor` trainer plugin. */
export const proxyAnchorPlugin = defineParadigm(
  'proxy-anchor',
  'Proxy-Anchor (supervised): one trainable proxy per class, registered with the optimizer and saved in checkpoints',
  proxyAnchorParadigmOptionsSchema,
  (options: z.output<typeof proxyAnchorParadigmOptionsSchema>) =>
    new ProxyParadigm('proxy-anchor', (numClasses, embeddingSize, seed) =>
      new ProxyAnchorLoss({ ...options, numClasses, embeddingSize, seed, validate: false }),
    ),
);

/** The `arcface` trainer plugin. */
export const arcFacePlugin = defineParadigm(
  'arcface',
  'ArcFace (supervised): additive angular margin softmax over trainable class weights W [D, C], in the optimizer and checkpoints',
  arcFaceParadigmOptionsSchema,
  (options: z.output<typeof arcFaceParadigmOptionsSchema>) =>
    new ProxyParadigm('arcface', (numClasses, embeddingSize, seed) =>
      new ArcFaceLoss({ ...options, numClasses, embeddingSize, seed, validate: false }),
    ),
);
