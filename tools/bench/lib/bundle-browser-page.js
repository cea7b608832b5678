// Bundles browser.js's page (lib/browser-page.mjs) for chromium the way tools/browser-tests does:
// esbuild, platform browser, every dependency included, our packages resolved as an application
// resolves them (their ES module builds, through node_modules and `exports`). Not a benchmark itself.
const path = require('path');
const esbuild = require('esbuild');

/**
 * The Node benchmarks' shared libraries load the built packages by path
 * (`../../../packages/losses/dist`, the CommonJS build); in the page they resolve to the package
 * by name, as an import, so the bundle holds one copy of each package (the ES module build).
 */
const packagesByName = {
  name: 'contrastive-packages-by-name',
  setup(build) {
    build.onResolve({ filter: /\/packages\/[a-z-]+\/dist$/ }, async (args) => {
      const name = `@contrastive/${/\/packages\/([a-z-]+)\/dist$/.exec(args.path)[1]}`;
      const resolved = await build.resolve(name, { kind: 'import-statement', resolveDir: args.resolveDir });
      return resolved.errors.length ? { errors: resolved.errors } : { path: resolved.path };
    });
  },
};

/** Resolves to the page's JavaScript (one ES module), or throws with esbuild's errors. */
async function bundleBrowserPage() {
  const result = await esbuild.build({
    entryPoints: [path.join(__dirname, 'browser-page.mjs')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfigRaw: {},
    logLevel: 'silent',
    plugins: [packagesByName],
  });
  return result.outputFiles[0].text;
}

module.exports = { bundleBrowserPage };
