import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import type { Order } from '@lensloop/shared';
import { auditedScreenshot } from '../support/axe';
import { customerAuth, staffAuth } from '../support/actors';
import { expectAttribute, expectVisibleText, launchBrowser, waitForTaroPage } from '../support/browser';
import { demoSkus, setStock, type DemoSkus } from '../support/orders';
import { startTestServer, type TestServer } from '../support/test-server';
import { daysAgo } from '../support/dates';

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'browser');

describe('H5: buy glasses and contact lenses, pay, pick up', () => {
  let server: TestServer;
  let browser: Browser;
  let customerContext: BrowserContext;
  let staffContext: BrowserContext;
  let customer: Page;
  let staff: Page;
  let skus: DemoSkus;
  let order: Order;

  const shot = (page: Page, name: string) => auditedScreenshot(page, join(ARTIFACTS, `${name}.png`));
  const productIdOf = async (skuId: number) =>
    Number(
      (await server.dataSource.query('SELECT product_id FROM skus WHERE id = ?', [skuId]))[0].product_id,
    );

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([startTestServer({ seed: true }), launchBrowser()]);
    skus = await demoSkus(server.dataSource);
    await setStock(server.dataSource, 1, skus.frame, 5);
    await setStock(server.dataSource, 1, skus.contact, 5);
    const options = { viewport: { width: 390, height: 844 }, locale: 'zh-CN' };
    [customerContext, staffContext] = await Promise.all([
      browser.newContext(options),
      browser.newContext(options),
    ]);
    [customer, staff] = await Promise.all([customerContext.newPage(), staffContext.newPage()]);
  });

  afterAll(async () => {
    await customerContext?.close();
    await staffContext?.close();
    await browser?.close();
    await server?.stop();
  });

  async function addToCart(page: Page): Promise<void> {
    const added = page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/cart/items') && response.status() === 201,
    );
    await page.getByTestId('add-to-cart').click();
    await added;
  }

  it('should put a frame with configured lenses and a contact-lens box in the cart', async () => {
    await customer.goto(`${server.baseUrl}/#/pages/login/index`);
    await waitForTaroPage(customer, 'pages/login/index');
    await customer.getByRole('textbox', { name: '开发登录码' }).fill('dev-e2e-glasses');
    await customer.getByRole('button', { name: '微信一键登录' }).click();
    await waitForTaroPage(customer, 'pages/me/index');

    await customer.goto(`${server.baseUrl}/#/pages/product/index?id=${await productIdOf(skus.frame)}`);
    await waitForTaroPage(customer, 'pages/product/index');
    await customer.getByRole('radiogroup', { name: '颜色' }).getByRole('radio', { name: '黑色' }).click();
    await customer
      .getByRole('radiogroup', { name: '镜片' })
      .getByRole('radio', { name: /清晰视界镜片$/ })
      .click();
    await customer.getByRole('radio', { name: /^折射率 1\.56/ }).click();
    await customer.getByRole('checkbox', { name: /高端减反射防污膜/ }).click();
    await customer.getByRole('checkbox', { name: /^防蓝光/ }).click();
    await customer.getByTestId('configured-price').waitFor();
    await shot(customer, '10-frame-lens-configurator');
    await addToCart(customer);

    await customer.goto(`${server.baseUrl}/#/pages/product/index?id=${await productIdOf(skus.contact)}`);
    await waitForTaroPage(customer, 'pages/product/index');
    await customer.getByRole('radiogroup', { name: '度数' }).getByRole('radio', { name: '-3.00' }).click();
    await addToCart(customer);

    await customer.goto(`${server.baseUrl}/#/subpackages/shopping/cart/index`);
    await waitForTaroPage(customer, 'subpackages/shopping/cart/index');
    await customer.getByTestId('priced-item').nth(1).waitFor();
    expect(await customer.getByTestId('priced-item').count()).toBe(2);
    await shot(customer, '11-cart');
  });

  it('should check out for pickup with the last prescription and pay (the fake WeChat Pay notifies the server)', async () => {
    // The customer had an eye exam in store: consent, then the optometrist records it.
    const { authorization, memberId } = await customerAuth(server.baseUrl, 'e2e-glasses');
    await request(server.baseUrl)
      .post('/api/v1/me/consents')
      .set('authorization', authorization)
      .send({ kind: 'prescription_storage', granted: true, policyVersion: '2026-11' })
      .expect(201);
    const exam = await request(server.baseUrl)
      .post(`/api/v1/staff/customers/${memberId}/prescriptions`)
      .set('authorization', (await staffAuth(server.baseUrl, 'optometrist1')).authorization)
      .send({
        kind: 'distance',
        examDate: daysAgo(60),
        od: { sphere: -300, cylinder: 0 },
        os: { sphere: -275, cylinder: 0 },
        pd: { binocular: 630 },
      })
      .expect(201);

    await customer.getByRole('button', { name: '去结算' }).click();
    await waitForTaroPage(customer, 'subpackages/shopping/checkout/index');
    await customer.getByTestId('checkout-payable').waitFor();
    // The newest valid prescription is chosen; "add it later" stays possible.
    const lastExam = customer.getByRole('radio', { name: `本人 ${daysAgo(60)}（远用）` });
    await expectAttribute(lastExam, 'aria-checked', 'true');
    await customer.getByRole('radio', { name: '到店后补充验光单' }).waitFor();
    await shot(customer, '12-checkout');

    const created = customer.waitForResponse(
      (response) => response.url().endsWith('/api/v1/orders') && response.request().method() === 'POST',
    );
    await customer.getByRole('button', { name: '提交订单并支付' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    order = (await response.json()) as Order;
    expect(order.items).toHaveLength(2);
    expect(order.items[0].lens?.options.map((option) => option.code)).toEqual(['AR-PREMIUM', 'BLUE-CUT']);
    expect(order.items[0].prescriptionId).toBe(exam.body.id);
    expect(order.items[1].prescriptionId).toBeNull();

    await waitForTaroPage(customer, 'subpackages/shopping/order/index');
    await expectVisibleText(customer.getByTestId('order-status'), '已支付');
    await customer.getByText('已关联验光单，按此配镜').waitFor();
    await shot(customer, '13-order-paid');
  });

  it('should let store staff move the order on until it is ready for pickup', async () => {
    await staff.goto(`${server.baseUrl}/#/subpackages/staff/login/index`);
    await waitForTaroPage(staff, 'subpackages/staff/login/index');
    await staff.getByRole('textbox', { name: '用户名' }).fill('clerk1');
    await staff.getByRole('textbox', { name: '密码' }).fill('lensloop-demo');
    await staff.getByTestId('staff-login-submit').click();
    await staff.getByTestId('staff-profile').waitFor();
    await staff.getByRole('link', { name: '今日订单' }).click();
    await waitForTaroPage(staff, 'subpackages/staff/orders/index');

    const card = staff.getByTestId(`order-${order.id}`);
    await card.waitFor();
    await staff.getByRole('button', { name: `订单号 ${order.no} 改为：加工中` }).click();
    await expectVisibleText(card.getByTestId('order-status'), '加工中');
    await staff.getByRole('button', { name: `订单号 ${order.no} 改为：待取货` }).click();
    await expectVisibleText(card.getByTestId('order-status'), '待取货');
    await shot(staff, '14-staff-orders');
  });

  it('should show the customer "ready for pickup" with the timeline', async () => {
    await customer.reload();
    await waitForTaroPage(customer, 'subpackages/shopping/order/index');
    await expectVisibleText(customer.getByTestId('order-status'), '待取货');
    const steps = customer.getByTestId('timeline').getByRole('listitem');
    expect(await steps.count()).toBe(4);
    await shot(customer, '15-order-ready-for-pickup');
  });
});
