import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Role } from '@lensloop/shared';
import { apiRoutes, fillPath, type ApiDocument, type ApiRoute } from '../support/api-routes';
import {
  changedTables,
  closeRawConnections,
  databaseState,
  MAX_HEADER_BYTES,
  runPool,
  sendRaw,
} from '../support/db-state';
import { Factory } from '../support/factories';
import { invalidRequests, type FuzzRequest } from '../support/fuzz-inputs';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * A fuzzer generated from the OpenAPI document the server serves: every route gets RUNS requests
 * that its schema refuses (wrong types, unicode and huge strings, nulls, extra fields, numbers out
 * of range, broken JSON, wrong content types), each sent with a customer's token, a staff token and
 * none. No answer may be a 5xx, none may be a 2xx (the input is invalid by construction) and no
 * table may change. A route added to a controller is fuzzed without editing this file.
 *
 * Reproduce a run with FUZZ_SEED=<the printed seed>; FUZZ_RUNS changes the number per route.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const CONCURRENCY = 8;

/**
 * Tables left out of the before/after comparison. Empty on purpose: a request the schema refuses
 * is answered before any handler runs, so not even the audit log or the outbox may change.
 */
const TABLES_THAT_MAY_CHANGE = new Set<string>();

/** The first staff role of this order a route admits is the "staff token" it is fuzzed with. */
const STAFF_PREFERENCE: Exclude<Role, 'customer'>[] = ['admin', 'manager', 'optometrist', 'clerk'];

