import { nodeRequire } from './node-require';

/**
 * The native TensorFlow bindings are optional peer dependencies: they cannot be installed
 * where libtensorflow cannot be downloaded (tfjs issue #8742), so they are loaded only if the
 * user installed them, and never in a browser.
 */
export interface NativeBinding {
  /** npm package name. */
  readonly packageName: '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node';
  /** tfjs backend name it registers. */
  readonly backendName: 'tensorflow';
}

/** The tfjs-node packages tried, in order, for the `tensorflow` backend. */
export const NATIVE_BINDINGS: readonly NativeBinding[] = [
  { packageName: '@tensorflow/tfjs-node-gpu', backendName: 'tensorflow' },
  { packageName: '@tensorflow/tfjs-node', backendName: 'tensorflow' },
];

/** Loads a package by name, or says why not. Injectable so selection logic is testable. */
export type ModuleLoader = (packageName: string) => { loaded: true } | { loaded: false; reason: string };

/** True in Node (not in a browser or a web worker). */
export function isNode(): boolean {
  const scope = globalThis as { process?: { versions?: { node?: string } } };
  return typeof scope.process?.versions?.node === 'string';
}

/**
 * `require` with a computed name, so bundlers neither bundle nor fail on optional Node-only
 * packages: the module, or why it is not available (in a browser, simply not).
 */
export function requireOptional<T>(packageName: string): { loaded: true; module: T } | { loaded: false; reason: string } {
  if (!isNode()) return { loaded: false, reason: 'not running in Node' };
  const load = nodeRequire();
  if (!load) return { loaded: false, reason: 'require is not available' };
  try {
    return { loaded: true, module: load(packageName) as T };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return {
      loaded: false,
      reason:
        code === 'MODULE_NOT_FOUND'
          ? 'not installed'
          : `failed to load: ${(error as Error).message.split('\n')[0]}`,
    };
  }
}

/** {@link requireOptional} as a {@link ModuleLoader}: the native TensorFlow bindings register themselves on load. */
export const requireIfInstalled: ModuleLoader = (packageName) => {
  const result = requireOptional(packageName);
  return result.loaded ? { loaded: true } : result;
};
