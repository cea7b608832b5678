// The browser checks test what is published: the built `dist/` of each isomorphic package (nx
// builds them first, see project.json), loaded through its `exports` map. Only the Node-side
// reference run of the training scenario (test/training.test.ts) imports sources.
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'browser-tests',
  rootDir: __dirname,
  // chromium on SwiftShader is slow on a loaded 2-core machine.
  testTimeout: 600000,
};
