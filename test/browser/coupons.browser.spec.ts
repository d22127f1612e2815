import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import type { Coupon, Order } from '@lensloop/shared';
import { auditedScreenshot } from '../support/axe';
import { customerAuth } from '../support/actors';
import { expectAttribute, waitForTaroPage } from '../support/browser';
import { demoSkus, setStock } from '../support/orders';
import { startH5Stage, type H5Stage } from '../support/h5-stage';
import type { TestServer } from '../support/test-server';

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'browser');
const CUSTOMER = 'e2e-coupons';

/** Claim centre → my coupons with the in-store QR → coupon at checkout → staff redeem by code (H5). */
describe('H5: coupons from the claim centre to checkout and the store counter', () => {
  let stage: H5Stage;
  let server: TestServer;
  let customer: Page;
  let staff: Page;
  let authorization: string;
  let cleaningCode: string;

  const shot = (page: Page, name: string) => auditedScreenshot(page, join(ARTIFACTS, `${name}.png`));
  const open = (page: Page, route: string) => stage.open(page, route);
  const myCoupons = async (status: string): Promise<Coupon[]> =>
    (
      await request(server.baseUrl)
        .get(`/api/v1/me/coupons?status=${status}`)
        .set('authorization', authorization)
        .expect(200)
    ).body;

  beforeAll(async () => {
    stage = await startH5Stage(2, ARTIFACTS);
    ({ server } = stage);
    [customer, staff] = stage.pages;
    ({ authorization } = await customerAuth(server.baseUrl, CUSTOMER));
  });

  afterAll(async () => {
    await stage?.stop();
  });

  it('should claim 满300减50 and 免费清洗 in the claim centre, then refuse a second 满300减50 in words', async () => {
    await stage.loginCustomer(customer, CUSTOMER);
    await customer.getByRole('link', { name: '领券中心' }).click();
    await waitForTaroPage(customer, 'subpackages/member/claim/index');
    await customer.getByTestId('claim-centre').waitFor();

    const fullReduction = customer.getByTestId('claimable-coupon').filter({ hasText: '满300减50' });
    expect(await fullReduction.getByTestId('coupon-value').innerText()).toBe('减 50.00 元');
    await fullReduction.getByText('满 300.00 元 可用').waitFor();
    await fullReduction.getByText('全场通用').waitFor();
    await fullReduction.getByText('领取后 30 天内有效').waitFor();
    await customer.getByRole('button', { name: '领取 满300减50' }).click();
    await fullReduction.getByTestId('claim-result').getByText('领取成功').waitFor();
    await customer.getByRole('button', { name: '领取 免费清洗' }).click();
    await customer
      .getByTestId('claimable-coupon')
      .filter({ hasText: '免费清洗' })
      .getByTestId('claim-result')
      .getByText('领取成功')
      .waitFor();

    // One per member: the reloaded list says so and the button is off; the server agrees.
    await fullReduction.getByTestId('claim-blocked').getByText('您已领取过该优惠券').waitFor();
    await expectAttribute(customer.getByRole('button', { name: '领取 满300减50' }), 'aria-disabled', 'true');
    await shot(customer, '40-claim-centre');
    const names = (await myCoupons('available')).map((coupon) => coupon.name);
    expect(names.filter((name) => name === '满300减50')).toHaveLength(1);
    expect(names).toContain('免费清洗');
  });

  it('should list the claimed coupons under 可用 and show a coupon’s in-store QR with its code text', async () => {
    await open(customer, 'subpackages/member/coupons/index');
    await customer.getByTestId('my-coupons').waitFor();
    await expectAttribute(customer.getByRole('tab', { name: '可用' }), 'aria-selected', 'true');
    await customer.getByTestId('my-coupon').filter({ hasText: '满300减50' }).waitFor();
    await shot(customer, '41-my-coupons');

    await customer.getByRole('button', { name: '到店使用 免费清洗' }).click();
    await waitForTaroPage(customer, 'subpackages/member/coupon-code/index');
    const qr = customer.getByTestId('coupon-qr');
    await qr.getByRole('img', { name: '优惠券核销二维码' }).waitFor();
    // The QR is a real image (a GIF drawn from the code), not an empty box.
    const size = await qr
      .locator('img')
      .first()
      .evaluate((image: HTMLImageElement) => ({ width: image.naturalWidth, src: image.src.slice(0, 22) }));
    expect(size).toEqual({ width: expect.any(Number), src: 'data:image/gif;base64,' });
    expect(size.width).toBeGreaterThan(100);
    cleaningCode = (await qr.getByTestId('scan-code-text').innerText()).trim();
    expect(cleaningCode.length).toBeGreaterThan(8);
    await shot(customer, '42-coupon-qr');
  });

  it('should suggest 满300减50 at checkout, show why 免费清洗 does not apply, allow none, and send the coupon with the order', async () => {
    const skus = await demoSkus(server.dataSource);
    const price = skus.prices[skus.frame];
    const quantity = Math.ceil(30_000 / price);
    await setStock(server.dataSource, 1, skus.frame, 20);
    await request(server.baseUrl)
      .post('/api/v1/cart/items')
      .set('authorization', authorization)
      .send({ skuId: skus.frame, quantity })
      .expect(201);
    const subtotal = price * quantity;
    const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;

    await open(customer, 'subpackages/shopping/checkout/index');
    const payable = customer.getByTestId('checkout-payable');
    await payable.waitFor();
    const fullReduction = customer.getByRole('radio', { name: '满300减50（减 50.00 元）最优' });
    await expectAttribute(fullReduction, 'aria-checked', 'true');
    await customer.waitForFunction(
      ([text]) => document.querySelector('[data-testid="checkout-payable"]')?.textContent?.trim() === text,
      [yuan(subtotal - 5_000)] as const,
    );
    await customer.getByText('免费清洗：订单中没有适用的商品').waitFor();
    await shot(customer, '43-checkout-coupon');

    await customer.getByRole('radio', { name: '不使用优惠券' }).click();
    await customer.waitForFunction(
      ([text]) => document.querySelector('[data-testid="checkout-payable"]')?.textContent?.trim() === text,
      [yuan(subtotal)] as const,
    );
    await fullReduction.click();
    await customer.waitForFunction(
      ([text]) => document.querySelector('[data-testid="checkout-payable"]')?.textContent?.trim() === text,
      [yuan(subtotal - 5_000)] as const,
    );

    const created = customer.waitForResponse(
      (response) => response.url().endsWith('/api/v1/orders') && response.request().method() === 'POST',
    );
    await customer.getByRole('button', { name: '提交订单并支付' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    expect(JSON.parse(response.request().postData() ?? '{}').couponId).toEqual(expect.any(Number));
    const order = (await response.json()) as Order;
    expect({ subtotal: order.subtotal, discount: order.discount, payable: order.payable }).toEqual({
      subtotal,
      discount: 5_000,
      payable: subtotal - 5_000,
    });
    await waitForTaroPage(customer, 'subpackages/shopping/order/index');
    expect((await myCoupons('used')).map((coupon) => coupon.name)).toEqual(['满300减50']);
  });

  it('should let staff redeem 免费清洗 by the code under its QR once, and refuse the same code again', async () => {
    await stage.loginStaff(staff, 'clerk1');
    await staff.getByRole('link', { name: '扫码核销' }).click();
    await waitForTaroPage(staff, 'subpackages/staff/redeem/index');

    await staff.getByRole('textbox', { name: '券码' }).fill(cleaningCode);
    await staff.getByRole('button', { name: '核销' }).click();
    const success = staff.getByTestId('redeem-success');
    await success.waitFor();
    expect(await success.getByTestId('redeemed-coupon').innerText()).toBe('免费清洗');
    expect(await staff.getByTestId('scanned-code').innerText()).toBe(`券码：${cleaningCode}`);
    await shot(staff, '44-staff-redeemed');
    expect((await myCoupons('used')).map((coupon) => coupon.name).sort()).toEqual(['免费清洗', '满300减50']);

    await staff.getByRole('textbox', { name: '券码' }).fill(cleaningCode);
    await staff.getByRole('button', { name: '核销' }).click();
    await staff.getByTestId('redeem-error').getByText('优惠券已使用').waitFor();
    expect(await success.count()).toBe(0);

    // The customer sees it under 已使用.
    await open(customer, 'subpackages/member/coupons/index');
    await customer.getByRole('tab', { name: '已使用' }).click();
    await customer.getByTestId('my-coupon').filter({ hasText: '免费清洗' }).waitFor();
  });
});
