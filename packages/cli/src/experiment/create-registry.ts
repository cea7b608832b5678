import { PluginRegistry } from '@contrastive/core';
import { augmentModule } from '@contrastive/augment';
import { datasetsModule } from '@contrastive/datasets';
import { datasetsNodeModule } from '@contrastive/datasets-node';
import { encodersModule } from '@contrastive/encoders';
import { evalModule } from '@contrastive/eval';
import { lossesModule } from '@contrastive/losses';
import { memoryModule } from '@contrastive/memory';
import { trainersModule } from '@contrastive/trainers';

/** A registry holding every plugin the published packages contribute. */
export function createDefaultRegistry(): PluginRegistry {
  return new PluginRegistry().load(
    lossesModule,
    encodersModule,
    augmentModule,
    datasetsModule,
    datasetsNodeModule,
    memoryModule,
    trainersModule,
    evalModule,
  );
}
