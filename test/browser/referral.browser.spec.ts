import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { customerAuth } from '../support/actors';
import { expectNoAxeViolations } from '../support/axe';
import { expectVisibleText, launchBrowser, waitForTaroPage } from '../support/browser';
import { smallestVisibleText } from '../support/text-size';
import { Factory, type StaffFixture } from '../support/factories';
import { placeOrder } from '../support/orders';
import { advanceClock, resetClock, runJob, waitFor } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

const REFERRAL_ROUTE = 'subpackages/referral/invite/index';

describe('H5: a referred friend buys and the referrer sees the reward', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let clerk: StaffFixture;
  let storeId: number;
  let skuId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const factory = new Factory(server);
    storeId = (await factory.store()).id;
    clerk = await factory.staff('clerk', storeId);
    skuId = (await factory.sku('frames', { storeId, quantity: 10, price: 39_900 })).id;
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await resetClock(server.baseUrl);
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function settleEvents(): Promise<void> {
    await waitFor(async () => {
      await runJob(server.baseUrl, 'outbox');
      const [row] = await server.dataSource.query(
        'SELECT COUNT(*) AS n FROM outbox_events WHERE delivered_at IS NULL AND dead_at IS NULL',
      );
      return Number(row.n) === 0;
    });
  }

  it('should attribute a friend who logs in through the share link and reward the referrer after the window', async () => {
    const referrer = await customerAuth(server.baseUrl, 'e2e-referrer');
    const mine = await request(server.baseUrl)
      .get('/api/v1/me/referral')
      .set('authorization', referrer.authorization)
      .expect(200);
    const code: string = mine.body.code;

    // The friend opens the shared link, then logs in.
    await page.goto(`${server.baseUrl}/#/pages/index/index?ref=${code}`);
    await waitForTaroPage(page, 'pages/index/index');
    await page.goto(`${server.baseUrl}/#/pages/login/index`);
    await waitForTaroPage(page, 'pages/login/index');
    await page.getByRole('textbox', { name: '开发登录码' }).fill('dev-e2e-referred-friend');
    await page.getByRole('button', { name: '微信一键登录' }).click();
    await waitForTaroPage(page, 'pages/me/index');
    await settleEvents();
    const [scan] = await server.dataSource.query('SELECT COUNT(*) AS n FROM referral_scans WHERE code = ?', [
      code,
    ]);
    expect(Number(scan.n)).toBe(1);

    // The friend buys; the store completes the order.
    const friendToken = await page.evaluate(
      () => (JSON.parse(localStorage.getItem('lensloop.token') ?? '{}') as { data: string }).data,
    );
    const friend = `Bearer ${friendToken}`;
    const order = await placeOrder(server.baseUrl, friend, { storeId, items: [{ skuId, quantity: 1 }] });
    await request(server.baseUrl)
      .post(`/api/v1/dev/payments/${order.id}/succeed`)
      .set('authorization', friend)
      .expect(200);
    for (const to of ['processing', 'ready_for_pickup', 'completed']) {
      await request(server.baseUrl)
        .post(`/api/v1/staff/orders/${order.id}/transition`)
        .set('authorization', clerk.authorization)
        .send({ to })
        .expect(200);
    }
    await settleEvents();

    // The return window passes on the test clock; the job grants the reward.
    await advanceClock(server.baseUrl, 8 * 24 * 60 * 60);
    await runJob(server.baseUrl, 'referral-rewards');

    // The referrer opens 邀请好友.
    await page.evaluate(
      (token) => localStorage.setItem('lensloop.token', JSON.stringify({ data: token })),
      referrer.authorization.replace('Bearer ', ''),
    );
    await page.goto(`${server.baseUrl}/#/${REFERRAL_ROUTE}`);
    await waitForTaroPage(page, REFERRAL_ROUTE);
    await expectVisibleText(page.getByTestId('referral-code'), code);
    await expectVisibleText(page.getByTestId('referral-invited'), '已邀请 1 人');
    await expectVisibleText(page.getByTestId('referral-rewarded'), '已获奖励 1 次');
    await expectVisibleText(page.getByTestId('referral-friend-status'), '已奖励');
    await expectVisibleText(
      page.getByTestId('referral-link'),
      `${server.baseUrl}/#/pages/index/index?ref=${code}`,
    );
    // The mini-program code image loads from the server.
    await page.waitForFunction(() => {
      const image = document.querySelector('[data-testid="referral-qr"] img') as HTMLImageElement | null;
      return image !== null && image.complete && image.naturalWidth > 0;
    });
  });

  it('should pass WCAG 2 AA in normal and large-text mode, with large text at least 18 px', async () => {
    for (const large of [false, true]) {
      await page.evaluate(
        (on) => localStorage.setItem('lensloop.largeText', JSON.stringify({ data: on })),
        large,
      );
      await page.goto(`${server.baseUrl}/#/pages/index/index`);
      await page.goto(`${server.baseUrl}/#/${REFERRAL_ROUTE}`);
      await page.reload();
      await waitForTaroPage(page, REFERRAL_ROUTE);
      await page.getByTestId('referral-page').waitFor();
      await expectNoAxeViolations(page, `referral (${large ? 'large' : 'normal'})`);
      const smallest = await smallestVisibleText(page);
      expect({ ...smallest, atLeast: smallest.size >= (large ? 18 : 14) }).toEqual({
        ...smallest,
        atLeast: true,
      });
    }
  });
});
