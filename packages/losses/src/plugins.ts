import { createPluginModule } from '@contrastive/core';
import { barlowTwinsPlugin } from './barlow-twins/barlow-twins-loss';
import { dclPlugin } from './dcl/dcl-loss';
import { dclwPlugin } from './dcl/dclw-loss';
import { multiSimilarityPlugin } from './multi-similarity/multi-similarity-loss';
import { ntXentPlugin } from './ntxent/ntxent-loss';
import { contrastivePairPlugin } from './pair/contrastive-pair-loss';
import { supConInPlugin, supConPlugin } from './supcon/supcon-loss';
import { tripletPlugin } from './triplet/triplet-loss';
import { vicRegPlugin } from './vicreg/vicreg-loss';

/**
 * Every loss plugin of this package: `registry.load(lossesModule)`. A loss that fits the
 * contrastive trainer (embeddings in, scalar out, no parameters or state of its own) joins with
 * one line here; its schema, class and definition sit in its own file.
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
