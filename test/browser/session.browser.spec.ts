import { createHmac, randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { customerAuth } from '../support/actors';
import { launchBrowser, waitForTaroPage } from '../support/browser';
import { startTestServer, type TestServer } from '../support/test-server';

const JWT_SECRET = randomBytes(32).toString('hex');
const ORDERS_ROUTE = 'subpackages/shopping/orders/index';

/** A token the server signed (same secret and claims) that ran out an hour ago. */
function expiredToken(memberId: number): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({
    sub: memberId,
    role: 'customer',
    storeId: null,
    iat: now - 7200,
    exp: now - 3600,
  })}`;
  return `${unsigned}.${createHmac('sha256', JWT_SECRET).update(unsigned).digest('base64url')}`;
}

describe('H5: an expired or missing session', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ env: { JWT_SECRET } }), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('should send the orders page with an expired token to login, and back to the orders after logging in', async () => {
    const { memberId } = await customerAuth(server.baseUrl, 'e2e-expired');
    await page.goto(`${server.baseUrl}/`);
    await waitForTaroPage(page, 'pages/index/index');
    // Taro's H5 storage keeps each value as {"data": …} in localStorage.
    await page.evaluate(
      (token) => localStorage.setItem('lensloop.token', JSON.stringify({ data: token })),
      expiredToken(memberId),
    );

    const rejected = page.waitForResponse(
      (response) => response.url().includes('/api/v1/orders') && response.status() === 401,
    );
    await page.goto(`${server.baseUrl}/#/${ORDERS_ROUTE}`);
    await rejected;
    await waitForTaroPage(page, 'pages/login/index');
    expect(await page.evaluate(() => localStorage.getItem('lensloop.token'))).toBeNull();

    await page.getByRole('textbox', { name: '开发登录码' }).fill('dev-e2e-expired');
    await page.getByRole('button', { name: '微信一键登录' }).click();
    await waitForTaroPage(page, ORDERS_ROUTE);
    await page.getByText('还没有订单', { exact: false }).or(page.getByTestId('orders')).first().waitFor();
    expect(await page.getByTestId('error').count()).toBe(0);
  });

  it('should send a signed-out visitor of an order page to login and back to that order', async () => {
    await page.evaluate(() => localStorage.removeItem('lensloop.token'));
    await page.goto(`${server.baseUrl}/#/subpackages/shopping/order/index?id=1`);
    await waitForTaroPage(page, 'pages/login/index');
    expect(new URL(page.url()).hash).toContain(encodeURIComponent('/subpackages/shopping/order/index?id=1'));

    await page.getByRole('textbox', { name: '开发登录码' }).fill('dev-e2e-expired');
    await page.getByRole('button', { name: '微信一键登录' }).click();
    await waitForTaroPage(page, 'subpackages/shopping/order/index');
    expect(new URL(page.url()).hash).toContain('id=1');
  });
});
