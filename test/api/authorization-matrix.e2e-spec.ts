import { shanghaiDate, type Role } from '@lensloop/shared';
import { apiRoutes, fillPath, type ApiRoute } from '../support/api-routes';
import {
  changedTables,
  closeRawConnections,
  databaseState,
  sendRaw,
  type RawResponse,
} from '../support/db-state';
import { CLAIM_300_OFF_50, Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The authorization matrix, derived from the OpenAPI document and the controllers' `@Roles`:
 * every route is called with no token and with each role; every route taking an id has an entry
 * in OWNERSHIP saying how another member's or another store's access to it is exercised. A new
 * route is covered by the role rows without editing this file; a new route with an id fails the
 * last test until it has an OWNERSHIP entry.
 */
const ROLES: Role[] = ['customer', 'clerk', 'optometrist', 'manager', 'admin'];
/**
 * Public callbacks that authenticate by their protocol's signature instead of a token: unsigned,
 * WeChat Pay's notify answers 401 and WeCom's callback 403, as their protocols expect.
 */
const SIGNED_CALLBACKS = new Set([
  'POST /api/v1/payments/wechat/notify',
  'GET /api/v1/wecom/callback',
  'POST /api/v1/wecom/callback',
]);

/** Refused callers leave every table as it was, the audit log included. */
const NOTHING_EXCLUDED = new Set<string>();

/** An id no table reaches in this test's fresh database. */
const ABSENT_ID = 2_147_483_000;

interface Actors {
  alice: MemberFixture;
  bob: MemberFixture;
  storeA: number;
  storeB: number;
  skuA: number;
  staffA: Record<Exclude<Role, 'customer'>, StaffFixture>;
  managerB: StaffFixture;
  optometristB: StaffFixture;
}

/** What an owned resource looks like to the test: the path to it and how its owner reaches it. */
interface Owned {
  pathValues: Record<string, number>;
  /** A query string the route needs, `?kind=add`. */
  query?: string;
  body?: unknown;
  /** The owner's (or own store's staff's) answer, proving the fixture is what the route serves. */
  ownerStatus: number;
}

type OwnershipEntry =
  /** A member's resource: another member must get 404 and nothing may change. */
  | { kind: 'member'; make: (actors: Actors) => Promise<Owned> }
  /**
   * A store's resource: its own store's `staff` gets `ownerStatus`, a manager of another store
   * gets `foreignStatus` (404 where the resource is hidden, 403 where the store is named in the
   * path) and nothing may change.
   */
  | {
      kind: 'store';
      staff: Exclude<Role, 'customer'>;
      foreignStatus: 403 | 404 | 422;
      make: (actors: Actors) => Promise<Owned>;
    }
  /** Chain-wide or public: there is no other member or store to hide it from (`why`). */
  | { kind: 'no owner'; why: string }
  /** Only the role rows cover it here; the other-owner check is named in the report as missing. */
  | { kind: 'roles only'; why: string };

let server: TestServer;
let factory: Factory;

async function call(
  method: string,
  path: string,
  authorization?: string,
  body?: unknown,
): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  if (authorization) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return sendRaw(
    server.baseUrl,
    method,
    path,
    headers,
    body === undefined ? undefined : JSON.stringify(body),
  );
}

/**
 * The tables' checksums once the after-commit work of the fixtures (outbox deliveries, reminder
 * scheduling) has finished: two equal snapshots 150 ms apart.
 */
async function settledState(): Promise<Map<string, string>> {
  let state = await databaseState(server, NOTHING_EXCLUDED);
  for (let attempt = 0; attempt < 40; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const next = await databaseState(server, NOTHING_EXCLUDED);
    if (changedTables(state, next).length === 0) return next;
    state = next;
  }
  throw new Error('the database kept changing for 6 s');
}

async function childOf(member: MemberFixture): Promise<number> {
  return factory.child(member);
}

