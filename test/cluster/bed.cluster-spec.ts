import type { ApiProcess } from '../support/api-process';
import { Factory, type MemberFixture } from '../support/factories';
import {
  flushRedis,
  galeraNode,
  sleep,
  startClusterDeployment,
  wsrepStatus,
  type ClusterDeployment,
} from './support/cluster';

/** The rate limit the replicas of this file run with (logins per minute per client address). */
const LOGIN_LIMIT = 6;

async function post(baseUrl: string, path: string, authorization: string | null, body: unknown) {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * The CI subset of the cluster suite: the test bed runs, two API replicas on different Galera nodes
 * share one login rate limit through Redis, a race for the last stock across the replicas sells
 * exactly what there is, and a node killed under load does not stop the writes.
 */
describe('Cluster test bed (3 Galera nodes, Redis, two API replicas)', () => {
  let deployment: ClusterDeployment;
  let factory: Factory;
  let replicas: ApiProcess[];
  let customers: MemberFixture[];
  let storeId: number;

  beforeAll(async () => {
    deployment = await startClusterDeployment();
    factory = new Factory(deployment.server);
    storeId = (await factory.store()).id;
    customers = await Promise.all(Array.from({ length: 4 }, () => factory.member()));
    replicas = [
      await deployment.replica(1, { AUTH_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT) }),
      await deployment.replica(2, { AUTH_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT) }),
    ];
  }, 180_000);
  afterAll(async () => {
    await Promise.all((replicas ?? []).map((replica) => replica.kill()));
    await deployment?.server.stop();
  });

  it('should run three synced nodes, and a write through one replica is read at once through the other', async () => {
    for (const node of [1, 2, 3] as const) {
      expect(await wsrepStatus(node)).toMatchObject({
        wsrep_cluster_size: '3',
        wsrep_local_state_comment: 'Synced',
        wsrep_ready: 'ON',
        // Causal reads set on the node too, not only by each API connection's session.
        wsrep_sync_wait: '1',
      });
    }
    for (const replica of replicas) {
      expect((await fetch(`${replica.baseUrl}/api/health/ready`)).status).toBe(200);
    }
    const { id: skuId } = await factory.sku('contacts', { storeId, quantity: 1_000 });
    // Each order is written on node1 (replica 1) and read back on node2 (replica 2) straight away:
    // wsrep_sync_wait makes node2 apply it before answering.
    for (let round = 0; round < 15; round++) {
      const [writer, reader] = round % 2 ? [replicas[1], replicas[0]] : [replicas[0], replicas[1]];
      const customer = customers[round % customers.length];
      const created = await post(writer.baseUrl, '/orders', customer.authorization, {
        storeId,
        fulfilment: 'pickup',
        items: [{ skuId, quantity: 1 }],
      });
      expect(created.status).toBe(201);
      const read = await fetch(`${reader.baseUrl}/api/v1/orders/${created.body.id as number}`, {
        headers: { authorization: customer.authorization },
      });
      expect(read.status).toBe(200);
      expect(((await read.json()) as { no: string }).no).toBe(created.body.no);
    }
  });

  it('should enforce one login rate limit across both replicas through Redis (and one per process without it)', async () => {
    await flushRedis();
    const answers: number[] = [];
    for (let attempt = 0; attempt < 2 * LOGIN_LIMIT; attempt++) {
      const replica = replicas[attempt % 2];
      answers.push(
        (await post(replica.baseUrl, '/auth/wechat/login', null, { code: `dev-limit-${attempt}` })).status,
      );
    }
    // Both replicas together let exactly LOGIN_LIMIT through, not LOGIN_LIMIT each.
    expect(answers.filter((status) => status === 200)).toHaveLength(LOGIN_LIMIT);
    expect(answers.filter((status) => status === 429)).toHaveLength(LOGIN_LIMIT);
    const refused = await post(replicas[0].baseUrl, '/auth/wechat/login', null, { code: 'dev-limit-x' });
    expect(refused).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });

    // Control: a replica without REDIS_URL counts in its own memory, so it lets its own limit through.
    const alone = await deployment.replica(2, {
      AUTH_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT),
      REDIS_URL: '',
    });
    try {
      const own: number[] = [];
      for (let attempt = 0; attempt <= LOGIN_LIMIT; attempt++) {
        own.push(
          (await post(alone.baseUrl, '/auth/wechat/login', null, { code: `dev-alone-${attempt}` })).status,
        );
      }
      expect(own).toEqual([...Array(LOGIN_LIMIT).fill(200), 429]);
    } finally {
      await alone.kill();
    }
  });

  it('should sell exactly the 10 in stock to 60 concurrent orders spread over the two replicas', async () => {
    const { id: skuId } = await factory.sku('contacts', { storeId, quantity: 10 });
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        post(replicas[index % 2].baseUrl, '/orders', customers[index % customers.length].authorization, {
          storeId,
          fulfilment: 'pickup',
          items: [{ skuId, quantity: 1 }],
        }),
      ),
    );
    const created = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(created).toHaveLength(10);
    expect(refused.map((answer) => `${answer.status} ${answer.body.code as string}`)).toEqual(
      Array(50).fill('409 OUT_OF_STOCK'),
    );
    // Every node agrees: no stock left, ten orders of this SKU.
    for (const node of [1, 2, 3] as const) {
      const connection = await deployment.connect(node);
      try {
        await connection.query('SET SESSION wsrep_sync_wait = 1');
        const [[stock]] = (await connection.query(
          'SELECT quantity FROM store_stock WHERE store_id = ? AND sku_id = ?',
          [storeId, skuId],
        )) as unknown as [{ quantity: number }[]];
        const [[lines]] = (await connection.query(
          'SELECT COUNT(DISTINCT order_id) AS n FROM order_items WHERE sku_id = ?',
          [skuId],
        )) as unknown as [{ n: number }[]];
        expect([node, Number(stock.quantity), Number(lines.n)]).toEqual([node, 0, 10]);
      } finally {
        await connection.end();
      }
    }
  });

  it('should keep taking orders through the other nodes while one node is killed, and the node catches up when it rejoins', async () => {
    // One SKU per worker: this is about losing a node, not about conflicting writes (the race above).
    const skus = await Promise.all(
      Array.from({ length: 4 }, () => factory.sku('contacts', { storeId, quantity: 100_000 })),
    );
    const answers: { status: number; id?: number; at: number; body?: unknown }[] = [];
    let stopping = false;
    const workers = Array.from({ length: 4 }, async (_, worker) => {
      for (let round = 0; !stopping; round++) {
        const answer = await post(replicas[worker % 2].baseUrl, '/orders', customers[worker].authorization, {
          storeId,
          fulfilment: 'pickup',
          items: [{ skuId: skus[worker].id, quantity: 1 }],
        }).catch((error: unknown) => ({
          status: 0,
          body: { error: String(error) } as Record<string, unknown>,
        }));
        answers.push({
          status: answer.status,
          id: answer.body.id as number | undefined,
          at: Date.now(),
          ...(answer.status === 201 ? {} : { body: answer.body }),
        });
      }
    });
    try {
      while (answers.length < 20) await sleep(50);
      await galeraNode('kill', 3);
      const killedAt = Date.now();
      // The survivors notice within evs.suspect_timeout (3 s) and go on as a primary of two.
      for (let wait = 0; wait < 100 && (await wsrepStatus(1)).wsrep_cluster_size !== '2'; wait++)
        await sleep(100);
      expect(await wsrepStatus(1)).toMatchObject({
        wsrep_cluster_size: '2',
        wsrep_cluster_status: 'Primary',
      });
      await sleep(4_000);
      stopping = true;
      await Promise.all(workers);
      const afterKill = answers.filter((answer) => answer.at > killedAt + 500);
      expect(afterKill.length).toBeGreaterThan(20);
      const failed = answers.filter((answer) => answer.status !== 201);
      if (failed.length) {
        for (const replica of replicas)
          process.stderr.write(`${replica.baseUrl}:\n${replica.output().slice(-4000)}\n`);
      }
      expect(failed).toEqual([]);
    } finally {
      stopping = true;
      await Promise.all(workers);
      await galeraNode('start', 3);
    }
    // Node 3 rejoined (IST from a survivor) and holds every order the others committed meanwhile.
    expect(await wsrepStatus(3)).toMatchObject({
      wsrep_cluster_size: '3',
      wsrep_local_state_comment: 'Synced',
    });
    const ids = answers.map((answer) => answer.id as number);
    const connection = await deployment.connect(3);
    try {
      const [rows] = await connection.query(
        `SELECT id FROM orders WHERE id IN (${ids.map(() => '?').join(',')})`,
        ids,
      );
      expect((rows as { id: number }[]).length).toBe(ids.length);
    } finally {
      await connection.end();
    }
  });
});
