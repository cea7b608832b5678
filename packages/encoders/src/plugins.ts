import { createPluginModule } from '@contrastive/core';
import { mlpEncoderPlugin } from './encoders/mlp-encoder';
import { resnetPlugin } from './encoders/resnet';
import { smallCnnPlugin } from './encoders/small-cnn';
import { linearHeadPlugin } from './heads/linear-head';
import { mlpHeadPlugin } from './heads/mlp-head';

/**
 * Every encoder and head plugin of this package: `registry.load(encodersModule)`. Each one's
 * schema, builder and definition sit in its own file; a new one joins with one line here.
 */
export const encodersModule = createPluginModule([mlpEncoderPlugin, smallCnnPlugin, resnetPlugin, linearHeadPlugin, mlpHeadPlugin]);
