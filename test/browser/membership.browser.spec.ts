import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import type { Order } from '@lensloop/shared';
import { DEMO_CUSTOMER } from '../../server/src/demo/demo-family';
import { auditedScreenshot } from '../support/axe';
import { customerAuth } from '../support/actors';
import { expectAttribute, expectVisibleText, launchBrowser, waitForTaroPage } from '../support/browser';
import { demoSkus, setStock } from '../support/orders';
import { startTestServer, type TestServer } from '../support/test-server';

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'browser');

describe('H5: the member centre, points at checkout and the points ledger', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let customer: Page;

  const shot = (page: Page, name: string) => auditedScreenshot(page, join(ARTIFACTS, `${name}.png`));

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([startTestServer({ seed: true }), launchBrowser()]);
    const skus = await demoSkus(server.dataSource);
    await setStock(server.dataSource, 1, skus.contact, 5);
    const { authorization } = await customerAuth(server.baseUrl, DEMO_CUSTOMER.openid.replace(/^dev-/, ''));
    await request(server.baseUrl)
      .post('/api/v1/cart/items')
      .set('authorization', authorization)
      .send({ skuId: skus.contact, quantity: 1 })
      .expect(201);
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    customer = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('should show 银卡, the way to 金卡 and the points from 我的', async () => {
    await customer.goto(`${server.baseUrl}/#/pages/login/index`);
    await waitForTaroPage(customer, 'pages/login/index');
    await customer.getByRole('textbox', { name: '开发登录码' }).fill(DEMO_CUSTOMER.openid);
    await customer.getByRole('button', { name: '微信一键登录' }).click();
    await waitForTaroPage(customer, 'pages/me/index');
    await customer.getByRole('link', { name: '会员中心' }).click();
    await waitForTaroPage(customer, 'subpackages/membership/centre/index');
    await expectVisibleText(customer.getByTestId('membership-tier'), '银卡会员');
    await expectVisibleText(customer.getByTestId('membership-points'), '1584');
    expect(await customer.getByTestId('membership-next').innerText()).toMatch(
      /^再消费 1429\.00 元 升级为金卡会员$/,
    );
    await shot(customer, '30-member-centre');
  });

  it('should pay part of an order with points at checkout and list the spend in the ledger', async () => {
    await customer.goto(`${server.baseUrl}/#/subpackages/shopping/checkout/index`);
    await waitForTaroPage(customer, 'subpackages/shopping/checkout/index');
    await customer.getByTestId('checkout-payable').waitFor();
    const toggle = customer.getByRole('checkbox', { name: '使用积分' });
    await expectAttribute(toggle, 'aria-checked', 'false');
    // Half of the ¥129 box may be paid with points: 6,450 points, but she holds 1,584.
    await expectVisibleText(customer.getByTestId('points-row-text'), '本单最多可用 1584 积分');
    await toggle.click();
    await expectAttribute(toggle, 'aria-checked', 'true');
    await expectVisibleText(customer.getByTestId('checkout-points-discount'), '15.84 元');
    await shot(customer, '31-checkout-points');

    const created = customer.waitForResponse(
      (response) => response.url().endsWith('/api/v1/orders') && response.request().method() === 'POST',
    );
    await customer.getByRole('button', { name: '提交订单并支付' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    const order = (await response.json()) as Order;
    expect(order).toMatchObject({ pointsDiscount: 1_584, payable: 12_900 - 1_584 });
    await waitForTaroPage(customer, 'subpackages/shopping/order/index');

    await customer.goto(`${server.baseUrl}/#/subpackages/membership/points/index`);
    await waitForTaroPage(customer, 'subpackages/membership/points/index');
    await expectVisibleText(customer.getByTestId('points-entry').first(), '-1584');
    expect(await customer.getByTestId('points-entry').count()).toBe(4);
    await shot(customer, '32-points-ledger');
  });
});
