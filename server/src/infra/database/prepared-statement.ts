import { QueryFailedError, type DataSource } from 'typeorm';
import { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver';

interface ExecutingPool {
  execute(sql: string, values: unknown[], callback: (error: Error | null, result: unknown) => void): void;
}

/**
 * Runs a hot path's hand-written statement outside any transaction and answers its rows (or, for a
 * write, the driver's result). On MariaDB and MySQL it is a server-side prepared statement: mysql2
 * prepares it once per pooled connection and from then on sends only the parameters, so the server
 * neither parses nor plans it again (about a quarter less of MariaDB's CPU for the desk's lookup,
 * measured in docs/benchmarks.md). Failures are TypeORM's `QueryFailedError`, as from
 * `DataSource.query`, so the exception filter treats them alike. Elsewhere (the embedded SQLite) it
 * is `DataSource.query`.
 */
export function executePrepared<Result = Record<string, unknown>[]>(
  dataSource: DataSource,
  sql: string,
  parameters: unknown[],
): Promise<Result> {
  const { driver } = dataSource;
  if (!(driver instanceof MysqlDriver)) return dataSource.query(sql, parameters);
  const pool = driver.pool as ExecutingPool;
  return new Promise((resolve, reject) =>
    pool.execute(sql, parameters, (error, result) =>
      error ? reject(new QueryFailedError(sql, parameters, error)) : resolve(result as Result),
    ),
  );
}
