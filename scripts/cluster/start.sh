#!/usr/bin/env bash
# Starts the cluster test bed on loopback: a 3-node MariaDB Galera cluster (node1 bootstraps with
# --wsrep-new-cluster, node2 and node3 join by SST), Redis, and unless CLUSTER_API=0 two API
# processes, the first on node1 and the second on node2, sharing Redis and one JWT secret.
# Writes $CLUSTER_DIR/cluster.env. Stop it with scripts/cluster/stop.sh (same CLUSTER_DIR).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/setup.sh
source scripts/cluster/lib.sh

ensure_apt_packages mariadbd:mariadb-server /usr/lib/galera/libgalera_smm.so:galera-4 rsync:rsync \
  redis-server:redis-server

mkdir -p "$CLUSTER_DIR"
started=$SECONDS
cluster_log "bootstrapping node1 in $CLUSTER_DIR (ports from $CLUSTER_BASE_PORT)"
start_node 1 --wsrep-new-cluster
wait_synced 1
sql 1 "CREATE DATABASE IF NOT EXISTS lensloop CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  CREATE USER IF NOT EXISTS 'lensloop'@'%' IDENTIFIED BY 'lensloop';
  GRANT ALL ON *.* TO 'lensloop'@'%';"
for n in 2 3; do
  cluster_log "node$n joins"
  start_node "$n"
  wait_synced "$n"
done
cluster_log "cluster size $(sql 1 "SHOW STATUS LIKE 'wsrep_cluster_size'" | awk '{print $2}') after $((SECONDS - started)) s"

redis-server --port "$(redis_port)" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --dir "$CLUSTER_DIR" --pidfile "$CLUSTER_DIR/redis.pid" --logfile "$CLUSTER_DIR/redis.log"
for _ in $(seq 50); do redis-cli -p "$(redis_port)" ping >/dev/null 2>&1 && break; sleep 0.1; done
cluster_log "redis on $(redis_port)"

{
  for n in "${NODES[@]}"; do
    echo "NODE${n}_URL=mysql://lensloop:lensloop@127.0.0.1:$(node_port "$n")/lensloop"
    echo "NODE${n}_SOCKET=$(node_socket "$n")"
  done
  echo "REDIS_URL=redis://127.0.0.1:$(redis_port)"
} >"$CLUSTER_DIR/cluster.env"

if [[ ${CLUSTER_API:-1} != 0 ]]; then
  [[ -f server/dist/main.js ]] || build_server
  secret=$(openssl rand -hex 32)
  for n in 1 2; do
    # The first replica migrates; the second waits for it (both would, one after the other, anyway).
    env NODE_ENV=development HOST=127.0.0.1 PORT="$(api_port "$n")" DB_TYPE=mariadb \
      DB_URL="mysql://lensloop:lensloop@127.0.0.1:$(node_port "$n")/lensloop" DB_MIGRATE=$([[ $n == 1 ]] && echo true || echo false) \
      REDIS_URL="redis://127.0.0.1:$(redis_port)" JWT_SECRET="$secret" SEED_DEMO_DATA=false \
      SHUTDOWN_DRAIN_MS=2000 nohup node server/dist/main.js >"$CLUSTER_DIR/api$n.log" 2>&1 &
    echo $! >"$CLUSTER_DIR/api$n.pid"
    for _ in $(seq 300); do
      curl -fs "http://127.0.0.1:$(api_port "$n")/api/health/ready" >/dev/null && break
      kill -0 "$(cat "$CLUSTER_DIR/api$n.pid")" 2>/dev/null || { tail "$CLUSTER_DIR/api$n.log" >&2; exit 1; }
      sleep 0.2
    done
    echo "API${n}_URL=http://127.0.0.1:$(api_port "$n")" >>"$CLUSTER_DIR/cluster.env"
    cluster_log "API replica $n on http://127.0.0.1:$(api_port "$n") (database node$n)"
  done
fi
cluster_log "up in $((SECONDS - started)) s; $CLUSTER_DIR/cluster.env:"
cat "$CLUSTER_DIR/cluster.env"