async function prescriptionOf(actors: Actors, member: MemberFixture): Promise<number> {
  const response = await call(
    'POST',
    `/api/v1/staff/customers/${member.memberId}/prescriptions`,
    actors.staffA.optometrist.authorization,
    {
      kind: 'distance',
      examDate: '2026-10-01',
      od: { sphere: -125, cylinder: -50, axis: 180 },
      os: { sphere: -100, cylinder: 0 },
      pd: { binocular: 630 },
    },
  );
  if (response.status !== 201)
    throw new Error(`recording a prescription answered ${response.status} ${response.body}`);
  return JSON.parse(response.body).id as number;
}

async function orderOf(actors: Actors, member: MemberFixture): Promise<number> {
  const response = await call('POST', '/api/v1/orders', member.authorization, {
    storeId: actors.storeA,
    items: [{ skuId: actors.skuA, quantity: 1 }],
    fulfilment: 'pickup',
  });
  if (response.status !== 201) throw new Error(`ordering answered ${response.status} ${response.body}`);
  return JSON.parse(response.body).id as number;
}

async function cartLineOf(actors: Actors, member: MemberFixture): Promise<number> {
  const response = await call('POST', '/api/v1/cart/items', member.authorization, {
    skuId: actors.skuA,
    quantity: 1,
  });
  if (response.status !== 201)
    throw new Error(`adding to the cart answered ${response.status} ${response.body}`);
  const cart = JSON.parse(response.body) as { items: { id: number }[] };
  return cart.items[cart.items.length - 1].id;
}

async function appointmentOf(actors: Actors, member: MemberFixture): Promise<number> {
  const tomorrow = shanghaiDate(new Date(Date.now() + 24 * 3600 * 1000));
  const slots = await call(
    'GET',
    `/api/v1/stores/${actors.storeA}/appointment-slots?date=${tomorrow}&service=exam`,
  );
  const free = (JSON.parse(slots.body) as { start: string; available: number }[]).filter(
    (slot) => slot.available > 0,
  );
  for (const slot of free) {
    const response = await call('POST', '/api/v1/appointments', member.authorization, {
      storeId: actors.storeA,
      start: slot.start,
      service: 'exam',
    });
    if (response.status === 201) return JSON.parse(response.body).id as number;
  }
  throw new Error('no free appointment slot tomorrow');
}

/** A free start of tomorrow at store A other than `except`. */
async function freeStart(actors: Actors, except?: string): Promise<string> {
  const tomorrow = shanghaiDate(new Date(Date.now() + 24 * 3600 * 1000));
  const slots = await call(
    'GET',
    `/api/v1/stores/${actors.storeA}/appointment-slots?date=${tomorrow}&service=exam`,
  );
  const free = (JSON.parse(slots.body) as { start: string; available: number }[]).find(
    (slot) => slot.available > 0 && slot.start !== except,
  );
  if (!free) throw new Error('no free appointment slot tomorrow');
  return free.start;
}

async function couponOf(actors: Actors, member: MemberFixture): Promise<number> {
  const template = await call('POST', '/api/v1/admin/coupon-templates', actors.staffA.admin.authorization, {
    ...CLAIM_300_OFF_50,
  });
  if (template.status !== 201)
    throw new Error(`creating a template answered ${template.status} ${template.body}`);
  const claim = await call(
    'POST',
    `/api/v1/coupons/${JSON.parse(template.body).id}/claim`,
    member.authorization,
  );
  if (claim.status !== 201) throw new Error(`claiming answered ${claim.status} ${claim.body}`);
  return JSON.parse(claim.body).id as number;
}

/** A submitted trade-in of `member` brought to store A, with its one photo. */
async function tradeInOf(actors: Actors, member: MemberFixture): Promise<{ id: number; photoId: number }> {
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(64, 3),
  ]);
  const multipart = Buffer.concat([
    Buffer.from(
      '------matrix\r\nContent-Disposition: form-data; name="file"; filename="side.png"\r\n' +
        'Content-Type: image/png\r\n\r\n',
    ),
    png,
    Buffer.from('\r\n------matrix--\r\n'),
  ]);
  const upload = await sendRaw(
    server.baseUrl,
    'POST',
    '/api/v1/trade-ins/photos',
    { authorization: member.authorization, 'content-type': 'multipart/form-data; boundary=----matrix' },
    multipart,
  );
  if (upload.status !== 201) throw new Error(`uploading answered ${upload.status} ${upload.body}`);
  const photoId = JSON.parse(upload.body).id as number;
  const submitted = await call('POST', '/api/v1/trade-ins', member.authorization, {
    category: 'optical',
    material: 'titanium',
    brandTier: 'luxury',
    ageYears: 0,
    condition: 'like_new',
    storeId: actors.storeA,
    photoIds: [photoId],
  });
  if (submitted.status !== 201) throw new Error(`submitting answered ${submitted.status} ${submitted.body}`);
  return { id: JSON.parse(submitted.body).id as number, photoId };
}

