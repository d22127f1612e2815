# Sourced by the cluster scripts: where the test bed lives and which ports it uses.
# CLUSTER_DIR (default /tmp/lensloop-cluster) holds each node's datadir, config, socket and log,
# Redis's files, the API processes' logs and cluster.env (the URLs, for tests and people).
# CLUSTER_BASE_PORT (default 33300) + 1..3: MariaDB; +11..13 Galera replication; +21..23 IST;
# +31..33 SST (rsync); +40 Redis; +41..42 the two API processes.
CLUSTER_DIR=${CLUSTER_DIR:-/tmp/lensloop-cluster}
CLUSTER_BASE_PORT=${CLUSTER_BASE_PORT:-33300}
NODES=(1 2 3)

# mariadbd refuses to run as root without --user; as root the nodes run as Debian's `mysql` user,
# which also keeps rsync SST (whose daemon would drop root to `nobody`) able to write the datadir.
NODE_USER=$([[ $(id -u) == 0 ]] && echo mysql || id -un)

node_port() { echo $((CLUSTER_BASE_PORT + $1)); }
galera_port() { echo $((CLUSTER_BASE_PORT + 10 + $1)); }
node_dir() { echo "$CLUSTER_DIR/node$1"; }
node_socket() { echo "$(node_dir "$1")/mysqld.sock"; }
redis_port() { echo $((CLUSTER_BASE_PORT + 40)); }
api_port() { echo $((CLUSTER_BASE_PORT + 40 + $1)); }

cluster_log() { printf '[cluster %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# Writes node N's my.cnf: a small Galera node (2-core test machines) on loopback.
write_node_config() {
  local n=$1 dir peers
  dir=$(node_dir "$n")
  peers=$(for i in "${NODES[@]}"; do printf '127.0.0.1:%s,' "$(galera_port "$i")"; done)
  mkdir -p "$dir"
  cat >"$dir/my.cnf" <<CNF
[mysqld]
datadir=$dir/data
socket=$(node_socket "$n")
port=$(node_port "$n")
bind-address=127.0.0.1
pid-file=$dir/mysqld.pid
log-error=$dir/error.log
user=$NODE_USER
default-time-zone=+00:00
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
max_connections=400
performance_schema=OFF
innodb_buffer_pool_size=64M
innodb_log_file_size=32M
innodb_flush_log_at_trx_commit=2
innodb_autoinc_lock_mode=2
binlog_format=ROW
default_storage_engine=InnoDB
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=lensloop-test
wsrep_cluster_address=gcomm://${peers%,}
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$(galera_port "$n")
wsrep_provider_options="base_port=$(galera_port "$n");gmcast.listen_addr=tcp://127.0.0.1:$(galera_port "$n");ist.recv_addr=127.0.0.1:$((CLUSTER_BASE_PORT + 20 + n));gcache.size=64M;evs.inactive_timeout=PT6S;evs.suspect_timeout=PT3S"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$((CLUSTER_BASE_PORT + 30 + n))
wsrep_slave_threads=2
# Causal reads for every connection, whatever its session did: the API's own SET SESSION (from
# DB_WSREP_SYNC_WAIT) fails, unnoticed, on a connection opened while the node was not ready.
wsrep_sync_wait=1
CNF
}

sql() { # sql N 'statement': runs it as root on node N's socket
  mariadb --no-defaults --socket="$(node_socket "$1")" -uroot -N -B -e "$2"
}

node_running() {
  local pid
  pid=$(cat "$(node_dir "$1")/mysqld.pid" 2>/dev/null) || return 1
  kill -0 "$pid" 2>/dev/null
}

# Waits until node N is Synced (wsrep_local_state 4) and ready, up to $2 seconds (default 120).
wait_synced() {
  local n=$1 limit=${2:-120} started=$SECONDS state
  while ((SECONDS - started < limit)); do
    state=$(sql "$n" "SHOW STATUS WHERE Variable_name IN ('wsrep_local_state','wsrep_ready')" 2>/dev/null | sort | awk '{print $2}' | paste -sd' ' || true)
    [[ $state == "4 ON" ]] && return 0
    sleep 0.5
  done
  cluster_log "node$n did not reach Synced in ${limit} s; its log:"
  tail -n 40 "$(node_dir "$n")/error.log" >&2
  return 1
}

# start_node N [--wsrep-new-cluster]: starts node N in the background (datadir made on first start).
start_node() {
  local n=$1
  shift
  local dir
  dir=$(node_dir "$n")
  if node_running "$n"; then return 0; fi
  [[ -f $dir/my.cnf ]] || write_node_config "$n"
  # The node's user must reach its datadir (a mkdtemp CLUSTER_DIR is 0700).
  if [[ $NODE_USER != "$(id -un)" ]]; then
    chmod o+x "$CLUSTER_DIR"
    chown -R "$NODE_USER" "$dir"
  fi
  if [[ ! -d $dir/data/mysql ]]; then
    mariadb-install-db --defaults-file="$dir/my.cnf" --auth-root-authentication-method=normal \
      --skip-test-db >"$dir/install.log" 2>&1 || {
      cat "$dir/install.log" >&2
      return 1
    }
    [[ $NODE_USER == "$(id -un)" ]] || chown -R "$NODE_USER" "$dir"
  fi
  nohup mariadbd --defaults-file="$dir/my.cnf" "$@" >>"$dir/stdout.log" 2>&1 &
  echo $! >"$dir/mariadbd.launch-pid"
}
