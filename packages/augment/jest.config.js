module.exports = { ...require('../../jest.preset.js'), displayName: 'augment', rootDir: __dirname };
