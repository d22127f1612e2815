import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import type { Member } from '@lensloop/shared';
import { customerAuth } from '../support/actors';
import { auditedScreenshot } from '../support/axe';
import { startH5Stage, type H5Stage } from '../support/h5-stage';
import type { TestServer } from '../support/test-server';

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'browser');
const CUSTOMER = 'e2e-member-code';

/** 我的: phone binding (H5 dev code) and the member QR/barcode the staff desk finds the customer by. */
describe('H5: phone binding and the member code on 我的', () => {
  let stage: H5Stage;
  let server: TestServer;
  let customer: Page;
  let staff: Page;
  let authorization: string;

  const open = (page: Page, route: string) => stage.open(page, route);

  beforeAll(async () => {
    stage = await startH5Stage(2, ARTIFACTS);
    ({ server } = stage);
    [customer, staff] = stage.pages;
    ({ authorization } = await customerAuth(server.baseUrl, CUSTOMER));
  });

  afterAll(async () => {
    await stage?.stop();
  });

  it('should refuse a malformed dev phone, then bind the phone and show it masked', async () => {
    await stage.loginCustomer(customer, CUSTOMER);
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

    await stage.loginStaff(staff, 'manager1');
    await open(staff, 'subpackages/staff/customers/index');
    await staff.getByRole('textbox', { name: '手机号 / 会员码 / 姓名' }).fill(code);
    await staff.getByRole('button', { name: '查找' }).click();
    await staff
      .getByTestId('customer-results')
      .getByText(/^139.*8888$/)
      .waitFor();
  });
});
