#!/usr/bin/env bash
# Restores a backup made by backup.sh into the database named in DB_URL (created if missing; it must
# be empty: restoring over a live database is refused). The dump names no database, so a backup of
# one database restores into any other name.
#   DB_URL=mysql://lensloop:…@new-db:3306/lensloop scripts/ops/restore.sh /backups/lensloop-2026-12-01-0300.sql.gz
# Then start the API on it (migrations newer than the backup run at start with DB_MIGRATE=true).
# See docs/operations.md, "Restoring a backup".
set -euo pipefail
source "$(dirname "$0")/db-url.sh"
file=${1:?usage: restore.sh <backup file .sql.gz>}
[[ -f $file ]] || { echo "no such backup: $file" >&2; exit 66; }
parse_db_url
mariadb --defaults-extra-file="$DB_DEFAULTS_FILE" -e \
  "CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
tables=$(mariadb --defaults-extra-file="$DB_DEFAULTS_FILE" -N -e \
  "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$DB_NAME'")
if ((tables > 0)); then
  echo "restore: database $DB_NAME is not empty ($tables tables); restore into an empty one" >&2
  exit 65
fi
gzip -dc "$file" \
  | mariadb --defaults-extra-file="$DB_DEFAULTS_FILE" --default-character-set=utf8mb4 "$DB_NAME"
echo "restore: $file into $DB_NAME ($(mariadb --defaults-extra-file="$DB_DEFAULTS_FILE" -N -e \
  "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$DB_NAME'") tables)"
