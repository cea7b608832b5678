/** A reference to a plugin in a config: its id and the options passed to its constructor. */
export interface PluginRef {
  /** The plugin id (or an alias) under the kind. */
  id: string;
  /** Options validated by the plugin's schema. */
  options?: Record<string, unknown>;
}
