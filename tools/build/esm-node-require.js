// Injected into every ES module build (see build-esm.js): `__contrastiveNodeRequire`, read by
// @contrastive/backend's nodeRequire(). An ES module has no `require`; under Node (>= 20.16, which
// has process.getBuiltinModule) this gives the bundle one made by createRequire,
// so the optional Node-only loads (tfjs-node, @contrastive/backend-native, wasm threads) work from
// `import` as they do from `require`. It reaches Node's `module` through `process`, never through a
// static import, so a browser bundle of the same file contains no Node built-in; there `require`
// stays undefined and those loads say "not running in Node".
const nodeModule = globalThis.process?.getBuiltinModule?.('module');
const esmRequire = nodeModule ? nodeModule.createRequire(import.meta.url) : undefined;
export { esmRequire as __contrastiveNodeRequire };
