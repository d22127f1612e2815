#!/usr/bin/env bash
# Re-encrypts every prescription under the active key (PRESCRIPTION_KEY_ID), resuming where the last
# run stopped. Run with the server's environment (DB_TYPE, DB_URL, PRESCRIPTION_KEYS, PRESCRIPTION_KEY_ID)
# after every replica runs with the new key; needs `pnpm --filter @lensloop/server build`.
# Exit 0: no row left under another key; 2: some are (see docs/operations.md, key rotation).
set -euo pipefail
exec node "$(dirname "$0")/../../server/dist/ops/rekey-prescriptions.js" "$@"
