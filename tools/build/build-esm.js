#!/usr/bin/env node
// Builds the ES module entries of the package in the current directory next to tsc's CommonJS:
// every entry of its `exports` map that has an `import` condition (`./dist/index.mjs`,
// `./dist/node/index.mjs`) is bundled from the matching `src/.../index.ts` by esbuild.
//
// Why esbuild and not a second tsc run: Node's ES module loader needs real file extensions on
// relative imports (`./select/use-backend.js`) and no directory imports, and our sources (shared
// with the CommonJS build and jest) use neither; one bundled file per entry needs no rewriting.
// Dependencies (`@contrastive/*`, tfjs, zod, ...) stay imports (`packages: 'external'`), so
// every package is loaded once however many of ours import it. Entries of one package share
// chunks (`splitting`), so `./node` and `.` never hold two copies of the same class.
// Types come from tsc's `.d.ts` (the `types` condition), shared by both formats.
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

async function buildEsm(packageDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const entryPoints = {};
  for (const [subpath, conditions] of Object.entries(manifest.exports ?? {})) {
    if (typeof conditions !== 'object' || typeof conditions.import !== 'string') continue;
    const match = /^\.\/dist\/(.+)\.mjs$/.exec(conditions.import);
    if (!match)
      throw new Error(
        `${manifest.name}: exports['${subpath}'].import must be ./dist/<entry>.mjs, got ${conditions.import}`,
      );
    const source = path.join(packageDir, 'src', `${match[1]}.ts`);
    if (!fs.existsSync(source))
      throw new Error(`${manifest.name}: exports['${subpath}'].import has no source ${source}`);
    entryPoints[match[1]] = source;
  }
  if (Object.keys(entryPoints).length === 0)
    throw new Error(`${manifest.name}: no exports entry with an 'import' condition`);
  // Chunk names carry a content hash: drop the previous build's, so none is published stale.
  fs.rmSync(path.join(packageDir, 'dist', 'chunks'), { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: path.join(packageDir, 'dist'),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    // neutral: no Node or browser assumptions; Node-only code is reached through `require` (below).
    platform: 'neutral',
    packages: 'external',
    // The package's build settings, not the root tsconfig.json, whose `paths` map our packages to
    // their sources (for the type-check) and would bundle a second copy of each into this one.
    tsconfig: path.join(packageDir, 'tsconfig.build.json'),
    target: 'es2022',
    sourcemap: true,
    // Our package.json `sideEffects` entries name dist files, not src: without this esbuild would
    // drop side-effect imports such as backend's `import './gradients'` from the bundle.
    ignoreAnnotations: true,
    // Gives `__contrastiveNodeRequire` (backend's nodeRequire(): the guarded loads of optional
    // Node-only packages) a value; a free `require` would become esbuild's stub that throws
    // "Dynamic require ... is not supported". Static `require('./x')` of our own files (datasets'
    // lazily parsed data module) is still bundled as usual.
    inject: [path.join(__dirname, 'esm-node-require.js')],
    logLevel: 'warning',
  });
}

buildEsm(process.cwd()).catch((error) => {
  console.error(`build-esm: ${error.message}`);
  process.exit(1);
});
