#!/usr/bin/env bash
# Runs every check LensLoop has, on a fresh machine: lint, type-check (the shared client against the
# OpenAPI types too), unit tests, the API contract (OpenAPI lint and drift), API e2e on a throwaway
# MariaDB, the API smoke on embedded SQLite, the cluster subset on 3 Galera nodes, the weapp and H5
# builds, the browser e2e.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh

set -e
ensure_node
# The CJK font lets Chromium draw the Chinese UI in the screenshots instead of empty boxes;
# openssl makes the X.509 platform certificate of the WeChat Pay key-rotation tests.
ensure_apt_packages mariadbd:mariadb-server chromium:chromium openssl:openssl \
  /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc:fonts-noto-cjk
ensure_pnpm
install_dependencies
build_server
set +e

passed=0
failed=()
step() {
  local name=$1
  shift
  log "$name"
  local started=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "-- $name: ok ($((SECONDS - started)) s)"
  else
    failed+=("$name")
    echo "-- $name: FAILED ($((SECONDS - started)) s)"
  fi
}

jest() { pnpm --filter @lensloop/test exec jest --ci "$@"; }

step 'lint' pnpm run lint
step 'lint rules (fixtures)' jest -c jest.lint.config.js
step 'type-check' pnpm -r run typecheck
step 'unit tests (shared)' pnpm --filter @lensloop/shared run test --ci
step 'unit tests (server)' pnpm --filter @lensloop/server run test --ci
step 'API contract (OpenAPI lint, snapshot, breaking changes)' jest -c jest.contract.config.js
step 'API e2e on MariaDB' jest -c jest.api.config.js
step 'API smoke on SQLite' jest -c jest.smoke.config.js
# About 3 minutes: the Galera test bed starts, two replicas share the rate limit, one race, one node
# killed. The whole cluster and fault suite runs nightly (scripts/cluster/nightly.sh).
step 'cluster subset (3 Galera nodes, 2 API replicas, Redis)' bash scripts/cluster/test.sh bed
step 'weapp build' pnpm --filter @lensloop/miniprogram run build:weapp
step 'weapp package check' pnpm --filter @lensloop/miniprogram run size:weapp
step 'H5 build' pnpm --filter @lensloop/miniprogram run build:h5
step 'browser e2e (Chromium, H5)' jest -c jest.browser.config.js

echo
if ((${#failed[@]})); then
  echo "Failed: ${failed[*]}"
fi
echo "checks: ${passed} passed, ${#failed[@]} failed"
((${#failed[@]} == 0))
