#!/usr/bin/env bash
# Stops what scripts/cluster/start.sh started in $CLUSTER_DIR (API processes, Redis, the three
# nodes) and removes the directory unless CLUSTER_KEEP=1.
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/cluster/lib.sh

stop_pid_file() { # stop_pid_file FILE SECONDS: SIGTERM, then SIGKILL after SECONDS
  local pid
  pid=$(cat "$1" 2>/dev/null) || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq $(($2 * 10))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null
}

[[ -d $CLUSTER_DIR ]] || exit 0
for n in 1 2; do stop_pid_file "$CLUSTER_DIR/api$n.pid" 25; done
stop_pid_file "$CLUSTER_DIR/redis.pid" 5
# Joiners first, the bootstrap node last, so the last one down could bootstrap again.
for n in 3 2 1; do stop_pid_file "$(node_dir "$n")/mysqld.pid" 30; done
cluster_log "stopped"
[[ ${CLUSTER_KEEP:-0} == 1 ]] || rm -rf "$CLUSTER_DIR"
