import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import type { Coupon, TradeIn, TradeInRules } from '@lensloop/shared';
import { customerAuth, staffAuth } from '../support/actors';
import { auditedScreenshot } from '../support/axe';
import { waitForTaroPage } from '../support/browser';
import { advanceClock, resetClock } from '../support/outbox';
import { startH5Stage, type H5Stage } from '../support/h5-stage';
import type { TestServer } from '../support/test-server';

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'browser');
const CUSTOMER = 'e2e-trade-in';
/** A 1×1 PNG: a real image for the upload's type check. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** Optical, standard brand: ¥100–¥200 whatever the material, condition and age. */
const RULES: TradeInRules = {
  base: [
    { category: 'optical', brandTier: 'standard', min: 10_000, max: 20_000 },
    { category: 'optical', brandTier: 'premium', min: 20_000, max: 40_000 },
    { category: 'optical', brandTier: 'luxury', min: 40_000, max: 80_000 },
    { category: 'sunglasses', brandTier: 'standard', min: 5_000, max: 10_000 },
    { category: 'sunglasses', brandTier: 'premium', min: 10_000, max: 20_000 },
    { category: 'sunglasses', brandTier: 'luxury', min: 20_000, max: 40_000 },
  ],
  materialPercent: { titanium: 100, metal: 100, acetate: 100, plastic: 100 },
  conditionPercent: { like_new: 100, good: 100, fair: 100, poor: 100 },
  agePercent: [{ maxAgeYears: 30, percent: 100 }],
};

