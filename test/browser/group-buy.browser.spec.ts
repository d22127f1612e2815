import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { expectVisibleText, launchBrowser, waitForTaroPage } from '../support/browser';
import { Factory, type StaffFixture } from '../support/factories';
import { runJob, waitFor } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

const LIST_ROUTE = 'subpackages/groupbuy/list/index';
const DETAIL_ROUTE = 'subpackages/groupbuy/detail/index';
const CAMPAIGN = '三人团 · 镜框特惠';

describe('H5: a member opens a group, two friends join through the share link, the group completes', () => {
  let server: TestServer;
  let browser: Browser;
  let contexts: BrowserContext[];
  let pages: Page[];
  let storeId: number;
  let admin: StaffFixture;
  let clerk: StaffFixture;
  let factory: Factory;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    factory = new Factory(server);
    storeId = (await factory.store()).id;
    admin = await factory.staff('admin', null);
    clerk = await factory.staff('clerk', storeId);
    const skuId = (await factory.sku('frames', { storeId, quantity: 10, price: 39_900 })).id;
    await request(server.baseUrl)
      .post('/api/v1/admin/group-buy-campaigns')
      .set('authorization', admin.authorization)
      .send({
        name: CAMPAIGN,
        skuId,
        groupPrice: 19_900,
        groupSize: 3,
        hoursToComplete: 24,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        perMemberLimit: 1,
        newMembersOnly: false,
      })
      .expect(201);
    contexts = await Promise.all(
      [0, 1, 2].map(() => browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })),
    );
    pages = await Promise.all(contexts.map((context) => context.newPage()));
  });

  afterAll(async () => {
    await Promise.all((contexts ?? []).map((context) => context.close()));
    await browser?.close();
    await server?.stop();
  });

  /** Delivers every pending domain event (seats paid → group complete). */
  async function settleEvents(): Promise<void> {
    await waitFor(async () => {
      await runJob(server.baseUrl, 'outbox');
      const [row] = await server.dataSource.query(
        'SELECT COUNT(*) AS n FROM outbox_events WHERE delivered_at IS NULL AND dead_at IS NULL',
      );
      return Number(row.n) === 0;
    });
  }

  async function login(page: Page, name: string): Promise<void> {
    await page.goto(`${server.baseUrl}/#/pages/login/index`);
    await waitForTaroPage(page, 'pages/login/index');
    await page.getByRole('textbox', { name: '开发登录码' }).fill(`dev-${name}`);
    await page.getByRole('button', { name: '微信一键登录' }).click();
    await waitForTaroPage(page, 'pages/me/index');
  }

  async function reloadDetail(page: Page): Promise<void> {
    await page.reload();
    await waitForTaroPage(page, DETAIL_ROUTE);
    await page.getByTestId('group-detail').waitFor();
  }

  it('should complete the group once the third member has paid', async () => {
    const [leader, second, third] = pages;

    // The leader finds the deal from the home page and opens a group (paid through the fake WeChat Pay).
    await login(leader, 'e2e-group-leader');
    await leader.goto(`${server.baseUrl}/#/pages/index/index`);
    await waitForTaroPage(leader, 'pages/index/index');
    await leader.getByTestId('home-group-buys').click();
    await waitForTaroPage(leader, LIST_ROUTE);
    await leader.getByRole('button', { name: `我要开团 ${CAMPAIGN}` }).click();
    await waitForTaroPage(leader, DETAIL_ROUTE);
    await settleEvents();
    await reloadDetail(leader);
    await expectVisibleText(leader.getByTestId('group-status'), '拼团中');
    await expectVisibleText(leader.getByTestId('group-progress'), '已付款 1/3 人');
    await expectVisibleText(leader.getByTestId('group-seats-left'), '还差 2 人成团');
    expect(await leader.getByTestId('group-countdown').innerText()).toMatch(/^剩余 2[0-3]:[0-5]\d:[0-5]\d$/);
    const link = await leader.getByTestId('group-share-link').innerText();
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/#/${DETAIL_ROUTE}\\?group=\\d+$`));

    // Two friends open the share link, log in when asked, and join.
    for (const [index, friend] of [second, third].entries()) {
      await login(friend, `e2e-group-friend-${index}`);
      await friend.goto(link);
      await waitForTaroPage(friend, DETAIL_ROUTE);
      await friend.getByRole('button', { name: '立即参团' }).click();
      await friend.getByTestId('group-joined').waitFor();
      await settleEvents();
    }

    await reloadDetail(leader);
    await expectVisibleText(leader.getByTestId('group-status'), '拼团成功');
    await expectVisibleText(leader.getByTestId('group-progress'), '已付款 3/3 人');
    const members = leader.getByTestId('group-members').getByRole('listitem');
    expect(await members.count()).toBe(3);
    expect(await members.first().innerText()).toContain('团长');

    // 我的拼团 shows it complete for a friend too.
    await second.goto(`${server.baseUrl}/#/subpackages/groupbuy/mine/index`);
    await waitForTaroPage(second, 'subpackages/groupbuy/mine/index');
    await expectVisibleText(second.getByTestId('my-group-status'), '拼团成功');
    const [group] = await server.dataSource.query('SELECT status, paid_count FROM group_buy_groups');
    expect(group).toMatchObject({ status: 'complete', paid_count: 3 });
  });

  it('should let a clerk redeem a 0-yuan group’s service voucher on the redeem page, once', async () => {
    const serviceSku = (await factory.sku('services', { storeId, quantity: 100, price: 8_000 })).id;
    const campaign = await request(server.baseUrl)
      .post('/api/v1/admin/group-buy-campaigns')
      .set('authorization', admin.authorization)
      .send({
        name: '0 元拼 · 清洗',
        skuId: serviceSku,
        groupPrice: 0,
        groupSize: 2,
        hoursToComplete: 24,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        perMemberLimit: 1,
        newMembersOnly: false,
      })
      .expect(201);
    const [leader, friend] = [await factory.member(), await factory.member()];
    const seat = { storeId, fulfilment: 'pickup' };
    const opened = await request(server.baseUrl)
      .post(`/api/v1/group-buys/${campaign.body.id}/groups`)
      .set('authorization', leader.authorization)
      .send(seat)
      .expect(201);
    await request(server.baseUrl)
      .post(`/api/v1/groups/${opened.body.group.id}/join`)
      .set('authorization', friend.authorization)
      .send(seat)
      .expect(200);
    const [voucher] = (
      await request(server.baseUrl)
        .get('/api/v1/me/vouchers')
        .set('authorization', friend.authorization)
        .expect(200)
    ).body;

    // The member sees the voucher and its code.
    const page = pages[0];
    await page.evaluate(
      (token) => localStorage.setItem('lensloop.token', JSON.stringify({ data: token })),
      friend.authorization.replace('Bearer ', ''),
    );
    await page.goto(`${server.baseUrl}/#/subpackages/groupbuy/vouchers/index`);
    await waitForTaroPage(page, 'subpackages/groupbuy/vouchers/index');
    await expectVisibleText(page.getByTestId('voucher-code'), voucher.code);
    await expectVisibleText(page.getByTestId('voucher-status'), '未使用');

    // The clerk types the code on 扫码核销.
    await page.evaluate(
      (token) => localStorage.setItem('lensloop.token', JSON.stringify({ data: token })),
      clerk.authorization.replace('Bearer ', ''),
    );
    await page.goto(`${server.baseUrl}/#/subpackages/staff/redeem/index`);
    await waitForTaroPage(page, 'subpackages/staff/redeem/index');
    for (const expected of ['voucher-redeem-success', 'redeem-error']) {
      await page.getByRole('textbox', { name: '券码' }).fill(voucher.code);
      await page.getByRole('button', { name: '核销' }).click();
      await page.getByTestId(expected).waitFor();
    }
    await expectVisibleText(page.getByTestId('redeem-error'), '该服务券已核销');
  });
});
