/** The API contract: the served OpenAPI document linted, compared with docs/openapi.json and the shared client. */
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/contract/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', require('./swc.config')] },
  testEnvironment: 'node',
  testTimeout: 120_000,
};