/** Every route with a path parameter, by `METHOD path`. */
const OWNERSHIP: Record<string, OwnershipEntry> = {
  'PATCH /api/v1/me/profiles/{profileId}': {
    kind: 'member',
    make: async (actors) => ({
      pathValues: { profileId: await childOf(actors.alice) },
      body: { name: '小红' },
      ownerStatus: 200,
    }),
  },
  'GET /api/v1/me/profiles/{id}/myopia-trend': {
    kind: 'member',
    make: async (actors) => ({ pathValues: { id: await childOf(actors.alice) }, ownerStatus: 200 }),
  },
  'GET /api/v1/me/prescriptions/{id}': {
    kind: 'member',
    make: async (actors) => ({
      pathValues: { id: await prescriptionOf(actors, actors.alice) },
      ownerStatus: 200,
    }),
  },
  'GET /api/v1/orders/{id}': {
    kind: 'member',
    make: async (actors) => ({ pathValues: { id: await orderOf(actors, actors.alice) }, ownerStatus: 200 }),
  },
  'POST /api/v1/orders/{id}/cancel': {
    kind: 'member',
    make: async (actors) => ({ pathValues: { id: await orderOf(actors, actors.alice) }, ownerStatus: 200 }),
  },
  'POST /api/v1/orders/{id}/pay': {
    kind: 'member',
    make: async (actors) => ({ pathValues: { id: await orderOf(actors, actors.alice) }, ownerStatus: 200 }),
  },
  'POST /api/v1/orders/{id}/refund-request': {
    kind: 'member',
    // Unpaid, so the owner is told it cannot be refunded yet; another member must not learn even that.
    make: async (actors) => ({
      pathValues: { id: await orderOf(actors, actors.alice) },
      body: { note: '不合适' },
      ownerStatus: 409,
    }),
  },
  'PATCH /api/v1/cart/items/{id}': {
    kind: 'member',
    make: async (actors) => ({
      pathValues: { id: await cartLineOf(actors, actors.alice) },
      body: { quantity: 2 },
      ownerStatus: 200,
    }),
  },
  'DELETE /api/v1/cart/items/{id}': {
    kind: 'member',
    make: async (actors) => ({
      pathValues: { id: await cartLineOf(actors, actors.alice) },
      ownerStatus: 200,
    }),
  },
  'GET /api/v1/stores/{id}': { kind: 'no owner', why: 'public store directory' },
  'GET /api/v1/products/{id}': { kind: 'no owner', why: 'public catalogue' },
  'GET /api/v1/stores/{storeId}/appointment-slots': { kind: 'no owner', why: 'public slot calendar' },
  'GET /api/v1/referral-qr/{file}': { kind: 'no owner', why: 'public invitation image, by unguessable code' },
  'GET /api/v1/groups/{groupId}': { kind: 'no owner', why: 'public group page shared to invite friends' },
  'POST /api/v1/groups/{groupId}/join': { kind: 'no owner', why: 'any member may join an open group' },
  'POST /api/v1/group-buys/{campaignId}/groups': { kind: 'no owner', why: 'chain-wide campaign' },
  'POST /api/v1/coupons/{templateId}/claim': { kind: 'no owner', why: 'chain-wide coupon template' },
  'POST /api/v1/dev/jobs/{name}/run': {
    kind: 'no owner',
    why: 'dev/test facility, not mounted in production',
  },
  'POST /api/v1/admin/outbox/{id}/retry': { kind: 'no owner', why: 'HQ admin only, chain-wide' },
  'PATCH /api/v1/admin/coupon-templates/{id}': { kind: 'no owner', why: 'HQ admin only, chain-wide' },
  'POST /api/v1/admin/coupon-templates/{id}/issue': { kind: 'no owner', why: 'HQ admin only, chain-wide' },
  'GET /api/v1/admin/jobs/{jobId}': { kind: 'no owner', why: 'HQ admin only, chain-wide' },
  'PATCH /api/v1/admin/group-buy-campaigns/{id}': { kind: 'no owner', why: 'HQ admin only, chain-wide' },
  'GET /api/v1/admin/segments/{id}/count': { kind: 'no owner', why: 'HQ admin only, chain-wide' },
  'PUT /api/v1/admin/communities/{id}': { kind: 'no owner', why: 'HQ admin only, chain-wide' },
  'GET /api/v1/staff/customers/{memberId}': {
    kind: 'no owner',
    why: 'members belong to the chain; every store serves them (prescription reads are audited below)',
  },
  'GET /api/v1/staff/customers/{memberId}/prescriptions/latest': {
    kind: 'no owner',
    why: 'chain-wide desk lookup, audit-logged: see the audit test below',
  },
  'POST /api/v1/staff/customers/{memberId}/prescriptions': {
    kind: 'no owner',
    why: 'any store may record an exam',
  },
  'GET /api/v1/staff/customers/{memberId}/orders': {
    kind: 'no owner',
    why: 'members belong to the chain and any store serves them (GET /staff/customers/:memberId shows orders, owner, tags)',
  },
  'GET /api/v1/staff/orders/{id}': {
    kind: 'store',
    staff: 'clerk',
    foreignStatus: 404,
    make: async (actors) => ({ pathValues: { id: await orderOf(actors, actors.alice) }, ownerStatus: 200 }),
  },
  'POST /api/v1/staff/orders/{id}/transition': {
    kind: 'store',
    staff: 'manager',
    foreignStatus: 404,
    // Unpaid: its own store is told the move is not allowed; another store must not learn it exists.
    make: async (actors) => ({
      pathValues: { id: await orderOf(actors, actors.alice) },
      body: { to: 'ready_for_pickup' },
      ownerStatus: 409,
    }),
  },
  'POST /api/v1/staff/orders/{id}/refunds': {
    kind: 'store',
    staff: 'manager',
    foreignStatus: 404,
    make: async (actors) => ({
      pathValues: { id: await orderOf(actors, actors.alice) },
      body: {},
      ownerStatus: 409,
    }),
  },
  'GET /api/v1/me/coupons/{id}/code': {
    kind: 'member',
    make: async (actors) => ({ pathValues: { id: await couponOf(actors, actors.alice) }, ownerStatus: 200 }),
  },
  'GET /api/v1/trade-in-photos/{id}': {
    kind: 'member',
    make: async (actors) => ({
      pathValues: { id: (await tradeInOf(actors, actors.alice)).photoId },
      ownerStatus: 200,
    }),
  },
  'GET /api/v1/me/trade-ins/{id}': {
    kind: 'member',
    make: async (actors) => ({
      pathValues: { id: (await tradeInOf(actors, actors.alice)).id },
      ownerStatus: 200,
    }),
  },
  'POST /api/v1/trade-ins/{id}/cancel': {
    kind: 'member',
    make: async (actors) => ({
      pathValues: { id: (await tradeInOf(actors, actors.alice)).id },
      ownerStatus: 200,
    }),
  },
  'GET /api/v1/staff/trade-ins/{id}': {
    kind: 'store',
    staff: 'clerk',
    foreignStatus: 404,
    make: async (actors) => ({
      pathValues: { id: (await tradeInOf(actors, actors.alice)).id },
      ownerStatus: 200,
    }),
  },
  'POST /api/v1/staff/trade-ins/{id}/inspect': {
    kind: 'store',
    staff: 'clerk',
    foreignStatus: 404,
    make: async (actors) => ({
      pathValues: { id: (await tradeInOf(actors, actors.alice)).id },
      body: { finalAmount: 30_000, note: '轻微划痕' },
      ownerStatus: 200,
    }),
  },
  'POST /api/v1/staff/trade-ins/{id}/reject': {
    kind: 'store',
    staff: 'clerk',
    foreignStatus: 404,
    make: async (actors) => ({
      pathValues: { id: (await tradeInOf(actors, actors.alice)).id },
      body: { reason: '镜框断裂' },
      ownerStatus: 200,
    }),
  },
  'POST /api/v1/appointments/{id}/cancel': {
    kind: 'member',
    make: async (actors) => ({
      pathValues: { id: await appointmentOf(actors, actors.alice) },
      ownerStatus: 200,
    }),
  },
  'POST /api/v1/appointments/{id}/reschedule': {
    kind: 'member',
    make: async (actors) => {
      const id = await appointmentOf(actors, actors.alice);
      const booked = await call('GET', '/api/v1/me/appointments', actors.alice.authorization);
      const start = (JSON.parse(booked.body).items as { id: number; start: string }[]).find(
        (a) => a.id === id,
      )?.start;
      return { pathValues: { id }, body: { start: await freeStart(actors, start) }, ownerStatus: 200 };
    },
  },
  'POST /api/v1/staff/appointments/{id}/no-show': {
    kind: 'store',
    staff: 'clerk',
    foreignStatus: 404,
    // Tomorrow's: its own store is told it has not begun; another store must not learn it exists.
    make: async (actors) => ({
      pathValues: { id: await appointmentOf(actors, actors.alice) },
      ownerStatus: 409,
    }),
  },
  'GET /api/v1/admin/stores/{storeId}/appointment-settings': {
    kind: 'store',
    staff: 'manager',
    foreignStatus: 404,
    make: async (actors) => ({ pathValues: { storeId: actors.storeA }, ownerStatus: 200 }),
  },
  'PUT /api/v1/admin/stores/{storeId}/appointment-settings': {
    kind: 'store',
    staff: 'manager',
    foreignStatus: 403,
    make: async (actors) => ({
      pathValues: { storeId: actors.storeA },
      body: { slotMinutes: 30, perOptometrist: 1 },
      ownerStatus: 200,
    }),
  },
  'GET /api/v1/admin/stores/{storeId}/qrcode': {
    kind: 'store',
    staff: 'manager',
    foreignStatus: 404,
    make: async (actors) => ({
      pathValues: { storeId: actors.storeA },
      query: '?kind=add',
      ownerStatus: 200,
    }),
  },
  'POST /api/v1/staff/customers/{memberId}/tags': {
    kind: 'no owner',
    why: 'members belong to the chain and any store serves them (GET /staff/customers/:memberId shows orders, owner, tags)',
  },
  'DELETE /api/v1/staff/customers/{memberId}/tags/{tagId}': {
    kind: 'roles only',
    why: 'a tag id under another member answers 404 in tags.e2e-spec.ts; members are chain-wide',
  },
  'GET /api/v1/staff/customers/{memberId}/owner': {
    kind: 'no owner',
    why: 'members belong to the chain and any store serves them (GET /staff/customers/:memberId shows orders, owner, tags)',
  },
  'GET /api/v1/admin/staff/{staffId}/customers': {
    kind: 'store',
    staff: 'manager',
    // Another store's staff member is refused like any staff member a manager may not manage.
    foreignStatus: 422,
    make: async (actors) => ({ pathValues: { staffId: actors.staffA.clerk.id }, ownerStatus: 200 }),
  },
  'POST /api/v1/staff/tasks/{id}/done': {
    kind: 'roles only',
    why: 'another staff member’s 404 is asserted in staff-tasks.e2e-spec.ts (a task needs a delivered reminder)',
  },
  'POST /api/v1/staff/tasks/{id}/snooze': {
    kind: 'roles only',
    why: 'another staff member’s 404 is asserted in staff-tasks.e2e-spec.ts (a task needs a delivered reminder)',
  },
  'POST /api/v1/me/inbox/{id}/read': {
    kind: 'roles only',
    why: 'another member’s 404 is asserted in reminders.e2e-spec.ts (an item needs a delivered message)',
  },
};

