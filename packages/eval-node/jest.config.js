module.exports = { ...require('../../jest.preset.js'), displayName: 'eval-node', rootDir: __dirname };
