#!/usr/bin/env bash
# Runs the cluster tests in one command: jest's global setup starts the test bed (3 Galera nodes and
# Redis, scripts/cluster/start.sh, in a temp directory on free ports), the tests start their own API
# replicas and inject the faults, the teardown stops it all. Arguments go to jest, e.g. `bed` for the
# CI subset (test/cluster/bed.cluster-spec.ts); none runs every file (the nightly run).
# LENSLOOP_CLUSTER_DIR=<dir of a running test bed> reuses one started by start.sh instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/setup.sh
ensure_apt_packages mariadbd:mariadb-server /usr/lib/galera/libgalera_smm.so:galera-4 rsync:rsync \
  redis-server:redis-server
[[ -f server/dist/main.js ]] || build_server
pnpm --filter @lensloop/test exec jest -c jest.cluster.config.js --ci "$@"
