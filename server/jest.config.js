/** Unit tests of the server: specs next to the code. */
module.exports = {
  rootDir: 'src',
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', require('../test/swc.config')] },
  testEnvironment: 'node',
};
