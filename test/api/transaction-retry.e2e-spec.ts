import { createConnection } from 'mysql2/promise';
import { TransactionRunner } from '../../server/src/common/transaction';
import { startTestServer, type TestServer } from '../support/test-server';

/** Resolves once `count` callers have arrived (or after `timeoutMs`, so a bug cannot hang the test). */
function barrier(count: number, timeoutMs = 5_000): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
    setTimeout(resolve, timeoutMs).unref();
  });
  return async () => {
    arrived++;
    if (arrived >= count) open();
    await opened;
  };
}

/**
 * The transaction helper on the real MariaDB: two units of work that lock two rows in opposite
 * orders deadlock; InnoDB rolls one back (errno 1213) and the helper runs it again, so both succeed.
 */
describe('TransactionRunner on MariaDB', () => {
  let server: TestServer;
  let tx: TransactionRunner;

  beforeAll(async () => {
    server = await startTestServer();
    tx = server.app.get(TransactionRunner);
    await server.dataSource.query(
      'CREATE TABLE retry_probe (id INT PRIMARY KEY, hits INT NOT NULL DEFAULT 0) ENGINE=InnoDB',
    );
  });
  afterAll(async () => {
    await server?.dataSource.query('DROP TABLE IF EXISTS retry_probe');
    await server?.stop();
  });
  beforeEach(async () => {
    await server.dataSource.query('DELETE FROM retry_probe');
    await server.dataSource.query('INSERT INTO retry_probe (id, hits) VALUES (1, 0), (2, 0)');
  });

  async function hits(): Promise<number[]> {
    const rows: { hits: number }[] = await server.dataSource.query(
      'SELECT hits FROM retry_probe ORDER BY id',
    );
    return rows.map((row) => Number(row.hits));
  }

  it('should run both units of a real deadlock to success, the victim again from the start', async () => {
    const bothHoldOneRow = barrier(2);
    const attempts = { forward: 0, backward: 0 };
    const errnos: number[] = [];
    const retriesBefore = tx.retries;
    const unit = (name: keyof typeof attempts, first: number, second: number) =>
      tx.run(async (manager) => {
        attempts[name]++;
        try {
          await manager.query('UPDATE retry_probe SET hits = hits + 1 WHERE id = ?', [first]);
          // Only the first attempts meet: each holds one row and then asks for the other's.
          if (attempts[name] === 1) await bothHoldOneRow();
          await manager.query('UPDATE retry_probe SET hits = hits + 1 WHERE id = ?', [second]);
        } catch (error) {
          errnos.push((error as { errno: number }).errno);
          throw error;
        }
        return name;
      });

    await expect(Promise.all([unit('forward', 1, 2), unit('backward', 2, 1)])).resolves.toEqual([
      'forward',
      'backward',
    ]);
    expect(errnos).toEqual([1213]);
    expect(attempts.forward + attempts.backward).toBe(3);
    expect(tx.retries - retriesBefore).toBe(1);
    // Each unit added one to each row exactly once: the rolled-back attempt left nothing behind.
    await expect(hits()).resolves.toEqual([2, 2]);
  });

  it('should run a unit again when its lock wait timed out, once the holder let go', async () => {
    const holder = await createConnection(server.config.database.url as string);
    await holder.query('START TRANSACTION');
    await holder.query('SELECT id FROM retry_probe WHERE id = 1 FOR UPDATE');
    const release = setTimeout(() => void holder.query('COMMIT'), 1_500);
    let attempts = 0;
    try {
      await tx.run(async (manager) => {
        attempts++;
        await manager.query('UPDATE retry_probe SET hits = hits + 1 WHERE id = 2');
        // MariaDB's SET STATEMENT: a one-second wait for this statement only, not the pooled session.
        await manager.query(
          'SET STATEMENT innodb_lock_wait_timeout = 1 FOR UPDATE retry_probe SET hits = hits + 1 WHERE id = 1',
        );
      });
    } finally {
      clearTimeout(release);
      await holder.query('COMMIT');
      await holder.end();
    }
    expect(attempts).toBeGreaterThanOrEqual(2);
    await expect(hits()).resolves.toEqual([1, 1]);
  });
});
