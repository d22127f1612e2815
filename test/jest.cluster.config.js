/**
 * Cluster and fault tests: a 3-node MariaDB Galera cluster, Redis and API replicas on loopback,
 * started once per run by scripts/cluster/start.sh (see support/cluster-setup.ts). One file at a
 * time: the files kill nodes and processes. Run them with scripts/cluster/test.sh.
 */
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/cluster/**/*.cluster-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', require('./swc.config')] },
  globalSetup: '<rootDir>/cluster/support/cluster-setup.ts',
  globalTeardown: '<rootDir>/cluster/support/cluster-teardown.ts',
  testEnvironment: 'node',
  maxWorkers: 1,
  testTimeout: 180_000,
};
