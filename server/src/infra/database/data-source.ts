import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { isEmbeddedDatabase, type AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { mysqlDriver } from './mysql-driver';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * MariaDB/MySQL get their schema from migrations only; the embedded SQLite demo database is
 * synchronised from the entities, since it is created fresh and never upgraded in place.
 * The embedded default (`sqlite`) is better-sqlite3 in WAL mode: a commit appends its pages to the
 * write-ahead log instead of rewriting the file, as sql.js (`sqljs`) does after every transaction.
 */
export function dataSourceOptions(database: AppConfig['database']): DataSourceOptions {
  const common = { entities: ENTITIES, namingStrategy: new SnakeNamingStrategy() };
  const inMemory = database.sqlitePath === ':memory:';
  if (isEmbeddedDatabase(database.type) && !inMemory) {
    mkdirSync(dirname(database.sqlitePath), { recursive: true });
  }
  if (database.type === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.sqlitePath,
      enableWAL: !inMemory,
      // WAL keeps the database consistent on a crash with NORMAL; only the last commits before a
      // power loss may be lost, which the demo database can afford.
      prepareDatabase: (db: { pragma(statement: string): unknown }) => {
        db.pragma('synchronous = NORMAL');
      },
      synchronize: true,
    };
  }
  if (database.type === 'sqljs') {
    return {
      ...common,
      type: 'sqljs',
      location: inMemory ? undefined : database.sqlitePath,
      autoSave: !inMemory,
      synchronize: true,
    };
  }
  return {
    ...common,
    type: database.type,
    url: database.url,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    poolSize: database.poolSize,
    // mysql2 with the session settings and acquire timeout of mysql-driver.ts, when any is set.
    ...(database.syncWait || database.acquireTimeoutMs
      ? {
          connectorPackage: 'mysql2' as const,
          driver: mysqlDriver({ syncWait: database.syncWait, acquireTimeoutMs: database.acquireTimeoutMs }),
        }
      : {}),
    synchronize: false,
    migrations: MIGRATIONS,
    migrationsRun: database.migrateOnStart,
    migrationsTableName: 'migrations',
  };
}
