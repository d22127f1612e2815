/** The same API on the embedded SQLite database, as `pnpm start` runs it. */
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/smoke/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', require('./swc.config')] },
  testEnvironment: 'node',
  testTimeout: 60_000,
};
