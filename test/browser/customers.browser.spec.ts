import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import type { Coupon, Member, Order } from '@lensloop/shared';
import { DEMO_WELCOME_TEMPLATES } from '../../server/src/demo/demo-customers';
import { DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';
import { auditedScreenshot } from '../support/axe';
import { expectAttribute, waitForTaroPage } from '../support/browser';
import { demoSkus, setStock } from '../support/orders';
import { runJob, waitFor } from '../support/outbox';
import { startH5Stage, type H5Stage } from '../support/h5-stage';
import type { TestServer } from '../support/test-server';

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'browser');
const CUSTOMER = 'e2e-staff-qr-customer';

interface Kpis {
  membersAdded: number;
  orders: number;
  sales: number;
}

/** A customer arrives through a staff member's code, gets the welcome coupon and buys with it (H5). */
describe('H5: a customer added through a staff QR gets the welcome coupon and buys', () => {
  let stage: H5Stage;
  let server: TestServer;
  let customer: Page;
  let staff: Page;
  let manager: Page;
  let memberId: number;
  let clerk: { id: number; name: string; storeId: number };
  /** The clerk's leaderboard line before the customer came. */
  let before: Kpis;

  const api = () => request(server.baseUrl);
  const settle = async () => {
    await waitFor(async () => {
      await runJob(server.baseUrl, 'outbox');
      const [row] = await server.dataSource.query(
        'SELECT COUNT(*) AS n FROM outbox_events WHERE delivered_at IS NULL AND dead_at IS NULL',
      );
      return Number(row.n) === 0;
    });
  };
  const customerToken = async () =>
    `Bearer ${await customer.evaluate(
      () => (JSON.parse(localStorage.getItem('lensloop.token') ?? '{}') as { data: string }).data,
    )}`;

  beforeAll(async () => {
    stage = await startH5Stage(3, ARTIFACTS);
    ({ server } = stage);
    [customer, staff, manager] = stage.pages;
    const [row] = await server.dataSource.query(
      "SELECT id, name, store_id FROM staff WHERE username = 'clerk1'",
    );
    clerk = { id: Number(row.id), name: row.name as string, storeId: Number(row.store_id) };
    before = await clerkKpis();
  });

  /** The clerk's line on their store's leaderboard of the week, as the API gives it to them. */
  async function clerkKpis(): Promise<Kpis> {
    const login = await api()
      .post('/api/v1/auth/staff/login')
      .send({ username: 'clerk1', password: DEMO_STAFF_PASSWORD })
      .expect(200);
    const board = await api()
      .get(`/api/v1/staff/leaderboard?period=week&storeId=${clerk.storeId}`)
      .set('authorization', `Bearer ${login.body.token}`)
      .expect(200);
    const line = (board.body.items as (Kpis & { staffId: number })[]).find(
      (item) => item.staffId === clerk.id,
    );
    return { membersAdded: line?.membersAdded ?? 0, orders: line?.orders ?? 0, sales: line?.sales ?? 0 };
  }

  afterAll(async () => {
    await stage?.stop();
  });

  it('should show the staff member their add-me code', async () => {
    await stage.loginStaff(staff, 'clerk1');
    await staff.getByRole('link', { name: '我的二维码' }).click();
    await waitForTaroPage(staff, 'subpackages/staff/qrcode/index');
    const card = staff.getByTestId('staff-qrcode');
    await card.getByText(`${clerk.name} 的专属二维码`).waitFor();
    await waitFor(
      async () => (await card.locator('img').getAttribute('src'))?.startsWith('data:image/png') ?? false,
    );
    await auditedScreenshot(staff, join(ARTIFACTS, '70-staff-qrcode.png'));
  });

  it('should make the customer who opens the code and signs in the staff member’s, with the welcome coupon, and let them buy with it', async () => {
    // The mini-program opened through the code (H5: `?scene=` on the route), then the first login.
    await stage.open(customer, `pages/index/index?scene=${encodeURIComponent(`s:${clerk.id}`)}`);
    await stage.loginCustomer(customer, CUSTOMER);
    const authorization = await customerToken();
    await settle();

    const me = (await api().get('/api/v1/me').set('authorization', authorization).expect(200)).body as Member;
    expect(me.ownerStaff).toEqual({ id: clerk.id, name: clerk.name });
    memberId = me.id;

    // Not registered yet (no phone bound): the invite-to-register coupon is in 我的优惠券.
    await stage.open(customer, 'subpackages/member/coupons/index');
    await customer.getByTestId('my-coupons').getByText(DEMO_WELCOME_TEMPLATES.unregistered).waitFor();
    const coupons = (await api().get('/api/v1/me/coupons').set('authorization', authorization).expect(200))
      .body as Coupon[];
    const welcome = coupons.find((coupon) => coupon.name === DEMO_WELCOME_TEMPLATES.unregistered) as Coupon;
    expect(welcome).toBeDefined();
    expect(coupons.map((coupon) => coupon.name)).not.toContain(DEMO_WELCOME_TEMPLATES.registered);
    await auditedScreenshot(customer, join(ARTIFACTS, '71-welcome-coupon.png'));

    // The customer buys a frame; the welcome coupon is the best one and is used.
    const skus = await demoSkus(server.dataSource);
    await setStock(server.dataSource, 1, skus.frame, 20);
    await api()
      .post('/api/v1/cart/items')
      .set('authorization', authorization)
      .send({ skuId: skus.frame, quantity: 1 })
      .expect(201);
    await stage.open(customer, 'subpackages/shopping/checkout/index');
    await customer.getByTestId('checkout-payable').waitFor();
    await expectAttribute(
      customer.getByRole('radio', { name: new RegExp(`^${DEMO_WELCOME_TEMPLATES.unregistered}`) }),
      'aria-checked',
      'true',
    );
    const created = customer.waitForResponse(
      (response) => response.url().endsWith('/api/v1/orders') && response.request().method() === 'POST',
    );
    await customer.getByRole('button', { name: '提交订单并支付' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    const order = (await response.json()) as Order;
    expect(JSON.parse(response.request().postData() ?? '{}')).toMatchObject({ couponId: welcome.id });
    expect(order.discount).toBe(welcome.amountOff);
    await waitForTaroPage(customer, 'subpackages/shopping/order/index');
    await customer.getByTestId('order-status').getByText('已支付').waitFor();

    // The sale counts for the staff member who added the customer (the owner when it was paid).
    await settle();
    const [sale] = await server.dataSource.query(
      'SELECT owner_staff_id FROM tag_order_facts WHERE order_id = ?',
      [order.id],
    );
    expect(Number(sale.owner_staff_id)).toBe(clerk.id);

    // The staff card shows the owner and how the customer came.
    await stage.open(staff, `subpackages/staff/customer/index?memberId=${me.id}`);
    const history = staff.getByTestId('owner-history');
    await history.getByText(`扫码添加：${clerk.name}`).waitFor();
    await history.getByText(/通过员工二维码加入/).waitFor();
    await auditedScreenshot(staff, join(ARTIFACTS, '72-owner-history.png'));
  });

  it('should count the add and the sale on the clerk’s leaderboard and show the clerk the customer’s arrival at the counter', async () => {
    const after = await clerkKpis();
    expect(after.membersAdded).toBe(before.membersAdded + 1);
    expect(after.orders).toBe(before.orders + 1);
    expect(after.sales).toBeGreaterThan(before.sales);
    await stage.open(staff, 'subpackages/staff/leaderboard/index');
    await staff
      .getByTestId('leaderboard-row')
      .filter({ hasText: clerk.name })
      .getByText(new RegExp(`^新增顾客 ${after.membersAdded} · 核销券 \\d+ · 订单 ${after.orders} ·`))
      .waitFor();

    // The signed-in customer scans the store's counter code: the owner gets an arrival task.
    // (A new launch: changing only the hash would not start the app again.)
    await stage.open(customer, `pages/index/index?scene=${encodeURIComponent(`c:${clerk.storeId}`)}`);
    await customer.reload();
    await waitFor(async () => {
      const [arrivals] = await server.dataSource.query(
        'SELECT COUNT(*) AS n FROM customer_arrivals WHERE member_id = ?',
        [memberId],
      );
      return Number(arrivals.n) === 1;
    });
    await settle();
    await stage.open(staff, 'subpackages/staff/tasks/index');
    await staff
      .getByTestId('staff-task')
      .getByTestId('task-title')
      .getByText(/^老顾客到店 — /)
      .first()
      .waitFor();
    const tasks: { staff_id: number; kind: string }[] = await server.dataSource.query(
      'SELECT staff_id, kind FROM staff_tasks WHERE member_id = ?',
      [memberId],
    );
    expect(tasks.map((task) => ({ staff: Number(task.staff_id), kind: task.kind }))).toEqual([
      { staff: clerk.id, kind: 'arrival' },
    ]);
    await auditedScreenshot(staff, join(ARTIFACTS, '74-arrival-task.png'));
  });

  it('should let the store manager move the customer to a colleague on the transfer page', async () => {
    const [colleague] = await server.dataSource.query(
      "SELECT id, name FROM staff WHERE username = 'optometrist1'",
    );
    const [{ member_code: memberCode }] = await server.dataSource.query(
      'SELECT member_code FROM members WHERE id = ?',
      [memberId],
    );
    await stage.loginStaff(manager, 'manager1');
    await manager.getByRole('link', { name: '客户转移' }).click();
    await waitForTaroPage(manager, 'subpackages/staff/transfer/index');
    await manager
      .getByRole('radio', { name: new RegExp(`^${clerk.name}（`) })
      .first()
      .click();
    await manager.getByRole('checkbox', { name: memberCode }).click();
    await manager
      .getByRole('radiogroup', { name: '接收员工' })
      .getByRole('radio', { name: new RegExp(`^${colleague.name}（`) })
      .click();
    await auditedScreenshot(manager, join(ARTIFACTS, '73-transfer.png'));
    await manager.getByRole('button', { name: '转移所选 1 位顾客' }).click();
    await manager.getByTestId('transfer-done').getByText('已转移 1 位顾客').waitFor();
    const [row] = await server.dataSource.query('SELECT owner_staff_id FROM members WHERE id = ?', [
      memberId,
    ]);
    expect(Number(row.owner_staff_id)).toBe(Number(colleague.id));
  });
});
