import * as mysql2 from 'mysql2';

interface PoolHooks {
  /** `wsrep_sync_wait` set on every new connection (Galera causal reads); 0 leaves the server's. */
  syncWait: number;
  /** A request waiting longer than this for a pooled connection fails (503); 0 waits forever. */
  acquireTimeoutMs: number;
}

/** MariaDB's "too many connections": `isDatabaseUnreachable` answers 503 for it. */
const TOO_MANY_CONNECTIONS = 1040;

/**
 * mysql2, as TypeORM loads it, with two additions to the pools it creates: the session variables
 * every connection needs (set by the pool's `connection` event, so before its first query) and an
 * acquire timeout — mysql2's pool queues requests for a free connection without limit, so without
 * it an exhausted pool makes requests hang instead of answering 503.
 */
export function mysqlDriver(hooks: PoolHooks): typeof mysql2 {
  const createPool = (options: mysql2.PoolOptions): mysql2.Pool => {
    const pool = mysql2.createPool(options);
    if (hooks.syncWait > 0) {
      pool.on('connection', (connection) => {
        // A callback keeps a failure (a server without wsrep) from becoming an unhandled error.
        (connection as unknown as mysql2.Connection).query(
          `SET SESSION wsrep_sync_wait = ${Number(hooks.syncWait)}`,
          () => undefined,
        );
      });
    }
    if (hooks.acquireTimeoutMs > 0) {
      const getConnection = pool.getConnection.bind(pool);
      pool.getConnection = ((callback: (error: unknown, connection?: mysql2.PoolConnection) => void) => {
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          callback(
            Object.assign(
              new Error(`no free database connection within ${hooks.acquireTimeoutMs} ms (pool exhausted)`),
              { errno: TOO_MANY_CONNECTIONS, code: 'POOL_ACQUIRE_TIMEOUT' },
            ),
          );
        }, hooks.acquireTimeoutMs);
        getConnection((error, connection) => {
          if (timedOut) {
            // The caller has gone: hand the connection straight back to the next in the queue.
            connection?.release();
            return;
          }
          clearTimeout(timer);
          callback(error, connection);
        });
      }) as typeof pool.getConnection;
    }
    return pool;
  };
  return { ...mysql2, createPool } as typeof mysql2;
}
