import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import request from 'supertest';
import { startTestServer, type TestServer } from '../support/test-server';

const serverMain = resolve(__dirname, '../../server/dist/main.js');

describe('platform (MariaDB)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);

  it('should report health with the database up', async () => {
    expect((await api().get('/api/health').expect(200)).body).toEqual({ status: 'ok', database: 'up' });
  });

  it('should serve the OpenAPI document with the auth, store and product paths', async () => {
    const document = (await api().get('/api/docs-json').expect(200)).body;
    expect(document.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/auth/wechat/login',
      '/api/v1/auth/staff/login',
      '/api/v1/me',
      '/api/v1/stores',
      '/api/v1/products/{id}',
    ]) {
      expect(document.paths).toHaveProperty([path]);
    }
    await api().get('/api/docs').expect(200);
  });

  it('should answer an unknown route with 404 and the error body', async () => {
    for (const [method, path] of [
      ['get', '/api/v1/no-such-thing'],
      ['post', '/api/v1/products'],
      ['get', '/api/v2/products'],
    ] as const) {
      const response = await api()[method](path).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', details: [] });
    }
  });

  it('should echo a caller request id, or make one, on every response', async () => {
    const given = await api().get('/api/health').set('x-request-id', 'trace-abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-abc-123');
    const made = await api().get('/api/v1/nope').set('x-request-id', 'bad id with spaces').expect(404);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body.requestId).toBe(made.headers['x-request-id']);
  });

  it('should have a schema exactly as the migrations build it (no drift from the entities)', async () => {
    const pending = await server.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('should refuse to start with a clear message on bad configuration', async () => {
    const child = spawn(process.execPath, [serverMain], {
      env: { ...process.env, DB_TYPE: 'oracle', PORT: 'eighty', NODE_ENV: 'development' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toContain('DB_TYPE must be one of sqlite, sqljs, mariadb, mysql');
    expect(stderr).toContain('PORT must be an integer');
  });

  it('should refuse to start in production without a JWT secret', async () => {
    const child = spawn(process.execPath, [serverMain], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DB_TYPE: 'mariadb',
        DB_URL: 'mysql://u:p@127.0.0.1:1/db',
        JWT_SECRET: '',
      },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((done) => child.on('exit', done))).toBe(1);
    expect(stderr).toContain('JWT_SECRET must be set');
  });

  /** The built server in a process of its own on the suite's database, once it says it runs. */
  async function startServerProcess() {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, [serverMain], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        DB_TYPE: 'mariadb',
        DB_URL: server.config.database.url,
        SEED_DEMO_DATA: 'false',
        LOG_LEVEL: 'info',
      },
    });
    const output = { stdout: '' };
    child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (!output.stdout.includes('LensLoop is running')) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`server did not start:\n${output.stdout}`);
      await new Promise((done) => setTimeout(done, 100));
    }
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    return { child, port, output, exited };
  }

  /** Locks the members table and answers once a statement of the server waits for it. */
  async function holdMembersLocked() {
    const locker = await createConnection(server.config.database.url ?? '');
    await locker.query('LOCK TABLES members WRITE');
    return {
      untilSomeoneWaits: async () => {
        for (;;) {
          const [rows] = await locker.query(
            "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE state LIKE 'Waiting for table%'",
          );
          if (Number((rows as { n: number }[])[0].n) > 0) return;
          await new Promise((done) => setTimeout(done, 10));
        }
      },
      release: async () => {
        await locker.query('UNLOCK TABLES');
        await locker.end();
      },
    };
  }

  it('should finish in-flight requests and exit 0 on SIGTERM', async () => {
    const { child, port, output, exited } = await startServerProcess();
    const health = await request(`http://127.0.0.1:${port}`).get('/api/health').expect(200);
    expect(health.body.status).toBe('ok');
    // Request logs are structured JSON lines carrying the request id.
    const logLine = output.stdout.split('\n').find((line) => line.includes('"requestId"'));
    expect(JSON.parse(logLine ?? '{}')).toMatchObject({ requestId: health.headers['x-request-id'] });
    // Hold a login inside the database (the members table is locked), stop the server, then let
    // the database go: the login must still be answered, and only then may the server exit.
    const lock = await holdMembersLocked();
    const login = request(`http://127.0.0.1:${port}`)
      .post('/api/v1/auth/wechat/login')
      .send({ code: 'dev-shutdown' })
      .then((response) => response.status);
    await lock.untilSomeoneWaits();
    child.kill('SIGTERM');
    await new Promise((done) => setTimeout(done, 200));
    // Meanwhile a new client is refused (a load balancer retries elsewhere), never served a 500.
    const late = await request(`http://127.0.0.1:${port}`)
      .get('/api/v1/stores')
      .then(
        (response) => response.status,
        (error: NodeJS.ErrnoException) => error.code,
      );
    expect(late).toBe('ECONNREFUSED');
    await lock.release();
    expect(await login).toBe(200);
    expect(await exited).toBe(0);
  });

  it('should let a request whose client has gone finish its database work before closing the pool', async () => {
    const { child, port, output, exited } = await startServerProcess();
    const membersBefore = Number((await server.dataSource.query('SELECT COUNT(*) AS n FROM members'))[0].n);
    // A first login waits in the database; its client gives up, then the server is stopped. The
    // login's handler is still running: the pool must stay open until it has finished.
    const lock = await holdMembersLocked();
    const abandoned = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/auth/wechat/login',
      headers: { 'content-type': 'application/json' },
    });
    abandoned.on('error', () => undefined);
    abandoned.end(JSON.stringify({ code: 'dev-abandoned-at-shutdown' }));
    await lock.untilSomeoneWaits();
    abandoned.destroy();
    await new Promise((done) => setTimeout(done, 100));
    child.kill('SIGTERM');
    await new Promise((done) => setTimeout(done, 300));
    await lock.release();
    expect(await exited).toBe(0);
    expect(output.stdout).not.toContain('request failed');
    const membersAfter = Number((await server.dataSource.query('SELECT COUNT(*) AS n FROM members'))[0].n);
    expect(membersAfter).toBe(membersBefore + 1);
  });
});
