import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils';

/** Rows per statement: under SQLite's 32,766 bound variables for tables of up to 32 columns. */
const ROWS_PER_STATEMENT = 1_000;

/**
 * `INSERT IGNORE` (SQLite: `INSERT OR IGNORE`) of many rows of an entity's table, a statement per
 * 1,000 rows: a row whose unique key is taken is skipped. The values go through the driver as
 * TypeORM's own insert prepares them; only the SQL is assembled here, because the query builder's
 * assembly costs about 0.1 ms per row, as much as MariaDB takes to insert it. Columns not named
 * take their database default.
 */
export async function insertIgnoring<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  properties: readonly (keyof T & string)[],
  rows: readonly Partial<T>[],
): Promise<void> {
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(entity);
  const columns = properties.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    return column;
  });
  const verb = DriverUtils.isSQLiteFamily(driver) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
  const head = `${verb} INTO ${driver.escape(metadata.tableName)} (${columns
    .map((column) => driver.escape(column.databaseName))
    .join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const parameters = chunk.flatMap((row) =>
      columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column)),
    );
    await manager.query(head + chunk.map(() => tuple).join(', '), parameters);
  }
}
