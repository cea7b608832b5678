/** A reference to a plugin in a config: its id and the options passed to its constructor. */
export interface PluginRef {
  id: string;
  options?: Record<string, unknown>;
}
