import { Container, type ContainerModule } from 'inversify';
import { ConfigError } from '../errors/config-error';
import { formatZodIssues } from '../config/format-zod-error';
import { PLUGIN_KINDS, PLUGIN_TOKENS, type PluginKind } from './plugin-kinds';
import type { PluginDefinition } from './plugin-definition';
import { createPluginModule } from './plugin-module';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPlugin = PluginDefinition<any, any>;

/** A reference to a plugin in a config: its id and the options passed to its constructor. */
export interface PluginRef {
  id: string;
  options?: Record<string, unknown>;
}

/**
 * The dependency-injection registry every paradigm piece is resolved from.
 * Packages contribute plugins through ContainerModules; users add their own with
 * `register`; configs pick them by `(kind, id)`.
 */
export class PluginRegistry {
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

  /** Registers user-defined plugins; an id already taken within a kind is an error. */
  register(...definitions: AnyPlugin[]): this {
    return this.load(createPluginModule(definitions));
  }

  /** All definitions of one kind, or of every kind, in registration order. */
  list(kind?: PluginKind): AnyPlugin[] {
    const kinds = kind ? [kind] : PLUGIN_KINDS;
    return kinds.flatMap((k) => this.definitionsOf(k));
  }

  has(kind: PluginKind, id: string): boolean {
    return this.definitionsOf(kind).some((definition) => definition.id === id);
  }

  get(kind: PluginKind, id: string): AnyPlugin {
    const found = this.definitionsOf(kind).find((definition) => definition.id === id);
    if (!found) {
      const known = this.definitionsOf(kind).map((d) => d.id);
      throw new ConfigError(
        `unknown ${kind} plugin '${id}'; registered ${kind} ids: ${known.length ? known.join(', ') : '(none)'}`,
        `${kind}.id`,
      );
    }
    return found;
  }

  /** Validates `options` against the plugin's schema (filling defaults) and builds an instance. */
  create<T = unknown>(kind: PluginKind, ref: PluginRef | string, pathPrefix: string = kind): T {
    const { id, options = {} } = typeof ref === 'string' ? { id: ref } : ref;
    const definition = this.get(kind, id);
    let parsed: unknown = options;
    if (definition.optionsSchema) {
      const result = definition.optionsSchema.safeParse(options);
      if (!result.success) {
        const lines = formatZodIssues(result.error, `${pathPrefix}.options`);
        throw new ConfigError(`invalid options for ${kind} '${id}':\n  ${lines.join('\n  ')}`, lines[0]?.split(':')[0]);
      }
      parsed = result.data;
    }
    return definition.create(parsed, { registry: this }) as T;
  }

  private definitionsOf(kind: PluginKind): AnyPlugin[] {
    const token = PLUGIN_TOKENS[kind];
    return this.container.isBound(token) ? this.container.getAll<AnyPlugin>(token) : [];
  }

  private assertUniqueIds(): void {
    for (const kind of PLUGIN_KINDS) {
      const seen = new Set<string>();
      for (const { id } of this.definitionsOf(kind)) {
        if (seen.has(id)) {
          throw new ConfigError(`${kind} plugin id '${id}' is registered twice`, `${kind}.id`);
        }
        seen.add(id);
      }
    }
  }
}
