# Sourced by backup.sh and restore.sh: reads DB_URL (mysql://user:password@host:port/database, the
# server's own setting; %XX escapes in the password allowed) into a client option file readable only
# by this user, so the password never shows in `ps`. Sets DB_NAME and DB_DEFAULTS_FILE.
parse_db_url() {
  local url=${DB_URL:?DB_URL must be set (mysql://user:password@host:port/database)}
  if [[ ! $url =~ ^(mysql|mariadb)://([^:@/]+)(:([^@]*))?@([^:/?]+)(:([0-9]+))?/([A-Za-z0-9_]+)(\?.*)?$ ]]; then
    echo "DB_URL is not mysql://user:password@host:port/database" >&2
    exit 64
  fi
  local user=${BASH_REMATCH[2]} password=${BASH_REMATCH[4]} host=${BASH_REMATCH[5]}
  local port=${BASH_REMATCH[7]:-3306}
  DB_NAME=${BASH_REMATCH[8]}
  password=$(printf '%b' "${password//%/\\x}")
  DB_DEFAULTS_FILE=$(mktemp)
  chmod 600 "$DB_DEFAULTS_FILE"
  trap 'rm -f "$DB_DEFAULTS_FILE"' EXIT
  # Option-file values in double quotes, with \ and " escaped.
  password=${password//\\/\\\\}
  password=${password//\"/\\\"}
  printf '[client]\nuser="%s"\npassword="%s"\nhost="%s"\nport=%s\nprotocol=tcp\n' \
    "$user" "$password" "$host" "$port" >"$DB_DEFAULTS_FILE"
}
