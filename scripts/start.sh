#!/usr/bin/env bash
# Starts LensLoop on a fresh machine: the API and the H5 mall on one origin,
# http://localhost:${PORT:-3000}, with demo data on the embedded SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh

ensure_node
ensure_pnpm
install_dependencies
build_server
log "building the H5 mall"
pnpm --filter @lensloop/miniprogram run build:h5
log "starting"
exec node server/dist/main.js
