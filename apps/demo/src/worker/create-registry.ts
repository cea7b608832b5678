import { PluginRegistry } from '@contrastive/core';
import { augmentModule } from '@contrastive/augment';
import { datasetsModule } from '@contrastive/datasets';
import { encodersModule } from '@contrastive/encoders';
import { evalModule } from '@contrastive/eval';
import { lossesModule } from '@contrastive/losses';
import { memoryModule } from '@contrastive/memory';
import { trainersModule } from '@contrastive/trainers';

/** The plugins of the isomorphic packages: the CLI's registry minus its Node-only datasets. */
export function createBrowserRegistry(): PluginRegistry {
  return new PluginRegistry().load(
    lossesModule,
    encodersModule,
    augmentModule,
    datasetsModule,
    memoryModule,
    trainersModule,
    evalModule,
  );
}
