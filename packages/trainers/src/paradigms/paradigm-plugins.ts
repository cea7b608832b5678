import { byolPlugin } from './byol';
import { dinoPlugin } from './dino';
import { arcFacePlugin, proxyAnchorPlugin } from './proxy';
import { simSiamPlugin } from './simsiam';

/** The paradigms, each a `trainer` plugin a config selects (`trainer: { id: 'byol' }`). */
export const paradigmPlugins = [byolPlugin, simSiamPlugin, dinoPlugin, proxyAnchorPlugin, arcFacePlugin];
