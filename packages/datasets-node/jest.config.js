module.exports = { ...require('../../jest.preset.js'), displayName: 'datasets-node', rootDir: __dirname };
