import { createPluginModule, definePlugin, z } from '@contrastive/core';
import { SupConLoss } from './supcon/supcon-loss';
import { NTXentLoss } from './ntxent/ntxent-loss';
import { TripletMarginLoss } from './triplet/triplet-loss';
import { barlowTwinsPlugin } from './barlow-twins/barlow-twins-loss';
import { vicRegPlugin } from './vicreg/vicreg-loss';
import { dclPlugin } from './dcl/dcl-loss';
import { dclwPlugin } from './dcl/dclw-loss';
import { contrastivePairPlugin } from './pair/contrastive-pair-loss';
import { multiSimilarityPlugin } from './multi-similarity/multi-similarity-loss';

const temperature = z.number().positive().describe('softmax temperature tau (> 0)');
const validate = z.boolean().default(true).describe('check input values (finite, integer labels) with one small host read per call');

/** Options of the `supcon` plugin (SupContrast's L_out). */
export const supConOptionsSchema = z
  .object({
    temperature: temperature.default(0.07),
    baseTemperature: z.number().positive().optional().describe('the loss is scaled by temperature / baseTemperature (default 0.07)'),
    contrastMode: z.enum(['all', 'one']).default('all').describe("'all': every view is an anchor; 'one': only view 0"),
    noPositive: z.enum(['zero', 'exclude']).default('zero').describe("anchors without positives give 0 ('zero') or leave the mean ('exclude', pml)"),
    normalize: z.boolean().default(false).describe('L2-normalise features first (cosine similarity)'),
    validate,
  })
  .strict();

/** Options of the `ntxent` plugin. */
export const ntXentOptionsSchema = z.object({ temperature: temperature.default(0.07), validate }).strict();

/** Options of the `triplet` plugin. */
export const tripletOptionsSchema = z
  .object({
    margin: z.number().min(0).default(0.05).describe('margin (>= 0)'),
    distance: z.enum(['euclidean', 'cosine']).default('euclidean').describe('euclidean on normalised embeddings, or cosine similarity'),
    mining: z.enum(['all', 'batch-hard', 'semi-hard']).default('all').describe('which triplets are used'),
    validate,
  })
  .strict();

/** `supcon`: supervised contrastive loss L_out (SimCLR without labels). */
export const supConPlugin = definePlugin({
  kind: 'loss',
  id: 'supcon',
  description: 'SupCon L_out (Khosla et al. 2020, SupContrast): mean over positives outside the log; SimCLR without labels',
  optionsSchema: supConOptionsSchema,
  create: (options) => new SupConLoss({ ...options, variant: 'out' }),
});

/** `supcon-in`: supervised contrastive loss L_in (mean over positives inside the log). */
export const supConInPlugin = definePlugin({
  kind: 'loss',
  id: 'supcon-in',
  description: 'SupCon L_in (Khosla et al. 2020 eq. 3): mean over positives inside the log; L_in <= L_out by Jensen',
  optionsSchema: supConOptionsSchema,
  create: (options) => new SupConLoss({ ...options, variant: 'in' }),
});

/** `ntxent`: pytorch-metric-learning's NT-Xent (each positive pair its own term). */
export const ntXentPlugin = definePlugin({
  kind: 'loss',
  id: 'ntxent',
  description: "NT-Xent (SimCLR; pytorch-metric-learning's NTXentLoss): cosine similarity, mean over positive pairs",
  optionsSchema: ntXentOptionsSchema,
  create: (options) => new NTXentLoss(options),
});

/** `triplet`: pytorch-metric-learning's TripletMarginLoss with optional mining. */
export const tripletPlugin = definePlugin({
  kind: 'loss',
  id: 'triplet',
  description: 'triplet margin loss (pytorch-metric-learning): all, batch-hard or semi-hard triplets',
  optionsSchema: tripletOptionsSchema,
  create: (options) => new TripletMarginLoss(options),
});

/**
 * Every loss plugin of this package: `registry.load(lossesModule)`. A loss that fits the
 * contrastive trainer (embeddings in, scalar out, no parameters or state of its own) joins with
 * one line here; its definition sits beside its class.
 */
export const lossesModule = createPluginModule([
  supConPlugin,
  supConInPlugin,
  ntXentPlugin,
  tripletPlugin,
  barlowTwinsPlugin,
  vicRegPlugin,
  dclPlugin,
  dclwPlugin,
  contrastivePairPlugin,
  multiSimilarityPlugin,
]);
