// Lets a child `node` process run the CLI from its TypeScript sources, as jest does in-process:
// `node -r <this file> packages/cli/src/bin.ts ...`. It maps @contrastive/<pkg>[/node] to the
// sibling package's src (like jest.preset.js) and compiles .ts files with TypeScript's
// transpileModule (no type check). Only the crash-safety test uses it, to kill a real process.
'use strict';
const fs = require('fs');
const path = require('path');
const Module = require('module');
const ts = require('typescript');

const packagesDir = path.resolve(__dirname, '../../..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const match = /^@contrastive\/([^/]+)(\/node)?$/.exec(request);
  if (match) {
    const entry = path.join(packagesDir, match[1], 'src', match[2] ? 'node/index.ts' : 'index.ts');
    if (fs.existsSync(entry)) return entry;
  }
  return resolve.call(this, request, parent, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};
