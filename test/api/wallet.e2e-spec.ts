import request from 'supertest';
import { signedNotification } from '../../server/src/infra/wechat/pay/fake-wechat-pay';
import { Factory, type MemberFixture, type SkuFixture, type StaffFixture } from '../support/factories';
import { runJob, waitFor } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';
import { paidTransaction } from '../support/wechat-pay';

/** Plans (fen): ¥100→¥100, ¥300→¥310, ¥500→¥530, ¥1,000→¥1,100. */
const PLANS = [
  { pay: 10_000, credit: 10_000 },
  { pay: 30_000, credit: 31_000 },
  { pay: 50_000, credit: 53_000 },
  { pay: 100_000, credit: 110_000 },
];

describe('Stored-value wallet: top-ups, checkout, cancel, refunds, ledger (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let storeId: number;
  let tenYuan: SkuFixture;
  let contact: SkuFixture;
  let admin: StaffFixture;
  let manager: StaffFixture;
  let planIdByPay: Map<number, number>;

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    storeId = (await factory.store()).id;
    tenYuan = await factory.sku('contacts', { storeId, quantity: 1_000, price: 1_000 });
    contact = await factory.sku('contacts', { storeId, quantity: 1_000, price: 12_900 });
    admin = await factory.staff('admin', null);
    manager = await factory.staff('manager', storeId);
    const plans = await api()
      .put('/api/v1/admin/wallet/plans')
      .set('authorization', admin.authorization)
      .send(PLANS)
      .expect(200);
    planIdByPay = new Map(plans.body.map((plan: { id: number; pay: number }) => [plan.pay, plan.id]));
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);
  const walletOf = async (member: MemberFixture) =>
    (await api().get('/api/v1/me/wallet').set('authorization', member.authorization).expect(200)).body as {
      balance: number;
      principal: number;
      bonus: number;
    };
  const orderOf = async (member: MemberFixture, id: number) =>
    (await api().get(`/api/v1/orders/${id}`).set('authorization', member.authorization).expect(200)).body;
  const ledgerOf = async (member: MemberFixture) =>
    (
      await api()
        .get('/api/v1/me/wallet/ledger?pageSize=100')
        .set('authorization', member.authorization)
        .expect(200)
    ).body.items as { amount: number; balanceAfter: number; kind: string; orderId: number | null }[];
  const fakePay = (member: MemberFixture, orderId: number) =>
    api()
      .post(`/api/v1/dev/payments/${orderId}/succeed`)
      .set('authorization', member.authorization)
      .expect(200);
  /** A member whose wallet holds the credit of the plan paying `pay`, topped up through the fake WeChat Pay. */
  const toppedUp = async (pay: number, member?: MemberFixture) => {
    const who = member ?? (await factory.member());
    const started = await api()
      .post('/api/v1/me/wallet/top-ups')
      .set('authorization', who.authorization)
      .send({ planId: planIdByPay.get(pay) })
      .expect(201);
    await fakePay(who, started.body.orderId);
    await runJob(server.baseUrl, 'outbox');
    return { member: who, topUpId: started.body.topUpId as number, orderId: started.body.orderId as number };
  };
  const placeOrder = (member: MemberFixture, body: object) =>
    api()
      .post('/api/v1/orders')
      .set('authorization', member.authorization)
      .send({ storeId, fulfilment: 'pickup', ...body });
  const refund = (orderId: number, body: object = {}) =>
    api()
      .post(`/api/v1/staff/orders/${orderId}/refunds`)
      .set('authorization', manager.authorization)
      .send(body);
  const refundsOf = async (orderId: number) =>
    (await server.dataSource.query('SELECT amount, state FROM refunds WHERE order_id = ? ORDER BY id', [
      orderId,
    ])) as { amount: number; state: string }[];

  describe('plans', () => {
    it('should flag the smallest plan whose credit covers the order amount ("spend ¥89 → top up ¥100")', async () => {
      const for89 = await api().get('/api/v1/wallet/plans?orderAmount=8900').expect(200);
      expect(for89.body.map((plan: { pay: number }) => plan.pay)).toEqual(PLANS.map((plan) => plan.pay));
      expect(for89.body.filter((plan: { suggested: boolean }) => plan.suggested)).toEqual([
        expect.objectContaining({ pay: 10_000, credit: 10_000 }),
      ]);
      // ¥305 is covered by the ¥300 plan's ¥310 credit.
      const for305 = await api().get('/api/v1/wallet/plans?orderAmount=30500').expect(200);
      expect(for305.body.find((plan: { suggested: boolean }) => plan.suggested).pay).toBe(30_000);
      const tooMuch = await api().get('/api/v1/wallet/plans?orderAmount=200000').expect(200);
      expect(tooMuch.body.some((plan: { suggested: boolean }) => plan.suggested)).toBe(false);
    });

    it('should refuse invalid plans and bad amounts with a 4xx, changing nothing', async () => {
      const below = await api()
        .put('/api/v1/admin/wallet/plans')
        .set('authorization', admin.authorization)
        .send([{ pay: 10_000, credit: 9_000 }])
        .expect(422);
      expect(below.body.code).toBe('WALLET_PLAN_INVALID');
      for (const bad of [
        [{ pay: 100.5, credit: 200 }],
        [{ pay: -100, credit: 200 }],
        { pay: 1, credit: 1 },
      ]) {
        const response = await api()
          .put('/api/v1/admin/wallet/plans')
          .set('authorization', admin.authorization)
          .send(bad)
          .expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
      for (const query of ['orderAmount=-1', 'orderAmount=1.5', 'orderAmount=abc']) {
        expect((await api().get(`/api/v1/wallet/plans?${query}`).expect(400)).body.code).toBe(
          'VALIDATION_FAILED',
        );
      }
      const plans = await api().get('/api/v1/admin/wallet/plans').set('authorization', admin.authorization);
      expect(plans.body.map((plan: { id: number }) => plan.id)).toEqual([...planIdByPay.values()]);
      const member = await factory.member();
      const unknown = await api()
        .post('/api/v1/me/wallet/top-ups')
        .set('authorization', member.authorization)
        .send({ planId: 999_999 })
        .expect(404);
      expect(unknown.body.code).toBe('WALLET_PLAN_NOT_FOUND');
      await api()
        .post('/api/v1/me/wallet/top-ups')
        .set('authorization', member.authorization)
        .send({ planId: 1.5 })
        .expect(400);
    });
  });

  describe('top-ups', () => {
    it('should credit principal and bonus once when the top-up order is paid, even if WeChat notifies again', async () => {
      const member = await factory.member();
      const started = await api()
        .post('/api/v1/me/wallet/top-ups')
        .set('authorization', member.authorization)
        .send({ planId: planIdByPay.get(100_000) })
        .expect(201);
      expect(started.body.payment.status).toBe('pending_payment');
      expect(started.body.payment.payment.package).toMatch(/^prepay_id=/);
      const pending = await orderOf(member, started.body.orderId);
      expect(pending).toMatchObject({
        kind: 'top_up',
        description: '储值充值 ¥1,000',
        items: [],
        payable: 100_000,
        status: 'pending_payment',
      });
      // Paid through the fake WeChat Pay (a real signed notification), then the same notification twice more.
      await fakePay(member, started.body.orderId);
      const transactionRows = await server.dataSource.query(
        'SELECT transaction_id FROM payments WHERE order_id = ?',
        [started.body.orderId],
      );
      const resource = paidTransaction(server.pay, pending, member.openid, {
        transaction_id: transactionRows[0].transaction_id,
      });
      const again = signedNotification(server.pay, 'TRANSACTION.SUCCESS', resource);
      const responses = await Promise.all(
        [1, 2].map(() => api().post('/api/v1/payments/wechat/notify').set(again.headers).send(again.body)),
      );
      expect(responses.map((response) => response.status)).toEqual([204, 204]);
      await runJob(server.baseUrl, 'outbox');
      await runJob(server.baseUrl, 'outbox');
      expect(await walletOf(member)).toEqual({ balance: 110_000, principal: 100_000, bonus: 10_000 });
      expect(await ledgerOf(member)).toEqual([
        expect.objectContaining({
          amount: 110_000,
          balanceAfter: 110_000,
          kind: 'top_up',
          orderId: pending.id,
        }),
      ]);
      const paid = await orderOf(member, started.body.orderId);
      expect(paid.status).toBe('completed');
      expect(paid.timeline.map((event: { to: string }) => event.to)).toEqual([
        'pending_payment',
        'paid',
        'completed',
      ]);
      // The member's order list shows shopping orders; top-ups are asked for by kind.
      const goods = await api().get('/api/v1/orders').set('authorization', member.authorization).expect(200);
      expect(goods.body.items).toEqual([]);
      const topUps = await api()
        .get('/api/v1/orders?kind=top_up')
        .set('authorization', member.authorization)
        .expect(200);
      expect(topUps.body.items).toEqual([
        expect.objectContaining({ id: pending.id, kind: 'top_up', firstItemName: '储值充值 ¥1,000' }),
      ]);
      // The member as the API shows it carries the wallet's balance.
      const me = await api().get('/api/v1/me').set('authorization', member.authorization).expect(200);
      expect(me.body.balance).toBe(110_000);
    });

    it('should never credit a top-up whose order was cancelled unpaid', async () => {
      const member = await factory.member();
      const started = await api()
        .post('/api/v1/me/wallet/top-ups')
        .set('authorization', member.authorization)
        .send({ planId: planIdByPay.get(10_000) })
        .expect(201);
      await api()
        .post(`/api/v1/orders/${started.body.orderId}/cancel`)
        .set('authorization', member.authorization)
        .expect(200);
      await runJob(server.baseUrl, 'outbox');
      const [topUp] = await server.dataSource.query('SELECT state FROM wallet_top_ups WHERE id = ?', [
        started.body.topUpId,
      ]);
      expect(topUp.state).toBe('cancelled');
      expect((await walletOf(member)).balance).toBe(0);
    });
  });

  describe('checkout', () => {
    it('should let exactly 10 of 50 concurrent ¥10 wallet payments through a ¥100 balance', async () => {
      const { member } = await toppedUp(10_000);
      const stockBefore = await stockOf(tenYuan.id);
      const responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          placeOrder(member, { items: [{ skuId: tenYuan.id, quantity: 1 }], useBalance: true }),
        ),
      );
      const created = responses.filter((response) => response.status === 201);
      const refused = responses.filter((response) => response.status !== 201);
      expect(created).toHaveLength(10);
      expect(
        created.every((response) => response.body.balancePaid === 1_000 && response.body.payable === 0),
      ).toBe(true);
      expect(refused.map((response) => response.status)).toEqual(Array(40).fill(409));
      expect(new Set(refused.map((response) => response.body.code))).toEqual(
        new Set(['WALLET_INSUFFICIENT']),
      );
      expect(await walletOf(member)).toEqual({ balance: 0, principal: 0, bonus: 0 });
      // Refused orders changed nothing: no order, no stock taken.
      expect(await stockOf(tenYuan.id)).toBe(stockBefore - 10);
      const [orders] = await server.dataSource.query('SELECT COUNT(*) AS n FROM orders WHERE member_id = ?', [
        member.memberId,
      ]);
      expect(Number(orders.n)).toBe(11);
      const payments = (await ledgerOf(member)).filter((entry) => entry.kind === 'payment');
      expect(payments).toHaveLength(10);
      expect(payments.every((entry) => entry.amount === -1_000 && entry.balanceAfter >= 0)).toBe(true);
    });

    it('should pay an order from the wallet alone, confirmed without WeChat Pay', async () => {
      const { member } = await toppedUp(30_000);
      const quote = await api()
        .post('/api/v1/orders/quote')
        .set('authorization', member.authorization)
        .send({
          storeId,
          fulfilment: 'pickup',
          items: [{ skuId: contact.id, quantity: 2 }],
          useBalance: true,
        })
        .expect(200);
      expect(quote.body).toMatchObject({
        subtotal: 25_800,
        balancePaid: 25_800,
        payable: 0,
        wallet: { balance: 31_000, suggestedPlan: null },
      });
      const order = await placeOrder(member, {
        items: [{ skuId: contact.id, quantity: 2 }],
        useBalance: true,
      }).expect(201);
      expect(order.body).toMatchObject({ balancePaid: 25_800, payable: 0, kind: 'goods' });
      const paid = await api()
        .post(`/api/v1/orders/${order.body.id}/pay`)
        .set('authorization', member.authorization)
        .expect(200);
      expect(paid.body).toEqual({ status: 'paid' });
      expect((await orderOf(member, order.body.id)).status).toBe('paid');
      // Principal first: the ¥258 comes out of the ¥300 principal; the ¥10 bonus is untouched.
      expect(await walletOf(member)).toEqual({ balance: 5_200, principal: 4_200, bonus: 1_000 });
    });

    it('should answer a retry with the same Idempotency-Key with the first order, debiting the wallet once', async () => {
      const { member } = await toppedUp(30_000);
      const send = () =>
        placeOrder(member, { items: [{ skuId: contact.id, quantity: 2 }], useBalance: true })
          .set('idempotency-key', 'wallet-retry-0001')
          .expect(201);
      const first = await send();
      expect(first.body).toMatchObject({ balancePaid: 25_800, payable: 0 });
      // The balance left (¥52) would price the retry differently; the key answers the first order.
      const again = await send();
      expect(again.body).toEqual(first.body);
      expect(await walletOf(member)).toEqual({ balance: 5_200, principal: 4_200, bonus: 1_000 });
    });

    it('should pay the balance first and WeChat Pay the rest, and suggest the top-up covering what is left', async () => {
      const { member } = await toppedUp(10_000);
      const body = { items: [{ skuId: contact.id, quantity: 2 }] };
      const without = await api()
        .post('/api/v1/orders/quote')
        .set('authorization', member.authorization)
        .send({ storeId, fulfilment: 'pickup', ...body })
        .expect(200);
      // ¥258 against a ¥100 balance: ¥158 is left, the ¥300 → ¥310 plan covers it.
      expect(without.body).toMatchObject({ balancePaid: 0, payable: 25_800 });
      expect(without.body.wallet).toEqual({
        balance: 10_000,
        suggestedPlan: expect.objectContaining({ pay: 30_000, credit: 31_000, suggested: true }),
      });
      const order = await placeOrder(member, { ...body, useBalance: true }).expect(201);
      expect(order.body).toMatchObject({ balancePaid: 10_000, payable: 15_800 });
      await fakePay(member, order.body.id);
      const paid = await orderOf(member, order.body.id);
      expect(paid.status).toBe('paid');
      const [payment] = await server.dataSource.query('SELECT amount FROM payments WHERE order_id = ?', [
        order.body.id,
      ]);
      expect(Number(payment.amount)).toBe(15_800);
      expect((await walletOf(member)).balance).toBe(0);
    });

    it('should refuse useBalance with a zero balance (409) and ignore the wallet without it', async () => {
      const member = await factory.member();
      const refused = await placeOrder(member, {
        items: [{ skuId: contact.id, quantity: 1 }],
        useBalance: true,
      }).expect(409);
      expect(refused.body.code).toBe('WALLET_INSUFFICIENT');
      const plain = await placeOrder(member, {
        items: [{ skuId: contact.id, quantity: 1 }],
        useBalance: false,
      }).expect(201);
      expect(plain.body).toMatchObject({ balancePaid: 0, payable: 12_900 });
      await placeOrder(member, { items: [{ skuId: contact.id, quantity: 1 }], useBalance: 'yes' }).expect(
        400,
      );
    });

    it('should apply the coupon before the wallet, and give both back when the order is cancelled', async () => {
      const { member } = await toppedUp(10_000);
      const template = await api()
        .post('/api/v1/admin/coupon-templates')
        .set('authorization', admin.authorization)
        .send({
          name: '立减20',
          kind: 'amount_off',
          amountOff: 2_000,
          threshold: 0,
          scope: {},
          perMemberLimit: 1,
          validity: { days: 30 },
          channel: 'claim',
          stackable: false,
        })
        .expect(201);
      const coupon = await api()
        .post(`/api/v1/coupons/${template.body.id}/claim`)
        .set('authorization', member.authorization)
        .expect(201);
      // ¥129 − ¥20 coupon = ¥109; ¥100 from the wallet, ¥9 left for WeChat Pay.
      const order = await placeOrder(member, {
        items: [{ skuId: contact.id, quantity: 1 }],
        couponId: coupon.body.id,
        useBalance: true,
      }).expect(201);
      expect(order.body).toMatchObject({
        subtotal: 12_900,
        discount: 2_000,
        balancePaid: 10_000,
        payable: 900,
      });
      await api()
        .post(`/api/v1/orders/${order.body.id}/cancel`)
        .set('authorization', member.authorization)
        .expect(200);
      await runJob(server.baseUrl, 'outbox');
      expect((await walletOf(member)).balance).toBe(10_000);
      const available = await api()
        .get('/api/v1/me/coupons?status=available')
        .set('authorization', member.authorization)
        .expect(200);
      expect(available.body.map((held: { id: number }) => held.id)).toEqual([coupon.body.id]);
    });

    it('should return the wallet payment of a cancelled order exactly once', async () => {
      const { member } = await toppedUp(30_000);
      const order = await placeOrder(member, {
        items: [{ skuId: contact.id, quantity: 1 }],
        useBalance: true,
      }).expect(201);
      expect((await walletOf(member)).balance).toBe(31_000 - 12_900);
      await api()
        .post(`/api/v1/orders/${order.body.id}/cancel`)
        .set('authorization', member.authorization)
        .expect(200);
      await runJob(server.baseUrl, 'outbox');
      await runJob(server.baseUrl, 'outbox');
      expect(await walletOf(member)).toEqual({ balance: 31_000, principal: 30_000, bonus: 1_000 });
      const entries = (await ledgerOf(member)).filter((entry) => entry.orderId === order.body.id);
      expect(entries.map((entry) => [entry.kind, entry.amount])).toEqual([
        ['cancel', 12_900],
        ['payment', -12_900],
      ]);
    });
  });

  describe('refunds', () => {
    it('should refund a wallet-only order in full to the wallet, without WeChat, ending refunded', async () => {
      const { member } = await toppedUp(30_000);
      const order = await placeOrder(member, {
        items: [{ skuId: contact.id, quantity: 1 }],
        useBalance: true,
      }).expect(201);
      await api()
        .post(`/api/v1/orders/${order.body.id}/pay`)
        .set('authorization', member.authorization)
        .expect(200);
      const refunded = await refund(order.body.id).expect(200);
      expect(refunded.body).toMatchObject({ status: 'refunded', refunded: 12_900, balanceRefunded: 12_900 });
      expect(await refundsOf(order.body.id)).toEqual([]);
      expect(await walletOf(member)).toEqual({ balance: 31_000, principal: 30_000, bonus: 1_000 });
      const again = await refund(order.body.id, { amount: 1 }).expect(409);
      expect(again.body.code).toBe('ORDER_TRANSITION_NOT_ALLOWED');
    });

    it('should take a partial refund from WeChat first, then the wallet, exactly, ending refunded', async () => {
      const { member } = await toppedUp(10_000);
      // ¥258: ¥100 from the wallet, ¥158 through WeChat Pay.
      const order = await placeOrder(member, {
        items: [{ skuId: contact.id, quantity: 2 }],
        useBalance: true,
      }).expect(201);
      await fakePay(member, order.body.id);
      const first = await refund(order.body.id, { amount: 10_000 }).expect(200);
      expect(first.body).toMatchObject({ refunded: 10_000, balanceRefunded: 0 });
      // ¥58 of WeChat and ¥20 of wallet.
      const second = await refund(order.body.id, { amount: 7_800 }).expect(200);
      expect(second.body).toMatchObject({ refunded: 17_800, balanceRefunded: 2_000 });
      expect((await walletOf(member)).balance).toBe(2_000);
      const tooMuch = await refund(order.body.id, { amount: 8_001 }).expect(422);
      expect(tooMuch.body.code).toBe('REFUND_AMOUNT_INVALID');
      await runJob(server.baseUrl, 'outbox');
      await waitFor(async () => (await refundsOf(order.body.id)).every((row) => row.state === 'succeeded'));
      expect((await orderOf(member, order.body.id)).status).toBe('paid');
      // The rest is wallet only: the order ends refunded at once (its WeChat refunds have settled).
      const rest = await refund(order.body.id).expect(200);
      expect(rest.body).toMatchObject({ status: 'refunded', refunded: 25_800, balanceRefunded: 10_000 });
      expect((await refundsOf(order.body.id)).map((row) => Number(row.amount))).toEqual([10_000, 5_800]);
      expect(await walletOf(member)).toEqual({ balance: 10_000, principal: 10_000, bonus: 0 });
    });

    it('should refund a wallet + WeChat order in full, each part where it came from', async () => {
      const { member } = await toppedUp(10_000);
      const order = await placeOrder(member, {
        items: [{ skuId: contact.id, quantity: 1 }],
        useBalance: true,
      }).expect(201);
      await fakePay(member, order.body.id);
      const refunded = await refund(order.body.id).expect(200);
      expect(refunded.body).toMatchObject({ refunded: 12_900, balanceRefunded: 10_000 });
      expect((await refundsOf(order.body.id)).map((row) => Number(row.amount))).toEqual([2_900]);
      expect((await walletOf(member)).balance).toBe(10_000);
      await runJob(server.baseUrl, 'outbox');
      await waitFor(async () => (await orderOf(member, order.body.id)).status === 'refunded');
    });

    it('should refund a top-up only up to its unspent principal, removing its share of the bonus', async () => {
      const { member, orderId } = await toppedUp(100_000);
      // Spend ¥300 (principal first).
      const spend = await placeOrder(member, {
        items: [{ skuId: tenYuan.id, quantity: 30 }],
        useBalance: true,
      }).expect(201);
      await api()
        .post(`/api/v1/orders/${spend.body.id}/pay`)
        .set('authorization', member.authorization)
        .expect(200);
      expect(await walletOf(member)).toEqual({ balance: 80_000, principal: 70_000, bonus: 10_000 });
      const whole = await refund(orderId, { amount: 100_000 }).expect(409);
      expect(whole.body.code).toBe('WALLET_TOP_UP_SPENT');
      expect(await walletOf(member)).toEqual({ balance: 80_000, principal: 70_000, bonus: 10_000 });
      const refunded = await refund(orderId).expect(200);
      expect(refunded.body.refunded).toBe(70_000);
      expect((await refundsOf(orderId)).map((row) => Number(row.amount))).toEqual([70_000]);
      await runJob(server.baseUrl, 'outbox');
      await waitFor(async () => (await refundsOf(orderId)).every((row) => row.state === 'succeeded'));
      // Part of it was spent: the top-up order stays completed, refunded in part.
      expect((await orderOf(member, orderId)).status).toBe('completed');
      // ¥700 of ¥1,000 principal refunded takes ¥70 of its ¥100 bonus with it.
      expect(await walletOf(member)).toEqual({ balance: 3_000, principal: 0, bonus: 3_000 });
      const nothingLeft = await refund(orderId).expect(409);
      expect(nothingLeft.body.code).toBe('WALLET_TOP_UP_SPENT');
      const entries = await ledgerOf(member);
      expect(entries[0]).toMatchObject({ kind: 'top_up_refund', amount: -77_000, balanceAfter: 3_000 });
    });
  });

  describe('ledger', () => {
    it('should keep every member’s ledger sum equal to the balance, never negative, after all of the above', async () => {
      const rows: { member_id: number; ledger: string; balance: string | null; negative: string }[] =
        await server.dataSource.query(
          `SELECT l.member_id, SUM(l.amount) AS ledger, MAX(a.principal + a.bonus) AS balance,
                  SUM(l.balance_after < 0) AS negative
             FROM wallet_ledger l LEFT JOIN wallet_accounts a ON a.member_id = l.member_id
            GROUP BY l.member_id`,
        );
      expect(rows.length).toBeGreaterThanOrEqual(9);
      for (const row of rows) {
        expect({ member: row.member_id, sum: Number(row.ledger) }).toEqual({
          member: row.member_id,
          sum: Number(row.balance),
        });
        expect(Number(row.negative)).toBe(0);
      }
      const lastEntries: { balance_after: number; balance: number }[] = await server.dataSource.query(
        `SELECT l.balance_after, a.principal + a.bonus AS balance FROM wallet_ledger l
           JOIN wallet_accounts a ON a.member_id = l.member_id
          WHERE l.id = (SELECT MAX(id) FROM wallet_ledger WHERE member_id = l.member_id)`,
      );
      expect(lastEntries.every((row) => Number(row.balance_after) === Number(row.balance))).toBe(true);
      const [negative] = await server.dataSource.query(
        'SELECT COUNT(*) AS n FROM wallet_accounts WHERE principal < 0 OR bonus < 0',
      );
      expect(Number(negative.n)).toBe(0);
    });
  });

  async function stockOf(skuId: number): Promise<number> {
    const [row] = await server.dataSource.query(
      'SELECT quantity FROM store_stock WHERE store_id = ? AND sku_id = ?',
      [storeId, skuId],
    );
    return Number(row.quantity);
  }
});
