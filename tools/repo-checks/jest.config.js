module.exports = {
  displayName: 'repo-checks',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.js'],
  setupFiles: ['<rootDir>/forbid-reads-beside-repo.js'],
};
