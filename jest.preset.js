// Shared jest settings: every package maps @contrastive/* to the sibling package's
// sources, so tests run against TypeScript directly and need no prior build.
const path = require('path');

const packagesDir = path.join(__dirname, 'packages');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    // ts-jest without type-checking (isolatedModules): tsc checks types separately.
    '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, tsconfig: { target: 'ES2022', module: 'commonjs', esModuleInterop: true, sourceMap: true } }],
  },
  moduleNameMapper: {
    // Node-only entry points live at src/node/index.ts and are exported as `@contrastive/<pkg>/node`.
    '^@contrastive/([^/]+)/node$': `${packagesDir}/$1/src/node/index.ts`,
    '^@contrastive/([^/]+)$': `${packagesDir}/$1/src/index.ts`,
  },
  // WebGPU tests run on SwiftShader where there is no GPU (tools/ci/install-vulkan.sh).
  globalSetup: path.join(__dirname, 'tools/jest/webgpu-env.js'),
  testTimeout: 60000,
  // A clone has nothing beside it: a test that reads there fails, naming the path.
  setupFiles: [path.join(__dirname, 'tools/repo-checks/forbid-reads-beside-repo.js')],
};
