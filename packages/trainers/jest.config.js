module.exports = { ...require('../../jest.preset.js'), displayName: 'trainers', rootDir: __dirname };