/** Path values that name nothing: past the guard a route can only answer 4xx. */
function absentPath(route: ApiRoute): string {
  const values: Record<string, string | number> = {};
  for (const parameter of route.pathParams) {
    values[parameter.name] = parameter.schema.type === 'string' ? 'ABSENT00.png' : ABSENT_ID;
  }
  return fillPath(route.path, values);
}

describe('authorization matrix of every route (OpenAPI + @Roles)', () => {
  let routes: ApiRoute[];
  let actors: Actors;
  let tokens: Record<Role, string>;
  let sent = 0;

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    ({ routes } = await apiRoutes(server));
    const { storeId: storeA, skuId: skuA } = await factory.storeSelling('frames');
    const storeB = (await factory.store()).id;
    actors = {
      alice: await factory.member({ consent: true, phone: '13800000011' }),
      bob: await factory.member({ consent: true, phone: '13800000012' }),
      storeA,
      storeB,
      skuA,
      staffA: {
        clerk: await factory.staff('clerk', storeA),
        optometrist: await factory.staff('optometrist', storeA),
        manager: await factory.staff('manager', storeA),
        admin: await factory.staff('admin', null),
      },
      managerB: await factory.staff('manager', storeB),
      optometristB: await factory.staff('optometrist', storeB),
    };
    tokens = {
      customer: actors.bob.authorization,
      clerk: actors.staffA.clerk.authorization,
      optometrist: actors.staffA.optometrist.authorization,
      manager: actors.staffA.manager.authorization,
      admin: actors.staffA.admin.authorization,
    };
  }, 120_000);

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(`authorization matrix: sent ${sent} requests over ${routes?.length} routes`);
    closeRawConnections();
    await server?.stop();
  });

  async function send(
    method: string,
    path: string,
    authorization?: string,
    body?: unknown,
  ): Promise<RawResponse> {
    sent += 1;
    return call(method, path, authorization, body);
  }

  it('answers 401 to every protected route without a token, and no public route asks for one', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const response = await send(route.method, absentPath(route));
      const protectedRoute = route.roles !== 'public';
      if (protectedRoute && response.status !== 401)
        wrong.push(`${route.key} → ${response.status}, expected 401`);
      const refusedBySignature = SIGNED_CALLBACKS.has(route.key) && response.status < 500;
      if (
        !protectedRoute &&
        !refusedBySignature &&
        (response.status === 401 || response.status === 403 || response.status >= 500)
      ) {
        wrong.push(`${route.key} (public) → ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to each role a route does not admit and lets each admitted role past the guard', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      if (route.roles === 'public') continue;
      for (const role of ROLES) {
        // A route without parameters or body that changes state (DELETE /me) gets a throwaway caller.
        const throwaway = route.method !== 'GET' && !route.pathParams.length && !route.body;
        const admitted = route.roles.includes(role);
        let authorization = tokens[role];
        if (throwaway && admitted) {
          authorization =
            role === 'customer'
              ? (await factory.member()).authorization
              : (await factory.staff(role, role === 'admin' ? null : actors.storeA)).authorization;
        }
        const response = await send(route.method, absentPath(route), authorization);
        const code = response.body.startsWith('{')
          ? (JSON.parse(response.body) as { code?: string }).code
          : '';
        if (!admitted && !(response.status === 403 && code === 'FORBIDDEN')) {
          wrong.push(`${route.key} as ${role} → ${response.status} ${code}, expected 403 FORBIDDEN`);
        }
        if (admitted && (response.status === 401 || response.status >= 500 || code === 'FORBIDDEN')) {
          wrong.push(`${route.key} as admitted ${role} → ${response.status} ${code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has an ownership entry for every route that takes an id (a new one must add its own)', () => {
    const missing = routes
      .filter((route) => route.pathParams.length && !OWNERSHIP[route.key])
      .map((r) => r.key);
    const stale = Object.keys(OWNERSHIP).filter((key) => !routes.some((route) => route.key === key));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it("answers 404 to another member for each member's resource, and changes nothing", async () => {
    const wrong: string[] = [];
    let exercised = 0;
    for (const route of routes) {
      const entry = OWNERSHIP[route.key];
      if (entry?.kind !== 'member') continue;
      exercised += 1;
      const owned = await entry.make(actors);
      const path = fillPath(route.path, owned.pathValues) + (owned.query ?? '');
      const before = await settledState();
      const foreign = await send(route.method, path, actors.bob.authorization, owned.body);
      if (foreign.status !== 404)
        wrong.push(`${route.key} as another member → ${foreign.status} ${foreign.body}`);
      // Staff: refused by role (403), or where the route admits staff, hidden from another store (404).
      const staffExpected = route.roles !== 'public' && route.roles.includes('manager') ? 404 : 403;
      const staff = await send(route.method, path, actors.managerB.authorization, owned.body);
      if (staff.status !== staffExpected) {
        wrong.push(`${route.key} as another store's manager → ${staff.status}, expected ${staffExpected}`);
      }
      const changed = changedTables(before, await settledState());
      if (changed.length) wrong.push(`${route.key}: refused callers changed ${changed.join(', ')}`);
      // The owner still gets the designed answer afterwards: the resource was neither hidden nor changed.
      const own = await send(route.method, path, actors.alice.authorization, owned.body);
      if (own.status !== owned.ownerStatus) {
        wrong.push(`${route.key} as its owner → ${own.status}, expected ${owned.ownerStatus}: ${own.body}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(exercised).toBeGreaterThanOrEqual(15);
  });

  it("answers another store's manager as designed for each store's resource, and changes nothing", async () => {
    const wrong: string[] = [];
    let exercised = 0;
    for (const route of routes) {
      const entry = OWNERSHIP[route.key];
      if (entry?.kind !== 'store') continue;
      exercised += 1;
      const owned = await entry.make(actors);
      const path = fillPath(route.path, owned.pathValues) + (owned.query ?? '');
      const before = await settledState();
      const foreign = await send(route.method, path, actors.managerB.authorization, owned.body);
      if (foreign.status !== entry.foreignStatus) {
        wrong.push(
          `${route.key} as another store's manager → ${foreign.status}, expected ${entry.foreignStatus}: ${foreign.body}`,
        );
      }
      const customer = await send(route.method, path, actors.bob.authorization, owned.body);
      if (customer.status !== 403) wrong.push(`${route.key} as a customer → ${customer.status}`);
      const changed = changedTables(before, await settledState());
      if (changed.length) wrong.push(`${route.key}: refused callers changed ${changed.join(', ')}`);
      const own = await send(route.method, path, actors.staffA[entry.staff].authorization, owned.body);
      if (own.status !== owned.ownerStatus) {
        wrong.push(
          `${route.key} as its store's ${entry.staff} → ${own.status}, expected ${owned.ownerStatus}: ${own.body}`,
        );
      }
    }
    expect(wrong).toEqual([]);
    expect(exercised).toBeGreaterThanOrEqual(11);
  });

  it('writes one audit row per staff prescription read, by any store, and none for refused ones', async () => {
    const member = await factory.member({ consent: true, phone: '13800000013' });
    await prescriptionOf(actors, member);
    const path = `/api/v1/staff/customers/${member.memberId}/prescriptions/latest?reason=lens%20order`;
    const auditRows = async (): Promise<number> => {
      const rows: { n: string | number }[] = await server.dataSource.query(
        'SELECT COUNT(*) AS n FROM audit_log WHERE member_id = ?',
        [member.memberId],
      );
      return Number(rows[0].n);
    };
    const before = await auditRows();
    expect((await send('GET', path)).status).toBe(401);
    expect((await send('GET', path, actors.bob.authorization)).status).toBe(403);
    expect((await send('GET', path, actors.staffA.admin.authorization)).status).toBe(403);
    expect(await auditRows()).toBe(before);
    expect((await send('GET', path, actors.staffA.clerk.authorization)).status).toBe(200);
    expect((await send('GET', path, actors.optometristB.authorization)).status).toBe(200);
    expect(await auditRows()).toBe(before + 2);
    // Another member's own list does not show it, nor does their access log.
    const foreign = await send('GET', `/api/v1/me/prescriptions`, actors.bob.authorization);
    expect(JSON.parse(foreign.body).total).toBe(0);
  });
});
