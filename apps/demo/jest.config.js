const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'demo',
  rootDir: __dirname,
  moduleNameMapper: {
    ...preset.moduleNameMapper,
    // The browser build of csv-parse is an ES module; in Node the same parser has a CommonJS build.
    '^csv-parse/browser/esm/sync$': 'csv-parse/sync',
  },
  testTimeout: 300000,
};
