import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatFen, type ProductDetail, type WechatLoginResponse } from '@lensloop/shared';
import { auditedScreenshot } from '../support/axe';
import { expectAttribute, expectVisibleText, launchBrowser, waitForTaroPage } from '../support/browser';
import { startTestServer, type TestServer } from '../support/test-server';

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'browser');

describe('H5 mall in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const screenshot = (name: string) => auditedScreenshot(page, join(ARTIFACTS, `${name}.png`));

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([startTestServer({ seed: true }), launchBrowser()]);
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      // Tiananmen, Beijing: far from the Shanghai fallback, so the page must use the device
      // location to find Wangfujing as the nearest demo store.
      geolocation: { latitude: 39.9087, longitude: 116.3975 },
      permissions: ['geolocation'],
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('should show the nearest store and the featured products on the home page', async () => {
    await page.goto(`${server.baseUrl}/`);
    await waitForTaroPage(page, 'pages/index/index');
    await expectVisibleText(page.getByTestId('nearest-store-name'), '明眸眼镜 王府井店');
    expect(await page.getByText('未获取到位置', { exact: false }).count()).toBe(0);
    await page.getByTestId('featured-products').getByRole('link').first().waitFor();
    await screenshot('01-home');
  });

  it('should log in with a dev code and show the member code on the "me" page', async () => {
    await page.goto(`${server.baseUrl}/#/pages/login/index`);
    await waitForTaroPage(page, 'pages/login/index');
    await page.getByRole('textbox', { name: '开发登录码' }).fill('dev-e2e-shopper');
    const loginResponse = page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/auth/wechat/login') && response.status() === 200,
    );
    await page.getByRole('button', { name: '微信一键登录' }).click();
    const { member } = (await (await loginResponse).json()) as WechatLoginResponse;

    await waitForTaroPage(page, 'pages/me/index');
    await expectVisibleText(page.getByTestId('member-code'), member.memberCode);
    await page.getByText('会员码', { exact: true }).waitFor();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    // No source text leaks into the page (a `// comment` inside JSX once rendered as text here).
    const shown = await page.getByTestId('me-profile').innerText();
    expect(shown).not.toContain('//');
    expect(shown).not.toContain('NutUI');
    await screenshot('02-me');
  });

  it('should list frames, open one and show the price of the chosen SKU', async () => {
    await page.getByRole('link', { name: '商品' }).click();
    await waitForTaroPage(page, 'pages/products/index');

    await page.getByRole('tab', { name: '镜架' }).click();
    await expectAttribute(page.getByRole('tab', { name: '镜架' }), 'aria-selected', 'true');
    const firstFrame = page.getByTestId('product-list').getByRole('link').first();
    await firstFrame.waitFor();
    await screenshot('03-products-frames');

    const detailResponse = page.waitForResponse((response) =>
      /\/api\/v1\/products\/\d+/.test(response.url()),
    );
    await firstFrame.click();
    const product = (await (await detailResponse).json()) as ProductDetail;
    expect(product.category).toBe('frames');
    await waitForTaroPage(page, 'pages/product/index');
    await page.getByRole('heading', { name: product.name }).waitFor();

    const colours = page.getByRole('radiogroup', { name: '颜色' }).getByRole('radio');
    const colour = colours.nth(1);
    const colourName = (await colour.getAttribute('aria-label')) ?? '';
    await colour.click();
    await expectAttribute(colour, 'aria-checked', 'true');

    const sku = product.skus.find((candidate) => candidate.attributes.colour === colourName);
    expect(sku).toBeDefined();
    // Prices say 元 and per what (a frame: per pair, 副).
    await expectVisibleText(page.getByTestId('sku-price'), `${formatFen(sku!.price).replace('¥', '')} 元/副`);
    await screenshot('04-product-sku');
  });
});
