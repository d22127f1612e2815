/** Tests of the lint rules themselves: ESLint run on small fixtures. */
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/lint/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', require('./swc.config')] },
  testEnvironment: 'node',
  testTimeout: 60_000,
};
