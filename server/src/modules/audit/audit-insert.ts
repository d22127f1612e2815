/**
 * Most rows per statement of `recordCommitted`. Each row count is a prepared statement every pooled
 * connection keeps, and MariaDB's `max_prepared_stmt_count` counts them server-wide: 8 keeps a
 * connection at 9 with the desk's lookup (operations.md, "Connections and Galera nodes").
 */
export const ROWS_PER_GROUP_COMMIT = 8;

/**
 * The INSERT of `rows` audit rows, hand-written: TypeORM's insert re-selects the defaulted columns
 * on MariaDB and its builder generates the SQL on every call; nothing uses either, and the desk's
 * lookups write a row each. (`bench:desk-statements` sends it too.)
 */
export function insertSql(rows: number): string {
  return (
    'INSERT INTO audit_log (action, staff_id, member_id, profile_id, prescription_id, reason, request_id) ' +
    `VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`
  );
}
