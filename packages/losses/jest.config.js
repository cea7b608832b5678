module.exports = { ...require('../../jest.preset.js'), displayName: 'losses', rootDir: __dirname };
