/** Unit tests of the shared contract and domain rules. */
module.exports = {
  rootDir: 'src',
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', require('../test/swc.config')] },
  testEnvironment: 'node',
};
