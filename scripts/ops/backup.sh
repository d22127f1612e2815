#!/usr/bin/env bash
# A consistent, online logical backup of the LensLoop database: mariadb-dump --single-transaction
# (one InnoDB snapshot for every table; the API keeps writing meanwhile, nothing is locked), gzip'd.
#   DB_URL=mysql://lensloop_backup:…@db:3306/lensloop scripts/ops/backup.sh /backups/lensloop-$(date -u +%F-%H%M).sql.gz
# The file is written as <file>.partial and renamed when the dump has finished, so a file with the
# final name is always complete. Prints the file name and its size. See docs/operations.md, "Backups".
set -euo pipefail
source "$(dirname "$0")/db-url.sh"
out=${1:?usage: backup.sh <output file .sql.gz>}
parse_db_url
umask 077
# --single-transaction: REPEATABLE READ snapshot, no table locks (InnoDB only; LensLoop has no other).
# --skip-lock-tables: no LOCK TABLES. --hex-blob: binary-safe. --no-tablespaces: needs no PROCESS.
# --routines/--events off: LensLoop has none (TiDB-compatible SQL). Time zone: dumped in UTC (--tz-utc).
mariadb-dump --defaults-extra-file="$DB_DEFAULTS_FILE" \
  --single-transaction --skip-lock-tables --quick --hex-blob --no-tablespaces --tz-utc \
  --default-character-set=utf8mb4 --skip-triggers --skip-routines --skip-events \
  "$DB_NAME" \
  | gzip -6 >"$out.partial"
mv "$out.partial" "$out"
echo "backup: $out ($(stat -c %s "$out") bytes)"
