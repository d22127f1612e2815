import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import type {
  Coupon,
  Member,
  Order,
  PointsLedgerEntry,
  TradeIn,
  WalletLedgerEntry,
  WalletPlan,
} from '@lensloop/shared';
import { customerAuth, staffAuth } from '../support/actors';
import { auditedScreenshot } from '../support/axe';
import { expectAttribute, waitForTaroPage } from '../support/browser';
import { demoSkus, setStock } from '../support/orders';
import { runJob } from '../support/outbox';
import { startH5Stage, type H5Stage } from '../support/h5-stage';
import type { TestServer } from '../support/test-server';

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'browser');
const CUSTOMER = 'e2e-member-checkout';
/** A 1×1 PNG: a real image for the upload's type check. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * The member's money in one checkout (H5): points earned on a past order, a wallet top-up and a
 * trade-in credit, spent together on a frame with the rest paid through (fake) WeChat Pay.
 */
describe('H5: one frame paid with a trade-in credit, points, stored value and WeChat Pay', () => {
  let stage: H5Stage;
  let server: TestServer;
  let customer: Page;
  let authorization: string;
  let staff: string;
  let manager: string;

  const api = () => request(server.baseUrl);
  const me = async <T>(path: string): Promise<T> =>
    (await api().get(`/api/v1${path}`).set('authorization', authorization).expect(200)).body as T;
  const settle = async () => {
    await runJob(server.baseUrl, 'outbox');
    await runJob(server.baseUrl, 'outbox');
  };

  beforeAll(async () => {
    stage = await startH5Stage(1, ARTIFACTS);
    ({ server } = stage);
    [customer] = stage.pages;
    ({ authorization } = await customerAuth(server.baseUrl, CUSTOMER));
    staff = (await staffAuth(server.baseUrl, 'clerk1')).authorization;
    manager = (await staffAuth(server.baseUrl, 'manager1')).authorization;
  });

  afterAll(async () => {
    await stage?.stop();
  });

  /** A frame bought, paid and picked up: the completed order earns points. */
  async function earnPoints(): Promise<number> {
    const skus = await demoSkus(server.dataSource);
    await setStock(server.dataSource, 1, skus.frame, 20);
    const order = await api()
      .post('/api/v1/orders')
      .set('authorization', authorization)
      .send({ storeId: 1, fulfilment: 'pickup', items: [{ skuId: skus.frame, quantity: 1 }] })
      .expect(201);
    await api()
      .post(`/api/v1/dev/payments/${order.body.id}/succeed`)
      .set('authorization', authorization)
      .expect(200);
    for (const to of ['processing', 'ready_for_pickup', 'completed']) {
      await api()
        .post(`/api/v1/staff/orders/${order.body.id}/transition`)
        .set('authorization', staff)
        .send({ to })
        .expect(200);
    }
    await settle();
    return (await me<Member>('/me')).points;
  }

  /** The ¥100 plan topped up through the fake WeChat Pay. */
  async function topUp(): Promise<number> {
    const plans = (await api().get('/api/v1/wallet/plans').expect(200)).body as WalletPlan[];
    const plan = plans.find((candidate) => candidate.pay === 10_000) as WalletPlan;
    const started = await api()
      .post('/api/v1/me/wallet/top-ups')
      .set('authorization', authorization)
      .send({ planId: plan.id })
      .expect(201);
    await api()
      .post(`/api/v1/dev/payments/${started.body.orderId}/succeed`)
      .set('authorization', authorization)
      .expect(200);
    await settle();
    return (await me<Member>('/me')).balance;
  }

  /** Old glasses estimated, submitted with a photo, inspected in store: a credit coupon. */
  async function tradeInCredit(): Promise<Coupon> {
    const glasses = {
      category: 'optical',
      material: 'titanium',
      brandTier: 'premium',
      ageYears: 2,
      condition: 'good',
    };
    const estimate = await api().post('/api/v1/trade-ins/quote').send(glasses).expect(200);
    const photo = await api()
      .post('/api/v1/trade-ins/photos')
      .set('authorization', authorization)
      .attach('file', PNG, { filename: 'old-glasses.png', contentType: 'image/png' })
      .expect(201);
    const submitted = (
      await api()
        .post('/api/v1/trade-ins')
        .set('authorization', authorization)
        .send({ ...glasses, storeId: 1, photoIds: [photo.body.id] })
        .expect(201)
    ).body as TradeIn;
    await api()
      .post(`/api/v1/staff/trade-ins/${submitted.id}/inspect`)
      .set('authorization', manager)
      .send({ finalAmount: estimate.body.estimateMin, note: '镜架完好' })
      .expect(200);
    const credited = await me<TradeIn>(`/me/trade-ins/${submitted.id}`);
    expect(credited).toMatchObject({ status: 'credited', finalAmount: estimate.body.estimateMin });
    const coupons = await me<Coupon[]>('/me/coupons?status=available');
    return coupons.find((coupon) => coupon.id === credited.couponId) as Coupon;
  }

  it('should take the trade-in credit, points and stored value at checkout and send the rest to WeChat Pay', async () => {
    const points = await earnPoints();
    expect(points).toBeGreaterThan(0);
    const balance = await topUp();
    expect(balance).toBe(10_000);
    const credit = await tradeInCredit();
    expect(credit.amountOff).toBeGreaterThan(0);

    const skus = await demoSkus(server.dataSource);
    const quantity = Math.ceil(60_000 / skus.prices[skus.frame]);
    await api()
      .post('/api/v1/cart/items')
      .set('authorization', authorization)
      .send({ skuId: skus.frame, quantity })
      .expect(201);

    await stage.loginCustomer(customer, CUSTOMER);
    await stage.open(customer, 'subpackages/shopping/checkout/index');
    await customer.getByTestId('checkout-payable').waitFor();

    // The credit is the best coupon for a frame; points and the wallet are the customer's choice.
    await expectAttribute(
      customer.getByRole('radio', { name: new RegExp(`^${credit.name}`) }),
      'aria-checked',
      'true',
    );
    await customer.getByTestId('points-toggle').click();
    await customer.getByTestId('points-row-text').getByText(/^使用/).waitFor();
    await customer.getByTestId('wallet-switch').click();
    await customer.getByTestId('wallet-paid').waitFor();
    await auditedScreenshot(customer, join(ARTIFACTS, '55-checkout-all-reductions.png'));

    const created = customer.waitForResponse(
      (response) => response.url().endsWith('/api/v1/orders') && response.request().method() === 'POST',
    );
    await customer.getByRole('button', { name: '提交订单并支付' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    const sent = JSON.parse(response.request().postData() ?? '{}');
    expect(sent).toMatchObject({ couponId: credit.id, pointsToUse: expect.any(Number), useBalance: true });
    const order = (await response.json()) as Order;
    expect(order.discount).toBe(credit.amountOff);
    expect(order.pointsDiscount).toBeGreaterThan(0);
    expect(order.balancePaid).toBe(10_000);
    expect(order.payable).toBeGreaterThan(0);
    expect(
      order.subtotal - order.memberDiscount - order.discount - order.pointsDiscount - order.balancePaid,
    ).toBe(order.payable);

    // WeChat Pay (the fake, in H5) pays the rest; the order page shows it paid.
    await waitForTaroPage(customer, 'subpackages/shopping/order/index');
    await customer.getByTestId('order-status').getByText('已支付').waitFor();
    // The order page itemises every reduction the way the checkout did.
    const fen = (amount: number) => `${(amount / 100).toFixed(2)} 元`;
    for (const [testId, amount] of [
      ['order-discount', order.discount],
      ['order-points-discount', order.pointsDiscount],
      ['order-balance-paid', order.balancePaid],
      ['order-payable', order.payable],
    ] as const) {
      expect((await customer.getByTestId(testId).innerText()).trim().replace(/,/g, '')).toBe(fen(amount));
    }
    const paid = await me<Order>(`/orders/${order.id}`);
    expect(paid.status).toBe('paid');

    // Every part left its ledger: the coupon used, the points and the wallet debited once.
    expect((await me<Coupon[]>('/me/coupons?status=used')).map((coupon) => coupon.id)).toEqual([credit.id]);
    const standing = await me<Member>('/me');
    expect(standing.balance).toBe(0);
    expect(standing.points).toBe(points - sent.pointsToUse);
    const wallet = await me<{ items: WalletLedgerEntry[] }>('/me/wallet/ledger');
    expect(wallet.items.map((entry) => [entry.kind, entry.amount])).toEqual([
      ['payment', -10_000],
      ['top_up', 10_000],
    ]);
    const ledger = await me<{ items: PointsLedgerEntry[] }>('/me/points/ledger');
    expect(ledger.items[0]).toMatchObject({ kind: 'spend', points: -sent.pointsToUse, orderId: order.id });
  });
});
