// Shared jest settings: every package maps @contrastive/* to the sibling package's
// sources, so tests run against TypeScript directly and need no prior build.
const path = require('path');

const packagesDir = path.join(__dirname, 'packages');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleNameMapper: {
    // Node-only entry points live at src/node/index.ts and are exported as `@contrastive/<pkg>/node`.
    '^@contrastive/([^/]+)/node$': `${packagesDir}/$1/src/node/index.ts`,
    '^@contrastive/([^/]+)$': `${packagesDir}/$1/src/index.ts`,
  },
  testTimeout: 60000,
};