/** Member QR on 我的 and a trade-in from estimate to credit, customer and staff in H5. */
describe('H5: member code at the desk, and a trade-in from estimate to credit', () => {
  let stage: H5Stage;
  let server: TestServer;
  let customer: Page;
  let staff: Page;
  let authorization: string;
  let tradeIn: TradeIn;

  const shot = (page: Page, name: string) => auditedScreenshot(page, join(ARTIFACTS, `${name}.png`));
  const open = (page: Page, route: string) => stage.open(page, route);
  const memberCodeOnScreen = async () =>
    (await customer.getByTestId('member-qr').getByTestId('scan-code-text').innerText()).trim();

  beforeAll(async () => {
    stage = await startH5Stage(2, ARTIFACTS);
    ({ server } = stage);
    [customer, staff] = stage.pages;
    ({ authorization } = await customerAuth(server.baseUrl, CUSTOMER));
    await request(server.baseUrl)
      .put('/api/v1/admin/trade-in/rules')
      .set('authorization', (await staffAuth(server.baseUrl, 'admin')).authorization)
      .send(RULES)
      .expect(200);

    await stage.loginCustomer(customer, CUSTOMER);
    await stage.loginStaff(staff, 'manager1');
  });

  afterAll(async () => {
    await resetClock(server.baseUrl).catch(() => undefined);
    await stage?.stop();
  });

  async function searchAtDesk(code: string): Promise<void> {
    await open(staff, 'subpackages/staff/customers/index');
    await staff.getByRole('textbox', { name: '手机号 / 会员码 / 姓名' }).fill(code);
    await staff.getByRole('button', { name: '查找' }).click();
  }

  it('should draw the rotating member code on 我的, found at the desk; after 30 s a new one, and the old one refused', async () => {
    const first = await memberCodeOnScreen();
    await customer.getByTestId('member-qr').getByTestId('scan-code-barcode').waitFor();
    await shot(customer, '50-member-code');
    const { memberCode } = (
      await request(server.baseUrl).get('/api/v1/me').set('authorization', authorization).expect(200)
    ).body as { memberCode: string };
    expect(first).not.toBe(memberCode);
    await searchAtDesk(first);
    await staff.getByTestId('customer-results').getByText(`会员码 ${memberCode}`).waitFor();

    await advanceClock(server.baseUrl, 65);
    await customer.reload();
    await waitForTaroPage(customer, 'pages/me/index');
    await customer.getByTestId('member-qr').getByTestId('scan-code-text').waitFor();
    const second = await memberCodeOnScreen();
    expect(second).not.toBe(first);
    await searchAtDesk(first);
    await staff.getByTestId('empty').getByText('没有找到顾客').waitFor();
    await searchAtDesk(second);
    await staff.getByTestId('customer-results').getByText(`会员码 ${memberCode}`).waitFor();
  });

  it('should estimate, upload a photo and submit a trade-in to store 1', async () => {
    await customer.getByRole('link', { name: '我的以旧换新' }).click();
    await waitForTaroPage(customer, 'subpackages/member/trade-ins/index');
    await customer.getByRole('link', { name: '我要以旧换新' }).click();
    await waitForTaroPage(customer, 'subpackages/member/trade-in/index');
    await customer.getByTestId('trade-in-form').waitFor();
    await customer.getByRole('radiogroup', { name: '成色' }).getByRole('radio', { name: '几乎全新' }).click();
    await customer.getByText('100.00 元 – 200.00 元').waitFor();

    const chooser = customer.waitForEvent('filechooser');
    await customer.getByRole('button', { name: '添加照片' }).click();
    await (await chooser).setFiles({ name: 'glasses.png', mimeType: 'image/png', buffer: PNG });
    await customer.getByAltText('旧眼镜照片 1').waitFor();
    await customer.getByRole('radiogroup', { name: '送到门店' }).getByRole('radio').first().click();
    await shot(customer, '51-trade-in-form');

    const submitted = customer.waitForResponse(
      (response) => response.url().endsWith('/api/v1/trade-ins') && response.request().method() === 'POST',
    );
    await customer.getByRole('button', { name: '提交以旧换新' }).click();
    const response = await submitted;
    expect(response.status()).toBe(201);
    tradeIn = (await response.json()) as TradeIn;
    expect(tradeIn).toMatchObject({ status: 'submitted', estimateMin: 10_000, estimateMax: 20_000 });
    await waitForTaroPage(customer, 'subpackages/member/trade-in-detail/index');
    expect(await customer.getByTestId('trade-in-status').innerText()).toBe('待到店验收');
  });

  it('should let the store inspect it within the estimate and credit a coupon the customer sees', async () => {
    await staff.goto(`${server.baseUrl}/#/subpackages/staff/login/index`);
    await waitForTaroPage(staff, 'subpackages/staff/login/index');
    await staff.getByRole('link', { name: '以旧换新验收' }).click();
    await waitForTaroPage(staff, 'subpackages/staff/trade-ins/index');
    await staff.getByTestId('staff-trade-ins').getByRole('link').first().click();
    await waitForTaroPage(staff, 'subpackages/staff/trade-in/index');
    // Downloaded with the staff token: a drawn picture (alt text), not the placeholder box.
    await staff.getByAltText('旧眼镜照片 1').waitFor();

    await staff.getByRole('textbox', { name: '验收金额（元）' }).fill('250');
    await staff.getByRole('button', { name: '验收并发放抵用金' }).click();
    await staff
      .getByTestId('trade-in-error')
      .getByText(/^请填写 100\.00 元 – 200\.00 元 之间的金额/)
      .waitFor();
    await staff.getByRole('textbox', { name: '验收金额（元）' }).fill('150.5');
    await staff.getByRole('textbox', { name: '验收说明（选填）' }).fill('镜架轻微划痕');
    await staff.getByRole('button', { name: '验收并发放抵用金' }).click();
    await staff.getByTestId('trade-in-final').getByText('验收金额：150.50 元').waitFor();
    await shot(staff, '52-staff-trade-in');

    await open(customer, `subpackages/member/trade-in-detail/index?id=${tradeIn.id}`);
    await customer.getByTestId('trade-in-final').getByText('验收金额：150.50 元').waitFor();
    await customer.getByTestId('trade-in-credit').waitFor();
    const coupons = (
      await request(server.baseUrl)
        .get('/api/v1/me/coupons?status=available')
        .set('authorization', authorization)
        .expect(200)
    ).body as Coupon[];
    expect(coupons.find((coupon) => coupon.amountOff === 15_050)).toBeDefined();
  });

  async function submitByApi(): Promise<TradeIn> {
    const photo = await request(server.baseUrl)
      .post('/api/v1/trade-ins/photos')
      .set('authorization', authorization)
      .attach('file', PNG, { filename: 'glasses.png', contentType: 'image/png' })
      .expect(201);
    const submitted = await request(server.baseUrl)
      .post('/api/v1/trade-ins')
      .set('authorization', authorization)
      .send({
        category: 'sunglasses',
        material: 'acetate',
        brandTier: 'premium',
        ageYears: 1,
        condition: 'good',
        storeId: 1,
        photoIds: [photo.body.id],
      })
      .expect(201);
    return submitted.body as TradeIn;
  }

  it('should show the store’s rejection reason to the customer, and let the customer cancel while submitted', async () => {
    const [rejected, cancelled] = [await submitByApi(), await submitByApi()];

    await open(staff, `subpackages/staff/trade-in/index?id=${rejected.id}`);
    await staff.getByRole('button', { name: '不通过' }).click();
    await staff.getByTestId('trade-in-error').getByText('请填写不通过原因').waitFor();
    await staff.getByRole('textbox', { name: '不通过原因' }).fill('镜腿断裂，无法回收');
    await staff.getByRole('button', { name: '不通过' }).click();
    await staff.getByTestId('trade-in-status').getByText('未通过').waitFor();

    await open(customer, `subpackages/member/trade-in-detail/index?id=${rejected.id}`);
    await customer
      .getByTestId('trade-in-reject-reason')
      .getByText('未通过原因：镜腿断裂，无法回收')
      .waitFor();
    expect(await customer.getByRole('button', { name: '取消以旧换新' }).count()).toBe(0);

    await open(customer, `subpackages/member/trade-in-detail/index?id=${cancelled.id}`);
    await customer.getByRole('button', { name: '取消以旧换新' }).click();
    await customer.getByText('确定', { exact: true }).click();
    await customer.getByTestId('trade-in-status').getByText('已取消').waitFor();
    expect(await customer.getByRole('button', { name: '取消以旧换新' }).count()).toBe(0);

    await open(customer, 'subpackages/member/trade-ins/index');
    await customer.getByTestId('trade-in-row').nth(2).waitFor();
    const statuses = await customer.getByTestId('trade-in-status').allInnerTexts();
    expect(statuses.sort()).toEqual(['已发放抵用金', '已取消', '未通过'].sort());
  });
});
