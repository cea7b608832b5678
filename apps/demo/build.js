// Builds the web app into a static folder (default apps/demo/dist): the page and the training
// worker bundled by esbuild from the packages' ES module builds, the HTML and CSS, uPlot's
// stylesheet and tfjs' .wasm files. Any static host can serve the folder; `contrastive serve`
// adds the headers for wasm threads (COOP/COEP) and a Content-Security-Policy.
const esbuild = require('esbuild');
const { copyFileSync, mkdirSync, rmSync } = require('node:fs');
const { dirname, join } = require('node:path');

const SOURCE = join(__dirname, 'src');
const WASM_FILES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
];

/** Builds the app into `outDir`; resolves to the files written (relative to it). */
async function buildDemo(outDir = join(__dirname, 'dist'), { minify = true } = {}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'wasm'), { recursive: true });
  await esbuild.build({
    entryPoints: { main: join(SOURCE, 'main.ts'), worker: join(SOURCE, 'worker/training-worker.ts') },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    sourcemap: false,
    legalComments: 'linked',
    // The packages as an application gets them (their published ES module builds), not the
    // root tsconfig's source paths.
    tsconfigRaw: {},
    logLevel: 'warning',
  });
  const copies = [
    [join(SOURCE, 'index.html'), 'index.html'],
    [join(SOURCE, 'style.css'), 'style.css'],
    [require.resolve('uplot/dist/uPlot.min.css'), 'uPlot.min.css'],
    ...WASM_FILES.map((file) => [
      join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist', file),
      `wasm/${file}`,
    ]),
  ];
  for (const [from, to] of copies) copyFileSync(from, join(outDir, to));
  return ['main.js', 'worker.js', ...copies.map(([, to]) => to)];
}

module.exports = { buildDemo };

if (require.main === module) {
  const outDir = process.argv[2];
  buildDemo(outDir).then(
    (files) => console.log(`built the demo into ${outDir ?? join(__dirname, 'dist')}: ${files.length} files`),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
