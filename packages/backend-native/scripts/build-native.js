#!/usr/bin/env node
// Builds the optional native kernels (build/Release/contrastive_native.node) with node-gyp.
// They need oneDNN's headers and library (Debian/Ubuntu: `apt install libdnnl-dev`). Without
// them this prints why and exits 0, so `npm install` succeeds everywhere and @contrastive/backend
// simply keeps using its wasm kernels; set CONTRASTIVE_NATIVE=required to make that an error
// (CI does), or CONTRASTIVE_NATIVE=off to skip the build.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const mode = process.env.CONTRASTIVE_NATIVE ?? 'auto';
const say = (line) => console.log(`@contrastive/backend-native: ${line}`);

function giveUp(reason) {
  if (mode === 'required') {
    console.error(`@contrastive/backend-native: ${reason} (CONTRASTIVE_NATIVE=required)`);
    process.exit(1);
  }
  say(`${reason}; native kernels not built, @contrastive/backend will use its wasm kernels`);
  process.exit(0);
}

/** node-gyp as npm runs it for install scripts, else the copy bundled with npm. */
function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    path.join(path.dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
  ];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed as a package: one of the others may exist
  }
  return candidates.find((file) => file && fs.existsSync(file));
}

function oneDnnHeader() {
  const dirs = [process.env.DNNL_ROOT && path.join(process.env.DNNL_ROOT, 'include'), '/usr/include', '/usr/local/include'];
  return dirs.find((dir) => dir && fs.existsSync(path.join(dir, 'oneapi/dnnl/dnnl.hpp')));
}

/**
 * Where Node's own headers are, so node-gyp does not try to download them (that fails offline):
 * npm's `nodedir` setting when run by npm, else the prefix of this node binary if it ships them.
 */
function nodeHeadersDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = path.join(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include/node/node_api.h')) ? path.resolve(prefix) : undefined;
}

if (mode === 'off') {
  say('CONTRASTIVE_NATIVE=off: not building');
  process.exit(0);
}
if (process.platform !== 'linux') giveUp(`no native build for ${process.platform} yet (Linux only)`);
if (!oneDnnHeader()) giveUp('oneDNN not found (oneapi/dnnl/dnnl.hpp; Debian/Ubuntu: apt install libdnnl-dev)');
const gyp = nodeGyp();
if (!gyp) giveUp('node-gyp not found');

say('building native kernels over oneDNN (node-gyp, takes ~1 min)');
const headers = nodeHeadersDir();
const gypArgs = [gyp, 'rebuild', ...(headers ? [`--nodedir=${headers}`] : [])];
const result = spawnSync(process.execPath, gypArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
if (result.status !== 0) {
  process.stderr.write(result.stdout.split('\n').slice(-30).join('\n'));
  process.stderr.write(result.stderr.split('\n').slice(-30).join('\n'));
  giveUp(`node-gyp rebuild failed (exit ${result.status})`);
}
say('built build/Release/contrastive_native.node');
