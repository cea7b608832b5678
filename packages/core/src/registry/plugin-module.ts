import { ContainerModule } from 'inversify';
import { PLUGIN_TOKENS } from './plugin-kinds';
import type { PluginDefinition } from './plugin-definition';

/**
 * Bundles a package's plugins into an inversify ContainerModule, so a package
 * contributes everything it offers with one `registry.load(module)`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createPluginModule(definitions: ReadonlyArray<PluginDefinition<any, any>>): ContainerModule {
  return new ContainerModule(({ bind }) => {
    for (const definition of definitions) {
      bind(PLUGIN_TOKENS[definition.kind]).toConstantValue(definition);
    }
  });
}