/** Stable per-route seeds: adding a route does not change the inputs of the others. */
function routeSeed(key: string): number {
  let hash = SEED;
  for (const char of key) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

interface Finding {
  route: string;
  caller: string;
  status: number;
  defect: string;
  request: string;
  answer: string;
}

function describeRequest(route: ApiRoute, path: string, input: FuzzRequest): string {
  const payload = input.body?.payload === undefined ? '' : String(input.body.payload).slice(0, 300);
  return `${route.method} ${path.slice(0, 300)} [${input.body?.contentType ?? 'no body'}] ${payload}`;
}

function urlOf(route: ApiRoute, input: FuzzRequest): string {
  const path = fillPath(route.path, input.pathValues);
  const query = new URLSearchParams(input.query).toString();
  return query ? `${path}?${query}` : path;
}

describe('generated fuzzing of every route (OpenAPI → fast-check)', () => {
  let server: TestServer;
  let document: ApiDocument;
  let routes: ApiRoute[];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    server = await startTestServer();
    ({ document, routes } = await apiRoutes(server));
    const factory = new Factory(server);
    const { storeId } = await factory.storeSelling('frames');
    const customer = await factory.member({ consent: true, phone: '13800000001' });
    await factory.child(customer);
    tokens.set('customer', customer.authorization);
    for (const role of STAFF_PREFERENCE) {
      tokens.set(role, (await factory.staff(role, role === 'admin' ? null : storeId)).authorization);
    }
    // Some reads create a per-caller row on first use (GET /me/referral makes the member's code):
    // every GET without parameters is called once with each token first, so that the fuzzing
    // compares states after that first use.
    for (const route of routes.filter((r) => r.method === 'GET' && !r.pathParams.length)) {
      for (const authorization of tokens.values()) {
        await sendRaw(server.baseUrl, 'GET', route.path, { authorization });
      }
    }
    // eslint-disable-next-line no-console
    console.log(
      `fuzz: seed ${SEED}, ${RUNS} inputs per route, ${routes.length} routes (FUZZ_SEED=${SEED} reproduces)`,
    );
  }, 120_000);

  afterAll(async () => {
    closeRawConnections();
    await server?.stop();
  });

  it('refuses the inputs that once answered 500 or passed as ids (found by this fuzzer)', async () => {
    const admin = tokens.get('admin') as string;
    const json = (authorization: string, body: unknown) => ({
      authorization,
      'content-type': 'application/json',
      payload: JSON.stringify(body),
    });
    const customer = tokens.get('customer') as string;
    const cases: [string, string, ReturnType<typeof json> | undefined, number?][] = [
      // A required nested object left out passed @ValidateNested and broke the service.
      [
        'PUT',
        '/api/v1/admin/reminder-rules',
        json(admin, { rules: [], marketingCap: { count: 3, days: 5 } }),
      ],
      [
        'PUT',
        '/api/v1/admin/reminder-rules',
        json(admin, { rules: [], quietHours: { start: '21:00', end: '08:00' } }),
      ],
      [
        'POST',
        '/api/v1/admin/coupon-templates',
        json(admin, {
          name: '满300减50',
          kind: 'amount_off',
          amountOff: 5000,
          scope: {},
          perMemberLimit: 1,
          channel: 'claim',
          stackable: false,
        }),
      ],
      [
        'POST',
        '/api/v1/admin/coupon-templates',
        json(admin, {
          name: '满300减50',
          kind: 'amount_off',
          amountOff: 5000,
          perMemberLimit: 1,
          channel: 'claim',
          stackable: false,
          validity: { days: 30 },
        }),
      ],
      // An array passed @ValidateNested as a nested object (each of its zero elements was valid).
      ['POST', '/api/v1/cart/items?storeId=1', json(customer, { skuId: 1, quantity: 1, lens: [] })],
      // …and an array in a list of objects (answered 404 SKU_NOT_FOUND).
      ['POST', '/api/v1/orders/quote', json(customer, { storeId: 1, items: [[]], fulfilment: 'pickup' })],
      // Nest reads a JSON null body as {}: a PATCH whose fields are all optional answered 200.
      ['PATCH', '/api/v1/me/profiles/1', json(customer, null)],
      // Nest's pipe deleted the keys `prototype` and `constructor` and took the rest: a 200.
      ['PUT', '/api/v1/me/reminder-settings', json(customer, { muted: [], prototype: {} })],
      ['PATCH', '/api/v1/me/profiles/1', json(customer, { name: '小明', constructor: 1 })],
      ['GET', '/api/v1/products?constructor=1', undefined],
      // The global pipe turned path text into a number before IdPipe saw it.
      ['GET', '/api/v1/products/+1', undefined],
      ['GET', '/api/v1/products/%201', undefined],
      ['GET', '/api/v1/products/1e0', undefined],
      ['GET', '/api/v1/products/0x1', undefined],
      // A JSON route took a multipart body as an empty one: the PATCH answered 200, changing nothing.
      [
        'PATCH',
        '/api/v1/me/profiles/1',
        { ...json(customer, { name: '小明' }), 'content-type': 'multipart/form-data; boundary=x' },
        415,
      ],
    ];
    const answers: string[] = [];
    for (const [method, path, request] of cases) {
      const { payload, ...headers } = request ?? { payload: undefined };
      const response = await sendRaw(server.baseUrl, method, path, headers, payload);
      answers.push(`${method} ${path} → ${response.status} ${JSON.parse(response.body).code}`);
    }
    expect(answers).toEqual(
      cases.map(([method, path, , status = 400]) => `${method} ${path} → ${status} VALIDATION_FAILED`),
    );
  });

  it(
    'answers every generated invalid request with a 4xx and changes nothing',
    async () => {
      const serverErrors: Finding[] = [];
      const accepted: Finding[] = [];
      const stateChanges: string[] = [];
      let sent = 0;
      const started = Date.now();

      for (const route of routes) {
        const staffRole =
          route.roles === 'public' ? 'manager' : STAFF_PREFERENCE.find((role) => route.roles.includes(role));
        const callers: [string, string | undefined][] = [
          ['customer', tokens.get('customer')],
          [`staff:${staffRole ?? 'manager'}`, tokens.get(staffRole ?? 'manager')],
          ['no token', undefined],
        ];
        const inputs = fc.sample(invalidRequests(document, route), {
          seed: routeSeed(route.key),
          numRuns: RUNS,
        });
        const before = await databaseState(server, TABLES_THAT_MAY_CHANGE);
        const tasks = inputs.flatMap((input) =>
          callers.map(([caller, authorization]) => async () => {
            const path = urlOf(route, input);
            const headers: Record<string, string> = { ...input.headers };
            if (authorization) headers.authorization = authorization;
            if (input.body?.contentType) headers['content-type'] = input.body.contentType;
            const response = await sendRaw(server.baseUrl, route.method, path, headers, input.body?.payload);
            sent += 1;
            const finding = (): Finding => ({
              route: route.key,
              caller,
              status: response.status,
              defect: input.defect,
              request: describeRequest(route, path, input),
              answer: response.body.slice(0, 300),
            });
            // Node refuses a request line longer than its header limit (431) and closes the socket,
            // which the client may see as a reset while it is still writing the body.
            const tooLong = path.length > MAX_HEADER_BYTES;
            if (tooLong && (response.status === 0 || response.status === 431)) return;
            if (response.status >= 500 || response.status === 0) serverErrors.push(finding());
            else if (response.status < 400 && input.strict !== false) accepted.push(finding());
          }),
        );
        await runPool(tasks, CONCURRENCY);
        const changed = changedTables(before, await databaseState(server, TABLES_THAT_MAY_CHANGE));
        if (changed.length) stateChanges.push(`${route.key}: ${changed.join(', ')}`);
      }

      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      // eslint-disable-next-line no-console
      console.log(
        `fuzz: sent ${sent} requests to ${routes.length} routes in ${seconds} s (seed ${SEED}): ` +
          `${serverErrors.length} answers ≥ 500, ${accepted.length} accepted, ${stateChanges.length} state changes`,
      );
      // FUZZ_REPORT=<file> writes every finding, not only the first ones the assertions show.
      if (process.env.FUZZ_REPORT) {
        writeFileSync(
          process.env.FUZZ_REPORT,
          JSON.stringify({ serverErrors, accepted, stateChanges }, null, 1),
        );
      }
      const show = (findings: Finding[]) =>
        findings
          .slice(0, 40)
          .map((f) => `${f.route} as ${f.caller} (${f.defect}) → ${f.status}\n  ${f.request}\n  ${f.answer}`);
      expect(show(serverErrors)).toEqual([]);
      expect(show(accepted)).toEqual([]);
      expect(stateChanges).toEqual([]);
      expect(sent).toBe(routes.length * RUNS * 3);
    },
    30 * 60_000,
  );
});
