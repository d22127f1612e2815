/** API end-to-end tests against a throwaway MariaDB. */
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/api/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', require('./swc.config')] },
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testEnvironment: 'node',
  testTimeout: 60_000,
};
