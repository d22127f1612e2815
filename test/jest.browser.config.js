/** Browser end-to-end tests: Debian's Chromium driving the H5 build served by the real server. */
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/browser/**/*.browser.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', require('./swc.config')] },
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testEnvironment: 'node',
  testTimeout: 120_000,
  maxWorkers: 1,
};
