# Sourced by start.sh and test.sh: installs what a fresh machine lacks.
PNPM_VERSION=10.34.9

log() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

ensure_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if ((major < 20)); then
    echo "LensLoop needs Node.js 20.19 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
    exit 1
  fi
}

ensure_pnpm() {
  # corepack fails signature checks on these machines, so pnpm comes from the npm registry.
  if [[ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]]; then
    log "installing pnpm $PNPM_VERSION"
    npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
  fi
}

# ensure_apt_packages WHAT:PACKAGE …: installs PACKAGE from Debian when WHAT, a command or a
# file path, is missing.
ensure_apt_packages() {
  local missing=() pair what
  for pair in "$@"; do
    what=${pair%%:*}
    command -v "$what" >/dev/null 2>&1 || [[ -e $what ]] || missing+=("${pair#*:}")
  done
  ((${#missing[@]} == 0)) && return
  log "installing ${missing[*]} from Debian"
  local sudo=''
  [[ $(id -u) -ne 0 ]] && sudo='sudo'
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_dependencies() {
  # better-sqlite3 (the embedded database's driver) compiles with node-gyp: its prebuilt binaries
  # are downloaded from a host these machines cannot reach, so it is built from source.
  ensure_apt_packages python3:python3 make:make g++:g++
  export npm_config_build_from_source=true
  log "installing dependencies"
  pnpm install --frozen-lockfile --reporter=append-only | grep -vE '^(Progress|\s*$)' | tail -n 5
}

build_server() {
  log "building shared and server"
  pnpm --filter @lensloop/shared --filter @lensloop/server run build
}
