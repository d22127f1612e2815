#!/usr/bin/env bash
# The nightly cluster run: the whole cluster and fault suite (too long for CI's budget; CI runs the
# `bed` subset), its output saved to docs/cluster-run.txt (the last run is committed there).
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/setup.sh
ensure_pnpm
install_dependencies
build_server
out=docs/cluster-run.txt
{
  echo "# Nightly cluster run: $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD), $(nproc) cores"
  echo "# MariaDB $(mariadbd --version | awk '{print $3}'), galera-4 $(dpkg-query -W -f='${Version}' galera-4 2>/dev/null), $(redis-server --version | awk '{print $3}')"
  started=$SECONDS
  bash scripts/cluster/test.sh --verbose 2>&1
  status=$?
  echo "# exit ${status} after $((SECONDS - started)) s"
  exit $status
} | sed -u -E 's/\x1b\[[0-9;]*m//g' | tee "$out"
exit "${PIPESTATUS[0]}"
