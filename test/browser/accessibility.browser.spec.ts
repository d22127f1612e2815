import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import type { ProductDetail, ProductSummary } from '@lensloop/shared';
import { DEMO_CUSTOMER } from '../../server/src/demo/demo-family';
import { DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';
import { customerAuth } from '../support/actors';
import { expectNoAxeViolations } from '../support/axe';
import { launchBrowser, waitForTaroPage } from '../support/browser';
import { smallestVisibleText } from '../support/text-size';
import { placeOrder, setStock } from '../support/orders';
import { startTestServer, type TestServer } from '../support/test-server';

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'accessibility');
const LARGE_TEXT_KEY = 'lensloop.largeText';
/** A 1×1 PNG for a trade-in photo. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
type Mode = 'normal' | 'large';

/**
 * Every customer and staff page, each audited by axe (WCAG 2 A/AA) in normal and large-text mode
 * once its data is on screen. A new page joins this list.
 */
describe('H5 accessibility: WCAG 2 AA on every page, in normal and large-text mode', () => {
  let server: TestServer;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let productId: number;
  let orderId: number;
  let couponId: number;
  let tradeInId: number;
  let openGroupId: number;

  async function openPage(mode: Mode): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      geolocation: { latitude: 31.2304, longitude: 121.4737 },
      permissions: ['geolocation'],
    });
    contexts.push(context);
    // Taro's H5 storage keeps each value as {"data": …}; the 我的 switch writes the same key.
    if (mode === 'large') {
      await context.addInitScript(
        (key) => localStorage.setItem(key, JSON.stringify({ data: true })),
        LARGE_TEXT_KEY,
      );
    }
    return context.newPage();
  }

  async function visit(page: Page, route: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
    await page.goto(`${server.baseUrl}/#/${route}`);
    await waitForTaroPage(page, route.split('?')[0]);
    await ready(page);
  }

  async function audit(page: Page, mode: Mode, name: string, screenshot = false): Promise<void> {
    await expectNoAxeViolations(page, `${name} (${mode})`);
    // Large-text mode: body text at least 18 px; otherwise nothing below 14 px.
    const smallest = await smallestVisibleText(page);
    expect({ page: name, ...smallest, atLeast: smallest.size >= (mode === 'large' ? 18 : 14) }).toEqual({
      page: name,
      ...smallest,
      atLeast: true,
    });
    if (screenshot) await page.screenshot({ path: join(ARTIFACTS, `${name}-${mode}.png`), fullPage: true });
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([startTestServer({ seed: true }), launchBrowser()]);
    const { authorization } = await customerAuth(server.baseUrl, DEMO_CUSTOMER.openid.replace(/^dev-/, ''));
    const frames = (await request(server.baseUrl).get('/api/v1/products?category=frames').expect(200)).body
      .items as ProductSummary[];
    productId = frames[0].id;
    const product = (await request(server.baseUrl).get(`/api/v1/products/${productId}`).expect(200))
      .body as ProductDetail;
    const skuId = product.skus[0].id;
    await setStock(server.dataSource, 1, skuId, 10);
    orderId = (
      await placeOrder(server.baseUrl, authorization, { storeId: 1, items: [{ skuId, quantity: 1 }] })
    ).id;
    // A claimed coupon: my coupons, its QR page and the checkout's coupon choice have data.
    const claimable = (
      await request(server.baseUrl)
        .get('/api/v1/coupons/claimable')
        .set('authorization', authorization)
        .expect(200)
    ).body as { templateId: number; name: string }[];
    couponId = (
      await request(server.baseUrl)
        .post(`/api/v1/coupons/${claimable.find((coupon) => coupon.name === '满300减50')!.templateId}/claim`)
        .set('authorization', authorization)
        .expect(201)
    ).body.id;
    // A submitted trade-in (default estimate rules) for the customer's and the store's detail pages.
    const photo = await request(server.baseUrl)
      .post('/api/v1/trade-ins/photos')
      .set('authorization', authorization)
      .attach('file', TINY_PNG, { filename: 'glasses.png', contentType: 'image/png' })
      .expect(201);
    tradeInId = (
      await request(server.baseUrl)
        .post('/api/v1/trade-ins')
        .set('authorization', authorization)
        .send({
          category: 'optical',
          material: 'titanium',
          brandTier: 'premium',
          ageYears: 2,
          condition: 'good',
          storeId: 1,
          photoIds: [photo.body.id],
        })
        .expect(201)
    ).body.id;
    await request(server.baseUrl)
      .post('/api/v1/cart/items')
      .set('authorization', authorization)
      .send({ skuId, quantity: 1 })
      .expect(201);
    // Group-buy: the demo's 0-yuan cleaning — one group complete (a voucher), one still open.
    const campaigns = (await request(server.baseUrl).get('/api/v1/group-buys').expect(200)).body as {
      id: number;
      groupPrice: number;
    }[];
    const cleaning = campaigns.find((campaign) => campaign.groupPrice === 0)!.id;
    const seat = { storeId: 1, fulfilment: 'pickup' };
    const openCleaning = async (who: string) =>
      (
        await request(server.baseUrl)
          .post(`/api/v1/group-buys/${cleaning}/groups`)
          .set('authorization', who)
          .send(seat)
          .expect(201)
      ).body.group.id as number;
    const complete = await openCleaning(authorization);
    for (const friend of ['a11y-group-friend-1', 'a11y-group-friend-2']) {
      await request(server.baseUrl)
        .post(`/api/v1/groups/${complete}/join`)
        .set('authorization', (await customerAuth(server.baseUrl, friend)).authorization)
        .send(seat)
        .expect(200);
    }
    openGroupId = await openCleaning(authorization);
  });

  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('should turn large text on and off on 我的 by keyboard and keep the choice after a reload', async () => {
    const page = await openPage('normal');
    await visit(page, 'pages/me/index', (p) => p.getByRole('group', { name: '字体大小' }).waitFor());
    const bodyTextSize = () =>
      page.evaluate(() =>
        parseFloat(getComputedStyle(document.querySelector('.me-page__setting-label')!).fontSize),
      );
    expect(await bodyTextSize()).toBeLessThan(18);

    // Reached and pressed with the keyboard alone, with a visible focus outline.
    let focused: { label: string | null; outline: string } = { label: null, outline: '' };
    for (let presses = 0; presses < 20 && focused.label !== '大字'; presses += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => ({
        label: document.activeElement?.getAttribute('aria-label') ?? null,
        outline: document.activeElement ? getComputedStyle(document.activeElement).outlineStyle : '',
      }));
    }
    expect(focused).toEqual({ label: '大字', outline: 'solid' });
    await page.keyboard.press('Enter');
    expect(await page.getByRole('button', { name: '大字' }).getAttribute('aria-pressed')).toBe('true');
    expect(await bodyTextSize()).toBe(18);
    await page.reload();
    await waitForTaroPage(page, 'pages/me/index');
    expect(await bodyTextSize()).toBe(18);

    await page.getByRole('button', { name: '标准' }).click();
    expect(await bodyTextSize()).toBeLessThan(18);
  });

  describe.each<Mode>(['normal', 'large'])('in %s mode', (mode) => {
    it('should pass axe on every customer page', async () => {
      const page = await openPage(mode);
      await visit(page, 'pages/login/index', (p) =>
        p.getByRole('button', { name: '微信一键登录' }).waitFor(),
      );
      await audit(page, mode, 'login');
      await page.getByRole('textbox', { name: '开发登录码' }).fill(DEMO_CUSTOMER.openid);
      await page.getByRole('button', { name: '微信一键登录' }).click();
      await waitForTaroPage(page, 'pages/me/index');
      await page.getByTestId('me-profile').waitFor();
      await audit(page, mode, 'me', true);

      await visit(page, 'pages/index/index', (p) => p.getByTestId('featured-products').waitFor());
      await audit(page, mode, 'home', true);
      await visit(page, 'pages/products/index', (p) => p.getByTestId('product-list').waitFor());
      await audit(page, mode, 'products');
      await visit(page, `pages/product/index?id=${productId}`, (p) =>
        p.getByRole('heading').first().waitFor(),
      );
      await audit(page, mode, 'product', true);
      await visit(page, 'subpackages/shopping/cart/index', (p) => p.getByTestId('cart').waitFor());
      await audit(page, mode, 'cart');
      await visit(page, 'subpackages/shopping/checkout/index', (p) =>
        p.getByTestId('checkout-payable').waitFor(),
      );
      await audit(page, mode, 'checkout', true);
      await visit(page, 'subpackages/shopping/orders/index', (p) => p.getByTestId('orders').waitFor());
      await audit(page, mode, 'orders');
      await visit(page, `subpackages/shopping/order/index?id=${orderId}`, (p) =>
        p.getByTestId('order').waitFor(),
      );
      await audit(page, mode, 'order');
      await visit(page, 'subpackages/eyecare/fitting/index', (p) =>
        p.getByTestId('fitting-history').waitFor(),
      );
      await page.getByRole('tab').nth(1).click();
      await page.getByTestId('myopia-chart').waitFor();
      // Plain numbers: what changed, in one sentence, and the prescription in 度 on a tap.
      expect(await page.getByTestId('trend-sentence').innerText()).toMatch(
        /^从 \d{4}-\d\d-\d\d 到 \d{4}-\d\d-\d\d，右眼近视(加深|减轻)了 \d+ 度，左眼近视(加深|减轻)了 \d+ 度。$/,
      );
      const card = page.getByTestId('prescription-card').first();
      const sphere = await card.getByTestId('rx-row-od').getByRole('cell').first().innerText();
      await card.getByRole('button', { name: '看懂验光单' }).click();
      const degrees = Math.round(Math.abs(Number(sphere.replace('−', '-'))) * 100);
      expect(await card.getByTestId('prescription-plain').innerText()).toContain(
        `右眼 OD：近视 ${degrees} 度`,
      );
      await audit(page, mode, 'fitting-history', true);
      await visit(page, 'subpackages/eyecare/access-log/index', (p) =>
        p.getByTestId('access-log').or(p.getByTestId('empty')).first().waitFor(),
      );
      await audit(page, mode, 'access-log');
      await visit(page, 'subpackages/referral/invite/index', (p) => p.getByTestId('referral-page').waitFor());
      await audit(page, mode, 'referral');

      await visit(page, 'subpackages/member/coupons/index', (p) => p.getByTestId('my-coupons').waitFor());
      await audit(page, mode, 'my-coupons', true);
      await visit(page, 'subpackages/member/claim/index', (p) => p.getByTestId('claim-centre').waitFor());
      await audit(page, mode, 'claim-centre', true);
      await visit(page, `subpackages/member/coupon-code/index?id=${couponId}`, (p) =>
        p.getByTestId('coupon-qr').waitFor(),
      );
      await audit(page, mode, 'coupon-code', true);
      await visit(page, 'subpackages/member/trade-in/index', (p) => p.getByTestId('trade-in-form').waitFor());
      await audit(page, mode, 'trade-in', true);
      await visit(page, 'subpackages/member/trade-ins/index', (p) => p.getByTestId('my-trade-ins').waitFor());
      await audit(page, mode, 'my-trade-ins');
      await visit(page, `subpackages/member/trade-in-detail/index?id=${tradeInId}`, (p) =>
        p.getByAltText('旧眼镜照片 1').waitFor(),
      );
      await audit(page, mode, 'trade-in-detail', true);
      await visit(page, 'subpackages/member/communities/index', (p) =>
        p.getByTestId('my-communities').waitFor(),
      );
      // 王芳's groups: her store's and the parents' group, each QR code loaded and named.
      const groups = page.getByTestId('community-card');
      expect(await groups.getByRole('heading').allInnerTexts()).toEqual([
        '明眸眼镜 南京东路店 会员群',
        '近视防控家长群',
      ]);
      expect(await groups.getByTestId('community-kind').allInnerTexts()).toEqual(['门店群', '兴趣群']);
      const qr = page.getByAltText('近视防控家长群的入群二维码');
      await qr.waitFor();
      await page.waitForFunction(() => {
        const images = Array.from(document.querySelectorAll<HTMLImageElement>('img[alt$="入群二维码"]'));
        return images.length === 2 && images.every((image) => image.complete && image.naturalWidth > 0);
      });
      await audit(page, mode, 'my-communities', true);
      await visit(page, 'subpackages/membership/centre/index', (p) => p.getByTestId('membership').waitFor());
      expect(await page.getByTestId('membership-tier').innerText()).toBe('银卡会员');
      await audit(page, mode, 'membership', true);
      await visit(page, 'subpackages/membership/points/index', (p) =>
        p.getByTestId('points-ledger').waitFor(),
      );
      await audit(page, mode, 'points-ledger');
      await visit(page, 'subpackages/care/inbox/index', (p) =>
        p.getByTestId('inbox').or(p.getByTestId('empty')).first().waitFor(),
      );
      await audit(page, mode, 'inbox', true);
      await visit(page, 'subpackages/care/settings/index', (p) =>
        p.getByTestId('reminder-settings').waitFor(),
      );
      await audit(page, mode, 'reminder-settings', true);
      // The H5 stand-in for WeChat's subscribe dialog, over the fitting page (the demo has exams).
      await visit(page, 'subpackages/eyecare/fitting/index', (p) =>
        p.getByTestId('fitting-history').waitFor(),
      );
      await page.getByRole('button', { name: '接收提醒' }).click();
      await page.getByRole('dialog').waitFor();
      await audit(page, mode, 'subscribe-dialog', true);
      await page.getByRole('dialog').getByRole('button', { name: '拒绝' }).click();
      await visit(page, 'subpackages/groupbuy/list/index', (p) => p.getByTestId('group-buy-list').waitFor());
      await audit(page, mode, 'group-buys', true);
      await visit(page, `subpackages/groupbuy/detail/index?group=${openGroupId}`, (p) =>
        p.getByTestId('group-detail').waitFor(),
      );
      await audit(page, mode, 'group-buy-detail', true);
      await visit(page, 'subpackages/groupbuy/mine/index', (p) => p.getByTestId('my-groups').waitFor());
      await audit(page, mode, 'my-groups');
      await visit(page, 'subpackages/groupbuy/vouchers/index', (p) => p.getByTestId('my-vouchers').waitFor());
      await audit(page, mode, 'my-vouchers', true);
    });

    it('should pass axe on every staff page', async () => {
      const page = await openPage(mode);
      await visit(page, 'subpackages/staff/login/index', (p) =>
        p.getByRole('textbox', { name: '用户名' }).waitFor(),
      );
      await audit(page, mode, 'staff-login');
      await page.getByRole('textbox', { name: '用户名' }).fill('manager1');
      await page.getByRole('textbox', { name: '密码' }).fill(DEMO_STAFF_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('staff-profile').waitFor();
      await audit(page, mode, 'staff-desk');

      await visit(page, 'subpackages/staff/customers/index', (p) => p.getByRole('textbox').first().waitFor());
      await page.getByRole('textbox', { name: '手机号 / 会员码 / 姓名' }).fill(DEMO_CUSTOMER.phone);
      await page.getByRole('button', { name: '查找' }).click();
      await page.getByTestId('customer-results').waitFor();
      await audit(page, mode, 'staff-customers');
      await page.getByRole('link', { name: DEMO_CUSTOMER.nickname }).click();
      await waitForTaroPage(page, 'subpackages/staff/customer/index');
      await page.getByRole('button', { name: `查看验光单 ${DEMO_CUSTOMER.nickname}` }).click();
      await page.getByTestId('prescription-card').waitFor();
      // A manual tag beside the automatic ones (with their reasons), then removed again.
      await page.getByRole('textbox', { name: '新标签' }).fill('KOC');
      await page.getByRole('button', { name: '添加标签' }).click();
      await page.getByTestId('manual-tag').waitFor();
      await audit(page, mode, 'staff-customer-card', true);
      await page.getByRole('button', { name: '删除标签 KOC' }).click();
      await page.getByTestId('manual-tag').waitFor({ state: 'detached' });
      await page
        .getByRole('button', { name: /^录入新验光单/ })
        .first()
        .click();
      await waitForTaroPage(page, 'subpackages/staff/record/index');
      await page.getByRole('textbox').first().waitFor();
      await audit(page, mode, 'staff-record');
      await visit(page, 'subpackages/staff/orders/index', (p) =>
        p.getByTestId('staff-orders').or(p.getByTestId('empty')).first().waitFor(),
      );
      await audit(page, mode, 'staff-orders');
      await visit(page, 'subpackages/staff/redeem/index', (p) => p.getByTestId('staff-redeem').waitFor());
      await page.getByRole('textbox', { name: '券码' }).fill('not-a-code');
      await page.getByRole('button', { name: '核销' }).click();
      await page.getByTestId('redeem-error').waitFor();
      await audit(page, mode, 'staff-redeem');
      await visit(page, 'subpackages/staff/trade-ins/index', (p) =>
        p
          .getByTestId('staff-trade-ins')
          .or(p.getByTestId('empty'))
          .or(p.getByTestId('error'))
          .first()
          .waitFor(),
      );
      await audit(page, mode, 'staff-trade-ins');
      await visit(page, 'subpackages/staff/my-customers/index', (p) =>
        p.getByTestId('my-customers').or(p.getByTestId('empty')).first().waitFor(),
      );
      await audit(page, mode, 'staff-my-customers');
      await visit(page, 'subpackages/staff/leaderboard/index', (p) => p.getByTestId('leaderboard').waitFor());
      await page.getByRole('button', { name: '本月' }).click();
      await page.getByTestId('leaderboard-row').first().waitFor();
      await audit(page, mode, 'staff-leaderboard', true);
      await visit(page, 'subpackages/staff/tasks/index', (p) =>
        p.getByTestId('staff-tasks').or(p.getByTestId('empty')).first().waitFor(),
      );
      await audit(page, mode, 'staff-tasks');
      await visit(page, 'subpackages/staff/task-summary/index', (p) =>
        p.getByTestId('task-summary').or(p.getByTestId('empty')).first().waitFor(),
      );
      await audit(page, mode, 'staff-task-summary');
    });
  });
});
