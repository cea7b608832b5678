import { Container, type ContainerModule } from 'inversify';
import { ConfigError } from '../errors/config-error';
import { PLUGIN_KINDS, PLUGIN_TOKENS, type PluginKind } from './plugin-kinds';
import type { PluginDefinition, PluginResolver } from './plugin-definition';
import { createPluginModule } from './plugin-module';
import { parsePluginOptions } from './plugin-options';
import type { PluginRef } from './plugin-ref';
import type { PluginInstance } from './plugin-types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPlugin = PluginDefinition<any, any>;

/**
 * The dependency-injection registry every paradigm piece is resolved from.
 * Packages contribute plugins through ContainerModules; users add their own with
 * `register`; configs pick them by `(kind, id)`, where an id may also be a plugin's former id
 * (one of its `aliases`).
 */
export class PluginRegistry implements PluginResolver {
  private readonly container = new Container();

  /** Loads packages' plugin modules (e.g. `lossesModule`). */
  load(...modules: ContainerModule[]): this {
    this.container.loadSync(...modules);
    try {
      this.assertUniqueIds();
    } catch (error) {
      // Leave the registry as it was before the conflicting modules arrived.
      this.container.unloadSync(...modules);
      throw error;
    }
    return this;
  }

  /** Registers user-defined plugins; an id (or alias) already taken within a kind is an error. */
  register(...definitions: AnyPlugin[]): this {
    return this.load(createPluginModule(definitions));
  }

  /** All definitions of one kind, or of every kind, in registration order. */
  list(kind?: PluginKind): AnyPlugin[] {
    const kinds = kind ? [kind] : PLUGIN_KINDS;
    return kinds.flatMap((k) => this.definitionsOf(k));
  }

  /** True when `id` names a plugin of `kind`, by its id or one of its aliases. */
  has(kind: PluginKind, id: string): boolean {
    return this.find(kind, id) !== undefined;
  }

  /** The definition `id` names (its id or one of its aliases). */
  get(kind: PluginKind, id: string): AnyPlugin {
    const found = this.find(kind, id);
    if (!found) {
      // Aliases are old names kept for old configs; the error offers only the current ones.
      const known = this.definitionsOf(kind).map((d) => d.id);
      throw new ConfigError(
        `unknown ${kind} plugin '${id}'; registered ${kind} ids: ${known.length ? known.join(', ') : '(none)'}`,
        `${kind}.id`,
      );
    }
    return found;
  }

  /** Validates `options` against the plugin's schema (filling defaults) and builds an instance. */
  create<K extends PluginKind>(kind: K, ref: PluginRef | string, pathPrefix: string = kind): PluginInstance<K> {
    const { id, options = {} } = typeof ref === 'string' ? { id: ref } : ref;
    const definition = this.get(kind, id);
    const parsed = definition.optionsSchema
      ? parsePluginOptions(definition.optionsSchema, options, { kind, id, path: pathPrefix })
      : options;
    return definition.create(parsed, { registry: this }) as PluginInstance<K>;
  }

  private find(kind: PluginKind, id: string): AnyPlugin | undefined {
    return this.definitionsOf(kind).find((definition) => definition.id === id || definition.aliases?.includes(id));
  }

  private definitionsOf(kind: PluginKind): AnyPlugin[] {
    const token = PLUGIN_TOKENS[kind];
    return this.container.isBound(token) ? this.container.getAll<AnyPlugin>(token) : [];
  }

  private assertUniqueIds(): void {
    for (const kind of PLUGIN_KINDS) {
      const owners = new Map<string, string>();
      for (const { id, aliases = [] } of this.definitionsOf(kind)) {
        for (const name of [id, ...aliases]) {
          const owner = owners.get(name);
          if (owner !== undefined) {
            const which = owner === name && name === id ? '' : ` (by '${owner}' and '${id}')`;
            throw new ConfigError(`${kind} plugin id '${name}' is registered twice${which}`, `${kind}.id`);
          }
          owners.set(name, id);
        }
      }
    }
  }
}
