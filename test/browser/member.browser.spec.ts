import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import type { Member } from '@lensloop/shared';
import { DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';
import { customerAuth } from '../support/actors';
import { auditedScreenshot } from '../support/axe';
import { launchBrowser, waitForTaroPage } from '../support/browser';
import { startTestServer, type TestServer } from '../support/test-server';

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'browser');
const CUSTOMER = 'e2e-member-code';

/** 我的: phone binding (H5 dev code) and the member QR/barcode the staff desk finds the customer by. */
describe('H5: phone binding and the member code on 我的', () => {
  let server: TestServer;
  let browser: Browser;
  let customerContext: BrowserContext;
  let staffContext: BrowserContext;
  let customer: Page;
  let staff: Page;
  let authorization: string;

  const open = async (page: Page, route: string) => {
    await page.goto(`${server.baseUrl}/#/${route}`);
    await waitForTaroPage(page, route.split('?')[0]);
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([startTestServer({ seed: true }), launchBrowser()]);
    const options = { viewport: { width: 390, height: 844 }, locale: 'zh-CN' };
    [customerContext, staffContext] = await Promise.all([
      browser.newContext(options),
      browser.newContext(options),
    ]);
    [customer, staff] = await Promise.all([customerContext.newPage(), staffContext.newPage()]);
    ({ authorization } = await customerAuth(server.baseUrl, CUSTOMER));
  });

  afterAll(async () => {
    await customerContext?.close();
    await staffContext?.close();
    await browser?.close();
    await server?.stop();
  });

  it('should refuse a malformed dev phone, then bind the phone and show it masked', async () => {
    await open(customer, 'pages/login/index');
    await customer.getByRole('textbox', { name: '开发登录码' }).fill(`dev-${CUSTOMER}`);
    await customer.getByRole('button', { name: '微信一键登录' }).click();
    await waitForTaroPage(customer, 'pages/me/index');
    await customer.getByTestId('phone-binding').waitFor();

    await customer.getByRole('textbox', { name: '开发手机号（11 位）' }).fill('1390000');
    await customer.getByRole('button', { name: '绑定手机号' }).click();
    await customer.getByText('请输入 11 位手机号').waitFor();
    expect(
      (await request(server.baseUrl).get('/api/v1/me').set('authorization', authorization)).body,
    ).toMatchObject({ phoneMasked: null });

    await customer.getByRole('textbox', { name: '开发手机号（11 位）' }).fill('13900008888');
    await customer.getByRole('button', { name: '绑定手机号' }).click();
    await customer.getByTestId('member-phone').waitFor();
    const member = (await request(server.baseUrl).get('/api/v1/me').set('authorization', authorization))
      .body as Member;
    expect(member.phoneMasked).toMatch(/^139.*8888$/);
    expect(await customer.getByTestId('member-phone').innerText()).toBe(member.phoneMasked);
    expect(await customer.getByTestId('phone-binding').count()).toBe(0);
  });

  it('should draw the member code as a QR code and a barcode with its text, which the staff desk finds', async () => {
    const card = customer.getByTestId('member-qr');
    await card.getByRole('img', { name: '会员码二维码' }).waitFor();
    const barcode = card.getByTestId('scan-code-barcode');
    // Code 128: start, one symbol per character, checksum and stop; 3 bars per symbol (stop: 4).
    const code = (await card.getByTestId('scan-code-text').innerText()).trim();
    const bars = await barcode.locator('.scan-code__bar').count();
    expect(bars).toBe((code.length + 2) * 3 + 4);
    await auditedScreenshot(customer, join(ARTIFACTS, '50-member-code.png'));

    await open(staff, 'subpackages/staff/login/index');
    await staff.getByRole('textbox', { name: '用户名' }).fill('manager1');
    await staff.getByRole('textbox', { name: '密码' }).fill(DEMO_STAFF_PASSWORD);
    await staff.getByRole('button', { name: '登录' }).click();
    await staff.getByTestId('staff-profile').waitFor();
    await open(staff, 'subpackages/staff/customers/index');
    await staff.getByRole('textbox', { name: '手机号 / 会员码 / 姓名' }).fill(code);
    await staff.getByRole('button', { name: '查找' }).click();
    await staff
      .getByTestId('customer-results')
      .getByText(/^139.*8888$/)
      .waitFor();
  });
});
