import type { ArrivalResult, CustomerOwnership, StaffQrCode } from '@lensloop/shared';
import request from 'supertest';
import { Factory, uniqueName, type StaffFixture, type StoreFixture } from '../support/factories';
import { placeOrder } from '../support/orders';
import { advanceClock, resetClock, runJob, waitFor } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

interface Customer {
  memberId: number;
  authorization: string;
}

/** Owner staff and transfers, add-me / regional / counter codes and the welcome flow (MariaDB). */
describe('customers (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let shanghai: StoreFixture;
  let beijing: StoreFixture;
  let admin: StaffFixture;
  let manager: StaffFixture;
  let clerk1: StaffFixture;
  let clerk2: StaffFixture;
  let clerk3: StaffFixture;
  let beijingClerk: StaffFixture;
  let disabledClerk: StaffFixture;
  let registerTemplateId: number;
  let buyTemplateId: number;
  let skuId: number;

  const api = () => request(server.baseUrl);
  const as = (authorization: string, call: request.Test) => call.set('authorization', authorization);

  async function settleEvents(): Promise<void> {
    await waitFor(async () => {
      await runJob(server.baseUrl, 'outbox');
      const [row] = await server.dataSource.query(
        'SELECT COUNT(*) AS n FROM outbox_events WHERE delivered_at IS NULL AND dead_at IS NULL',
      );
      return Number(row.n) === 0;
    });
  }

  async function welcomeTemplate(name: string, amountOff: number): Promise<number> {
    const created = await as(admin.authorization, api().post('/api/v1/admin/coupon-templates'))
      .send({
        name,
        kind: 'amount_off',
        amountOff,
        scope: {},
        perMemberLimit: 1,
        validity: { days: 30 },
        channel: 'welcome',
        stackable: false,
      })
      .expect(201);
    return created.body.id as number;
  }

  async function login(scene?: string): Promise<Customer> {
    const response = await api()
      .post('/api/v1/auth/wechat/login')
      .send({ code: `dev-${uniqueName('customer')}`, ...(scene ? { scene } : {}) })
      .expect(200);
    return { memberId: response.body.member.id, authorization: `Bearer ${response.body.token}` };
  }

  async function arrive(customer: Customer, body: object, status = 200): Promise<ArrivalResult> {
    const response = await as(customer.authorization, api().post('/api/v1/me/arrivals'))
      .send(body)
      .expect(status);
    return response.body;
  }

  async function couponTemplatesOf(customer: Customer): Promise<number[]> {
    const coupons = await as(customer.authorization, api().get('/api/v1/me/coupons')).expect(200);
    return (coupons.body as { templateId: number }[]).map((coupon) => coupon.templateId).sort();
  }

  async function ownership(memberId: number): Promise<CustomerOwnership> {
    const response = await as(
      clerk1.authorization,
      api().get(`/api/v1/staff/customers/${memberId}/owner`),
    ).expect(200);
    return response.body;
  }

  async function ownerOf(memberId: number): Promise<number | null> {
    const [row] = await server.dataSource.query('SELECT owner_staff_id AS owner FROM members WHERE id = ?', [
      memberId,
    ]);
    return row.owner === null ? null : Number(row.owner);
  }

  async function eventsOf(type: string, memberId: number): Promise<Record<string, unknown>[]> {
    const rows: { payload: string }[] = await server.dataSource.query(
      'SELECT payload FROM outbox_events WHERE type = ? AND aggregate_id = ? ORDER BY id',
      [type, String(memberId)],
    );
    return rows.map((row) => JSON.parse(row.payload) as Record<string, unknown>);
  }

  async function customerOf(staff: StaffFixture): Promise<Customer> {
    const customer = await factory.member({
      phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    });
    await arrive(customer, { scene: `s:${staff.id}` });
    return customer;
  }

  async function historyCount(): Promise<number> {
    const [row] = await server.dataSource.query('SELECT COUNT(*) AS n FROM owner_changes');
    return Number(row.n);
  }

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    shanghai = await factory.store({ city: 'Shanghai', lat: 31.2304, lng: 121.4737 });
    beijing = await factory.store({ city: 'Beijing', lat: 39.9042, lng: 116.4074 });
    admin = await factory.staff('admin', null);
    manager = await factory.staff('manager', shanghai.id);
    clerk1 = await factory.staff('clerk', shanghai.id, '王小明');
    clerk2 = await factory.staff('clerk', shanghai.id, '李娜');
    clerk3 = await factory.staff('optometrist', shanghai.id, '张伟');
    beijingClerk = await factory.staff('clerk', beijing.id);
    disabledClerk = await factory.staff('clerk', shanghai.id);
    await server.dataSource.query('UPDATE staff SET active = 0 WHERE id = ?', [disabledClerk.id]);
    skuId = (await factory.sku('frames', { storeId: shanghai.id, quantity: 1_000, price: 30_000 })).id;
    registerTemplateId = await welcomeTemplate('扫码注册礼 ¥30', 3_000);
    buyTemplateId = await welcomeTemplate('到店礼 ¥50', 5_000);
    await as(admin.authorization, api().put('/api/v1/admin/welcome-rules'))
      .send({ unregisteredTemplateId: registerTemplateId, registeredTemplateId: buyTemplateId })
      .expect(200);
  });

  afterAll(async () => {
    await server?.stop();
  });

  describe('codes and the welcome flow', () => {
    it('should give the staff member an add-me mini-program code with their scene', async () => {
      const response = await as(clerk1.authorization, api().get('/api/v1/staff/me/qrcode')).expect(200);
      const code = response.body as StaffQrCode;
      expect(code).toMatchObject({ staffId: clerk1.id, scene: `s:${clerk1.id}`, page: 'pages/index/index' });
      const png = Buffer.from(code.image.replace(/^data:image\/png;base64,/, ''), 'base64');
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // The fake WeChat writes the scene it was asked for into the image.
      expect(png.toString('latin1')).toContain(`scene=s:${clerk1.id}&page=pages/index/index`);
    });

    it("should give a store's add-me and counter codes to its manager only", async () => {
      const add = await as(
        manager.authorization,
        api().get(`/api/v1/admin/stores/${shanghai.id}/qrcode?kind=add`),
      ).expect(200);
      expect(add.body).toMatchObject({ scene: `st:${shanghai.id}`, staffId: 0 });
      const counter = await as(
        admin.authorization,
        api().get(`/api/v1/admin/stores/${beijing.id}/qrcode?kind=counter`),
      ).expect(200);
      expect(Buffer.from(counter.body.image.split(',')[1], 'base64').toString('latin1')).toContain(
        `scene=c:${beijing.id}`,
      );
      const foreign = await as(
        manager.authorization,
        api().get(`/api/v1/admin/stores/${beijing.id}/qrcode?kind=add`),
      ).expect(404);
      expect(foreign.body.code).toBe('STORE_NOT_FOUND');
      await as(
        manager.authorization,
        api().get(`/api/v1/admin/stores/${shanghai.id}/qrcode?kind=door`),
      ).expect(400);
      await as(clerk1.authorization, api().get(`/api/v1/admin/stores/${shanghai.id}/qrcode?kind=add`)).expect(
        403,
      );
    });

    it('should make a first login through a staff code that staff member’s customer, with the register coupon once', async () => {
      const customer = await login(`s:${clerk1.id}`);
      await settleEvents();
      expect(await ownerOf(customer.memberId)).toBe(clerk1.id);
      // Not registered yet (no phone): the invite-to-register coupon, not the invite-to-buy one.
      expect(await couponTemplatesOf(customer)).toEqual([registerTemplateId]);
      const added = await eventsOf('CustomerAdded', customer.memberId);
      expect(added).toEqual([
        expect.objectContaining({
          ownerStaffId: clerk1.id,
          storeId: shanghai.id,
          channel: 'staff_qr',
          registered: false,
        }),
      ]);
      // The mini-program reports the same scan again: nothing more is issued.
      const again = await arrive(customer, { scene: `s:${clerk1.id}` });
      expect(again).toMatchObject({
        kind: 'staff',
        added: false,
        ownerStaff: { id: clerk1.id, name: '王小明' },
      });
      await settleEvents();
      expect(await couponTemplatesOf(customer)).toEqual([registerTemplateId]);
      expect(await eventsOf('CustomerAdded', customer.memberId)).toHaveLength(1);
      const card = await ownership(customer.memberId);
      expect(card.owner).toEqual({ id: clerk1.id, name: '王小明' });
      expect(card.addedVia).toMatchObject({ channel: 'staff_qr', storeId: shanghai.id });
      expect(card.history).toEqual([
        expect.objectContaining({
          from: null,
          to: { id: clerk1.id, name: '王小明' },
          reason: 'first_contact',
          changedBy: null,
        }),
      ]);
      const me = await as(customer.authorization, api().get('/api/v1/me')).expect(200);
      expect(me.body.ownerStaff).toEqual({ id: clerk1.id, name: '王小明' });

      // The welcome message, naming the coupon, waits in the inbox (the reminders module's notice).
      await runJob(server.baseUrl, 'reminders');
      const inbox = await as(customer.authorization, api().get('/api/v1/me/inbox')).expect(200);
      expect(inbox.body.items).toEqual([
        expect.objectContaining({ kind: 'welcome', category: 'transactional' }),
      ]);
      expect(inbox.body.items[0].body).toContain('扫码注册礼 ¥30');
    });

    it('should give a registered customer scanning a staff code the invite-to-buy coupon', async () => {
      const customer = await factory.member({ phone: '13900001111' });
      await settleEvents();
      const result = await arrive(customer, { scene: `s:${clerk2.id}` });
      expect(result).toMatchObject({
        kind: 'staff',
        added: true,
        storeId: shanghai.id,
        ownerStaff: { id: clerk2.id },
      });
      expect(result.welcomeCouponId).toEqual(expect.any(Number));
      expect(await couponTemplatesOf(customer)).toEqual([buyTemplateId]);
      expect((await eventsOf('CustomerAdded', customer.memberId))[0]).toMatchObject({
        registered: true,
        welcomeCouponId: result.welcomeCouponId,
      });
    });

    it("should keep the first owner when the customer later scans another staff member's code", async () => {
      const customer = await customerOf(clerk1);
      const result = await arrive(customer, { scene: `s:${clerk2.id}` });
      expect(result).toMatchObject({ added: false, ownerStaff: { id: clerk1.id } });
      expect(await ownerOf(customer.memberId)).toBe(clerk1.id);
    });

    it('should send a regional code to the store nearest the customer and record the region', async () => {
      const nearBeijing = await login();
      const result = await arrive(nearBeijing, { scene: 'r:ad2026', lat: 39.95, lng: 116.35 });
      expect(result).toMatchObject({
        kind: 'regional',
        storeId: beijing.id,
        regionCode: 'ad2026',
        added: true,
        ownerStaff: null,
      });
      const nearShanghai = await login();
      const other = await arrive(nearShanghai, { scene: 'r:ad2026', lat: 31.2, lng: 121.5 });
      expect(other.storeId).toBe(shanghai.id);
      const me = await as(nearBeijing.authorization, api().get('/api/v1/me')).expect(200);
      expect(me.body.homeStoreId).toBe(beijing.id);
      expect((await ownership(nearBeijing.memberId)).addedVia).toMatchObject({
        channel: 'regional_qr',
        storeId: beijing.id,
        regionCode: 'ad2026',
      });
      expect(await couponTemplatesOf(nearBeijing)).toEqual([registerTemplateId]);
    });

    it('should give a store code the store as home store and no owner', async () => {
      const customer = await login();
      const result = await arrive(customer, { scene: `st:${beijing.id}` });
      expect(result).toMatchObject({ kind: 'store', storeId: beijing.id, added: true, ownerStaff: null });
      expect(await ownerOf(customer.memberId)).toBeNull();
      expect((await eventsOf('CustomerAdded', customer.memberId))[0]).toMatchObject({
        channel: 'store_qr',
        ownerStaffId: null,
      });
    });

    it('should refuse malformed scenes and codes of unknown or disabled staff and stores, changing nothing', async () => {
      const customer = await login();
      for (const scene of ['hello', 's:abc', `s:${disabledClerk.id}`, 's:999999', 'st:999999', 'c:999999']) {
        const refused = await arrive(customer, { scene }, 422);
        expect(refused).toMatchObject({ code: 'SCENE_INVALID' });
      }
      const invalidLocation = await as(customer.authorization, api().post('/api/v1/me/arrivals'))
        .send({ scene: 'r:x', lat: 100 })
        .expect(400);
      expect(invalidLocation.body.code).toBe('VALIDATION_FAILED');
      expect(await ownerOf(customer.memberId)).toBeNull();
      expect(await eventsOf('CustomerAdded', customer.memberId)).toEqual([]);
      expect(await couponTemplatesOf(customer)).toEqual([]);
    });

    it('should keep the welcome rules to welcome-channel templates', async () => {
      const claim = await as(admin.authorization, api().post('/api/v1/admin/coupon-templates'))
        .send({
          name: '领券中心',
          kind: 'amount_off',
          amountOff: 100,
          scope: {},
          perMemberLimit: 1,
          validity: { days: 3 },
          channel: 'claim',
          stackable: false,
        })
        .expect(201);
      const refused = await as(admin.authorization, api().put('/api/v1/admin/welcome-rules'))
        .send({ unregisteredTemplateId: claim.body.id, registeredTemplateId: buyTemplateId })
        .expect(422);
      expect(refused.body.code).toBe('WELCOME_TEMPLATE_INVALID');
      await as(manager.authorization, api().put('/api/v1/admin/welcome-rules'))
        .send({ unregisteredTemplateId: null, registeredTemplateId: null })
        .expect(403);
      const rules = await as(admin.authorization, api().get('/api/v1/admin/welcome-rules')).expect(200);
      expect(rules.body).toEqual({
        unregisteredTemplateId: registerTemplateId,
        registeredTemplateId: buyTemplateId,
      });
    });
  });

  it('should answer WeCom routes with WECOM_NOT_CONFIGURED on a chain without WeCom', async () => {
    const callback = await api()
      .post('/api/v1/wecom/callback?msg_signature=a&timestamp=1&nonce=n')
      .set('content-type', 'text/xml')
      .send('<xml><Encrypt>abc</Encrypt></xml>')
      .expect(409);
    expect(callback.body.code).toBe('WECOM_NOT_CONFIGURED');
    const way = await as(admin.authorization, api().post('/api/v1/admin/wecom/contact-ways'))
      .send({ userid: 'lina', staffId: clerk1.id })
      .expect(409);
    expect(way.body.code).toBe('WECOM_NOT_CONFIGURED');
  });

  describe('counter codes', () => {
    afterEach(async () => {
      await resetClock(server.baseUrl);
    });

    it('should record a known customer’s arrival once per store and day and announce it', async () => {
      const customer = await customerOf(clerk2);
      const first = await arrive(customer, { scene: `c:${shanghai.id}` });
      expect(first).toMatchObject({
        kind: 'counter',
        storeId: shanghai.id,
        arrived: true,
        ownerStaff: { id: clerk2.id },
      });
      // The same day again, also through the `t:` form of api.md: recorded once.
      expect(await arrive(customer, { scene: `t:${shanghai.id}` })).toMatchObject({ arrived: false });
      // Another store the same day counts.
      expect(await arrive(customer, { scene: `c:${beijing.id}` })).toMatchObject({ arrived: true });
      expect(await eventsOf('CustomerArrived', customer.memberId)).toEqual([
        { memberId: customer.memberId, storeId: shanghai.id, ownerStaffId: clerk2.id },
        { memberId: customer.memberId, storeId: beijing.id, ownerStaffId: clerk2.id },
      ]);
      await advanceClock(server.baseUrl, 24 * 3600);
      expect(await arrive(customer, { scene: `c:${shanghai.id}` })).toMatchObject({ arrived: true });
      expect(await eventsOf('CustomerArrived', customer.memberId)).toHaveLength(3);
      // Delivered while the clock is still a day ahead, where they were published.
      await settleEvents();
    });

    it('should count concurrent scans of the same code as one arrival', async () => {
      const customer = await customerOf(clerk1);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => arrive(customer, { scene: `c:${shanghai.id}` })),
      );
      expect(results.filter((result) => result.arrived)).toHaveLength(1);
      expect(await eventsOf('CustomerArrived', customer.memberId)).toHaveLength(1);
    });
  });

  describe('transfers', () => {
    it('should refuse a transfer to staff of another store or chain, a disabled account or oneself, changing nothing', async () => {
      const customers = await Promise.all([customerOf(clerk1), customerOf(clerk1)]);
      const before = await historyCount();
      const cases: { by: StaffFixture; body: object; status: number; code: string }[] = [
        {
          by: manager,
          body: { fromStaffId: clerk1.id, toStaffId: beijingClerk.id },
          status: 422,
          code: 'TRANSFER_STAFF_INVALID',
        },
        {
          by: manager,
          body: { fromStaffId: beijingClerk.id, toStaffId: clerk2.id },
          status: 422,
          code: 'TRANSFER_STAFF_INVALID',
        },
        {
          by: admin,
          body: { fromStaffId: clerk1.id, toStaffId: disabledClerk.id },
          status: 422,
          code: 'TRANSFER_STAFF_INVALID',
        },
        {
          by: admin,
          body: { fromStaffId: clerk1.id, toStaffId: 987_654 },
          status: 422,
          code: 'TRANSFER_STAFF_INVALID',
        },
        {
          by: admin,
          body: { fromStaffId: clerk1.id, toStaffId: admin.id },
          status: 422,
          code: 'TRANSFER_STAFF_INVALID',
        },
        {
          by: admin,
          body: { fromStaffId: clerk1.id, toStaffId: clerk1.id },
          status: 422,
          code: 'TRANSFER_SAME_STAFF',
        },
        {
          by: admin,
          body: { fromStaffId: clerk1.id, toStaffId: clerk2.id, memberIds: [] },
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          by: admin,
          body: { fromStaffId: clerk1.id, toStaffId: clerk2.id, memberIds: ['x'] },
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          by: clerk1,
          body: { fromStaffId: clerk1.id, toStaffId: clerk2.id },
          status: 403,
          code: 'FORBIDDEN',
        },
      ];
      for (const { by, body, status, code } of cases) {
        const refused = await as(by.authorization, api().post('/api/v1/admin/transfers'))
          .send(body)
          .expect(status);
        expect(refused.body.code).toBe(code);
      }
      for (const customer of customers) expect(await ownerOf(customer.memberId)).toBe(clerk1.id);
      expect(await historyCount()).toBe(before);
    });

    it('should move some or all of a staff member’s customers with history and OwnerChanged', async () => {
      const leaving = await factory.staff('clerk', shanghai.id, '赵离职');
      const [a, b, c] = await Promise.all([customerOf(leaving), customerOf(leaving), customerOf(leaving)]);
      const some = await as(manager.authorization, api().post('/api/v1/admin/transfers'))
        .send({
          fromStaffId: leaving.id,
          toStaffId: clerk2.id,
          memberIds: [a.memberId, clerk1.id + 1_000_000],
        })
        .expect(200);
      expect(some.body).toEqual({ transferred: 1 });
      expect(await ownerOf(a.memberId)).toBe(clerk2.id);
      expect(await ownerOf(b.memberId)).toBe(leaving.id);
      // The staff member leaves: their account is disabled, and the rest move.
      await server.dataSource.query('UPDATE staff SET active = 0 WHERE id = ?', [leaving.id]);
      const rest = await as(admin.authorization, api().post('/api/v1/admin/transfers'))
        .send({ fromStaffId: leaving.id, toStaffId: clerk3.id })
        .expect(200);
      expect(rest.body).toEqual({ transferred: 2 });
      expect([await ownerOf(b.memberId), await ownerOf(c.memberId)]).toEqual([clerk3.id, clerk3.id]);
      const card = await ownership(b.memberId);
      expect(card.owner).toEqual({ id: clerk3.id, name: '张伟' });
      expect(card.history[0]).toMatchObject({
        from: { id: leaving.id, name: '赵离职' },
        to: { id: clerk3.id },
        reason: 'transfer',
        changedBy: { id: admin.id },
      });
      expect(await eventsOf('OwnerChanged', b.memberId)).toEqual([
        { memberId: b.memberId, fromStaffId: null, toStaffId: leaving.id, reason: 'first_contact' },
        { memberId: b.memberId, fromStaffId: leaving.id, toStaffId: clerk3.id, reason: 'transfer' },
      ]);
    });

    it('should end two concurrent transfers of the same customers with exactly one owner each and a consistent history', async () => {
      const leaving = await factory.staff('clerk', shanghai.id);
      const customers: Customer[] = [];
      for (let index = 0; index < 24; index++) customers.push(await customerOf(leaving));
      const ids = customers.map((customer) => customer.memberId);
      const [all, listed, reversed] = await Promise.all([
        as(admin.authorization, api().post('/api/v1/admin/transfers')).send({
          fromStaffId: leaving.id,
          toStaffId: clerk2.id,
        }),
        as(manager.authorization, api().post('/api/v1/admin/transfers')).send({
          fromStaffId: leaving.id,
          toStaffId: clerk3.id,
          memberIds: ids,
        }),
        as(manager.authorization, api().post('/api/v1/admin/transfers')).send({
          fromStaffId: leaving.id,
          toStaffId: clerk1.id,
          memberIds: [...ids].reverse().slice(0, 12),
        }),
      ]);
      for (const response of [all, listed, reversed]) expect(response.status).toBe(200);
      expect(all.body.transferred + listed.body.transferred + reversed.body.transferred).toBe(ids.length);

      const rows: { member_id: number; from_staff_id: number; to_staff_id: number }[] =
        await server.dataSource.query(
          `SELECT member_id, from_staff_id, to_staff_id FROM owner_changes WHERE reason = 'transfer' AND member_id IN (${ids.join(',')})`,
        );
      expect(rows).toHaveLength(ids.length);
      const counts = { [clerk1.id]: 0, [clerk2.id]: 0, [clerk3.id]: 0 };
      for (const id of ids) {
        const moves = rows.filter((row) => Number(row.member_id) === id);
        expect(moves).toHaveLength(1);
        expect(Number(moves[0].from_staff_id)).toBe(leaving.id);
        const owner = await ownerOf(id);
        expect(owner).toBe(Number(moves[0].to_staff_id));
        counts[owner as number] += 1;
      }
      expect(counts[clerk2.id]).toBe(all.body.transferred);
      expect(counts[clerk3.id]).toBe(listed.body.transferred);
      expect(counts[clerk1.id]).toBe(reversed.body.transferred);
      // The old owner has none of them left; each new owner has exactly the ones recorded.
      const [left] = await server.dataSource.query(
        'SELECT COUNT(*) AS n FROM members WHERE owner_staff_id = ?',
        [leaving.id],
      );
      expect(Number(left.n)).toBe(0);
    });
  });

  describe('sales and in-store purchases', () => {
    async function paidOrder(customer: Customer): Promise<number> {
      const order = await placeOrder(server.baseUrl, customer.authorization, {
        storeId: shanghai.id,
        items: [{ skuId, quantity: 1 }],
      });
      await as(customer.authorization, api().post(`/api/v1/dev/payments/${order.id}/succeed`)).expect(200);
      return order.id;
    }

    /** The staff member's line on the store's leaderboard of the week (the tags module's KPIs). */
    async function weekOf(staffId: number): Promise<{ membersAdded: number; orders: number; sales: number }> {
      await settleEvents();
      const board = await as(
        admin.authorization,
        api().get(`/api/v1/staff/leaderboard?period=week&storeId=${shanghai.id}`),
      ).expect(200);
      const items = board.body.items as {
        staffId: number;
        membersAdded: number;
        orders: number;
        sales: number;
      }[];
      const line = items.find((item) => item.staffId === staffId);
      return { membersAdded: line?.membersAdded ?? 0, orders: line?.orders ?? 0, sales: line?.sales ?? 0 };
    }

    it('should keep past sales with the owner who made them after a transfer', async () => {
      const customer = await customerOf(clerk1);
      const first = await weekOf(clerk1.id);
      expect(first.membersAdded).toBeGreaterThanOrEqual(1);
      await paidOrder(customer);
      const sold = await weekOf(clerk1.id);
      expect(sold.orders).toBe(first.orders + 1);
      expect(sold.sales).toBeGreaterThan(first.sales);

      await as(admin.authorization, api().post('/api/v1/admin/transfers'))
        .send({ fromStaffId: clerk1.id, toStaffId: clerk2.id, memberIds: [customer.memberId] })
        .expect(200);
      const newOwnerBefore = await weekOf(clerk2.id);
      await paidOrder(customer);
      // The first sale stays with clerk 1; the one after the transfer counts for clerk 2.
      expect(await weekOf(clerk1.id)).toEqual(sold);
      const newOwner = await weekOf(clerk2.id);
      expect(newOwner.orders).toBe(newOwnerBefore.orders + 1);
      expect(newOwner.sales).toBe(newOwnerBefore.sales + (sold.sales - first.sales));
    });

    it('should make the staff member who completes a first in-store purchase the owner of a customer without one', async () => {
      const customer = await login();
      const orderId = await paidOrder(customer);
      for (const to of ['processing', 'ready_for_pickup', 'completed']) {
        await as(clerk3.authorization, api().post(`/api/v1/staff/orders/${orderId}/transition`))
          .send({ to })
          .expect(200);
      }
      await settleEvents();
      expect(await ownerOf(customer.memberId)).toBe(clerk3.id);
      const card = await ownership(customer.memberId);
      expect(card.history).toEqual([
        expect.objectContaining({ reason: 'first_purchase', to: { id: clerk3.id, name: '张伟' } }),
      ]);
      expect(card.addedVia).toMatchObject({ channel: 'store_purchase', storeId: shanghai.id });
      // No welcome coupon for a purchase.
      expect(await couponTemplatesOf(customer)).toEqual([]);
    });
  });
});
