import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import request from 'supertest';
import { daysAgo } from '../support/dates';
import { Factory, type MemberFixture } from '../support/factories';
import { runJob, waitFor } from '../support/outbox';
import { startApiProcess } from '../support/api-process';
import { startTestServer, type TestServer } from '../support/test-server';

const run = promisify(execFile);
const REKEY_SCRIPT = resolve(__dirname, '../../scripts/ops/rekey-prescriptions.sh');
const KEY_1 = randomBytes(32).toString('base64');
const KEY_2 = randomBytes(32).toString('base64');
const MEMBERS = 3;
const EXAMS_PER_MEMBER = 8;
const BATCH_SIZE = 5;

interface Owned {
  member: MemberFixture;
  id: number;
}

/**
 * Prescription key rotation (docs/operations.md, "Rotating the prescription key"): rows sealed under
 * key 1, the servers restarted with key 2 active, the `prescription-rekey` job re-encrypting them in
 * batches while members keep reading, a restart mid-way, the ops script finishing the job, and a
 * server that knows only key 2 still reading every value as it was.
 */
describe('prescription key rotation (MariaDB)', () => {
  const servers: TestServer[] = [];
  let first: TestServer;
  const owned: Owned[] = [];
  const before = new Map<number, unknown>();

  /** Another process of the same deployment (same database and JWT secret) with other keys. */
  async function restartWith(keys: string, activeKeyId: string): Promise<TestServer> {
    await servers[servers.length - 1]?.stop();
    const server = await startTestServer({
      env: {
        DB_URL: first.config.database.url as string,
        JWT_SECRET: first.config.jwt.secret,
        PRESCRIPTION_KEYS: keys,
        PRESCRIPTION_KEY_ID: activeKeyId,
        PRESCRIPTION_REKEY_BATCH_SIZE: String(BATCH_SIZE),
        PRESCRIPTION_REKEY_BATCHES_PER_RUN: '1',
      },
    });
    servers.push(server);
    return server;
  }

  async function keyIds(server: TestServer): Promise<Record<string, number>> {
    const rows: { key_id: string; n: string }[] = await server.dataSource.query(
      "SELECT SUBSTRING_INDEX(sealed_values, ':', 1) AS key_id, COUNT(*) AS n FROM prescriptions GROUP BY key_id ORDER BY key_id",
    );
    return Object.fromEntries(rows.map((row) => [row.key_id, Number(row.n)]));
  }

  async function auditRows(server: TestServer): Promise<number> {
    const [row]: { n: string }[] = await server.dataSource.query('SELECT COUNT(*) AS n FROM audit_log');
    return Number(row.n);
  }

  async function read(server: TestServer, { member, id }: Owned): Promise<{ status: number; body: unknown }> {
    const response = await request(server.baseUrl)
      .get(`/api/v1/me/prescriptions/${id}`)
      .set('authorization', member.authorization);
    return { status: response.status, body: response.body };
  }

  /** Members reading their prescriptions over and over until `stop()`; answers what differed. */
  function keepReading(server: TestServer, readers = 4) {
    let stopped = false;
    let reads = 0;
    const problems: string[] = [];
    const loops = Array.from({ length: readers }, async (_, reader) => {
      for (let index = reader; !stopped; index = (index + 1) % owned.length) {
        const answer = await read(server, owned[index]);
        reads++;
        if (answer.status !== 200) problems.push(`prescription ${owned[index].id}: ${answer.status}`);
        else if (JSON.stringify(answer.body) !== JSON.stringify(before.get(owned[index].id))) {
          problems.push(`prescription ${owned[index].id} read differently`);
        }
      }
    });
    return {
      async stop() {
        stopped = true;
        await Promise.all(loops);
        return { reads, problems };
      },
    };
  }

  beforeAll(async () => {
    first = await startTestServer({ env: { PRESCRIPTION_KEYS: `k1:${KEY_1}`, PRESCRIPTION_KEY_ID: 'k1' } });
    servers.push(first);
    const factory = new Factory(first);
    const store = await factory.store();
    const optometrist = await factory.staff('optometrist', store.id);
    for (let memberIndex = 0; memberIndex < MEMBERS; memberIndex++) {
      const member = await factory.member({ phone: `1390000${1000 + memberIndex}`, consent: true });
      for (let exam = 0; exam < EXAMS_PER_MEMBER; exam++) {
        const created = await request(first.baseUrl)
          .post(`/api/v1/staff/customers/${member.memberId}/prescriptions`)
          .set('authorization', optometrist.authorization)
          .send({
            kind: 'distance',
            examDate: daysAgo(400 - exam * 30),
            od: { sphere: -100 - 25 * exam, cylinder: -50, axis: 10 * exam + 5 },
            os: { sphere: -75 - 25 * memberIndex, cylinder: 0 },
            pd: { binocular: 600 + 5 * exam },
            notes: `复查 ${memberIndex}-${exam}`,
          });
        expect(created.status === 201 ? 201 : created.body).toBe(201);
        owned.push({ member, id: created.body.id as number });
      }
    }
    for (const prescription of owned) {
      const answer = await read(first, prescription);
      expect(answer.status).toBe(200);
      before.set(prescription.id, answer.body);
    }
  }, 120_000);
  afterAll(async () => {
    await servers[servers.length - 1]?.stop();
  });

  it('should re-encrypt every old row in batches, online, resuming after a restart, every read unchanged', async () => {
    const total = MEMBERS * EXAMS_PER_MEMBER;
    await expect(keyIds(first)).resolves.toEqual({ k1: total });
    const auditBefore = await auditRows(first);

    // Rotate: both keys configured, key 2 active. New rows use it at once; old rows still read.
    let server = await restartWith(`k1:${KEY_1},k2:${KEY_2}`, 'k2');
    await expect(read(server, owned[0])).resolves.toMatchObject({ status: 200 });

    // Two batches through the job route while members read, then the process goes away.
    const readers = keepReading(server);
    await expect(runJob(server.baseUrl, 'prescription-rekey')).resolves.toBe(BATCH_SIZE);
    await expect(runJob(server.baseUrl, 'prescription-rekey')).resolves.toBe(BATCH_SIZE);
    const during = await readers.stop();
    expect(during.problems).toEqual([]);
    expect(during.reads).toBeGreaterThan(0);
    await expect(keyIds(server)).resolves.toEqual({ k1: total - 2 * BATCH_SIZE, k2: 2 * BATCH_SIZE });

    // Another replica is killed (SIGKILL) in the middle of a batch: a row of its batch is held by
    // someone else, so the batch waits inside its transaction when the process dies.
    const cursorAt = async () => {
      const [row]: { position: number }[] = await server.dataSource.query(
        "SELECT position FROM job_cursors WHERE name = 'prescription-rekey:k2'",
      );
      return Number(row.position);
    };
    const positionBefore = await cursorAt();
    const replica = await startApiProcess(server, {
      JOBS_ENABLED: 'false',
      PRESCRIPTION_KEYS: `k1:${KEY_1},k2:${KEY_2}`,
      PRESCRIPTION_KEY_ID: 'k2',
      PRESCRIPTION_REKEY_BATCH_SIZE: String(BATCH_SIZE),
      PRESCRIPTION_REKEY_BATCHES_PER_RUN: '1',
    });
    const holder = await createConnection(server.config.database.url as string);
    try {
      await holder.query('START TRANSACTION');
      await holder.query('SELECT id FROM prescriptions WHERE id = ? FOR UPDATE', [
        owned[2 * BATCH_SIZE + 2].id,
      ]);
      void fetch(`${replica.baseUrl}/api/v1/dev/jobs/prescription-rekey/run`, { method: 'POST' }).catch(
        () => undefined,
      );
      // Kill it once its batch waits on the held row (or after 5 s): either way that batch cannot
      // have committed, since one of its rows is held until after the kill.
      await waitFor(async () => {
        const [row]: { n: string }[] = await server.dataSource.query(
          "SELECT COUNT(*) AS n FROM information_schema.innodb_trx t JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id WHERE p.db = DATABASE() AND t.trx_state = 'LOCK WAIT'",
        );
        return Number(row.n) > 0;
      }, 5_000).catch(() => undefined);
      await replica.kill();
    } finally {
      if (replica.child.exitCode === null && replica.child.signalCode === null) await replica.kill();
      await holder.query('COMMIT');
      await holder.end();
    }
    // Its batch was rolled back with its connection (MariaDB notices the dead client and lets go
    // of its locks): nothing re-encrypted, the cursor where it was.
    await waitFor(async () => {
      const [row]: { n: string }[] = await server.dataSource.query(
        // This database only: other suites share the MariaDB server.
        'SELECT COUNT(*) AS n FROM information_schema.innodb_trx t JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id WHERE p.db = DATABASE() AND t.trx_rows_locked > 0',
      );
      return Number(row.n) === 0;
    }, 20_000);
    await expect(keyIds(server)).resolves.toEqual({ k1: total - 2 * BATCH_SIZE, k2: 2 * BATCH_SIZE });
    await expect(cursorAt()).resolves.toBe(positionBefore);

    // A new process continues after the cursor: no row is done twice, none is skipped.
    server = await restartWith(`k1:${KEY_1},k2:${KEY_2}`, 'k2');
    const readersAgain = keepReading(server);
    await expect(runJob(server.baseUrl, 'prescription-rekey')).resolves.toBe(BATCH_SIZE);
    // The ops script (another process, the runbook's command) finishes while the server serves reads.
    const script = await run(REKEY_SCRIPT, [], {
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DB_TYPE: 'mariadb',
        DB_URL: server.config.database.url as string,
        PRESCRIPTION_KEYS: `k1:${KEY_1},k2:${KEY_2}`,
        PRESCRIPTION_KEY_ID: 'k2',
        PRESCRIPTION_REKEY_BATCH_SIZE: String(BATCH_SIZE),
      },
    }).finally(() => readersAgain.stop());
    const afterScript = await readersAgain.stop();
    expect(afterScript.problems).toEqual([]);
    const remainingAtStart = total - 3 * BATCH_SIZE;
    expect(script.stdout).toContain(`${remainingAtStart} rows under other keys, resuming after id`);
    expect(script.stdout).toContain(`done, ${remainingAtStart} re-encrypted, 0 rows under other keys`);
    await expect(keyIds(server)).resolves.toEqual({ k2: total });

    // Another run finds nothing to do.
    await expect(runJob(server.baseUrl, 'prescription-rekey')).resolves.toBe(0);
    // Re-sealing is not a read of health data by anyone: no audit rows.
    await expect(auditRows(server)).resolves.toBe(auditBefore);

    // Key 1 can go: a server with only key 2 reads every value exactly as before the rotation.
    server = await restartWith(`k2:${KEY_2}`, 'k2');
    for (const prescription of owned) {
      const answer = await read(server, prescription);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(before.get(prescription.id));
    }
  });
});
