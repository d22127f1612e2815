#!/usr/bin/env bash
# node.sh kill|stop|start|status N: fault injection on one Galera node of the test bed.
# kill: SIGKILL (a crash); stop: SIGTERM (a clean shutdown); start: rejoins the running cluster
# (IST from a donor's gcache, SST by rsync if it fell too far behind) and waits until Synced.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/cluster/lib.sh
action=$1 n=$2
pid() { cat "$(node_dir "$n")/mysqld.pid"; }
case $action in
  kill)
    p=$(pid)
    kill -KILL "$p"
    while kill -0 "$p" 2>/dev/null; do sleep 0.05; done
    rm -f "$(node_dir "$n")/mysqld.pid"
    ;;
  stop)
    p=$(pid)
    kill -TERM "$p"
    while kill -0 "$p" 2>/dev/null; do sleep 0.1; done
    ;;
  start)
    start_node "$n"
    wait_synced "$n" "${3:-120}"
    ;;
  status)
    sql "$n" "SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size','wsrep_local_state_comment','wsrep_ready')"
    ;;
  *)
    echo "usage: $0 kill|stop|start|status N" >&2
    exit 2
    ;;
esac
