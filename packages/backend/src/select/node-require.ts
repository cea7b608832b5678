/** The part of Node's `require` the optional Node-only loads use. */
export type NodeRequire = ((id: string) => unknown) & { resolve(id: string): string };

// The CommonJS build's own `require`, and the one the ES module build is given
// (tools/build/esm-node-require.js; undefined in browsers). Declared here because isomorphic
// packages are type-checked without Node's types.
declare const require: NodeRequire | undefined;
declare const __contrastiveNodeRequire: NodeRequire | undefined;

/**
 * Node's `require`, for loading optional Node-only packages by a computed name (bundlers neither
 * include nor fail on those), in both builds; undefined where there is none (browsers).
 */
export function nodeRequire(): NodeRequire | undefined {
  if (typeof __contrastiveNodeRequire === 'function') return __contrastiveNodeRequire;
  return typeof require === 'function' ? require : undefined;
}
