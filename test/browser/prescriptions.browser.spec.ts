import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { shanghaiDate } from '@lensloop/shared';
import { DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';
import { DEMO_CUSTOMER } from '../../server/src/demo/demo-family';
import { auditedScreenshot } from '../support/axe';
import { expectAttribute, launchBrowser, waitForTaroPage } from '../support/browser';
import request from 'supertest';
import { staffAuth } from '../support/actors';
import { startTestServer, type TestServer } from '../support/test-server';
import { daysAgo } from '../support/dates';

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'browser');

describe('H5 staff desk and fitting history in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  const screenshot = (page: Page, name: string) => auditedScreenshot(page, join(ARTIFACTS, `${name}.png`));

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      geolocation: { latitude: 31.2304, longitude: 121.4737 },
      permissions: ['geolocation'],
    });
    return context.newPage();
  }

  /** The demo parent logged in through the dev code, on the "me" page. */
  async function loginAsDemoCustomer(): Promise<Page> {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/#/pages/login/index`);
    await waitForTaroPage(page, 'pages/login/index');
    await page.getByRole('textbox', { name: '开发登录码' }).fill(DEMO_CUSTOMER.openid);
    await page.getByRole('button', { name: '微信一键登录' }).click();
    await waitForTaroPage(page, 'pages/me/index');
    return page;
  }

  /** A staff member logged in, having searched the desk for the demo customer's phone. */
  async function staffSearch(username: string): Promise<Page> {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/#/subpackages/staff/login/index`);
    await waitForTaroPage(page, 'subpackages/staff/login/index');
    await page.getByRole('textbox', { name: '用户名' }).fill(username);
    await page.getByRole('textbox', { name: '密码' }).fill(DEMO_STAFF_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '顾客查询' }).click();
    await waitForTaroPage(page, 'subpackages/staff/customers/index');
    await page.getByRole('textbox', { name: '手机号 / 会员码 / 姓名' }).fill(DEMO_CUSTOMER.phone);
    await page.getByRole('button', { name: '查找' }).click();
    return page;
  }

  /** A staff member logged in, on the demo customer's card. */
  async function staffDesk(username: string): Promise<Page> {
    const page = await staffSearch(username);
    await page.getByRole('link', { name: DEMO_CUSTOMER.nickname }).click();
    await waitForTaroPage(page, 'subpackages/staff/customer/index');
    return page;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([startTestServer({ seed: true }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('should let an optometrist find the demo customer, read the last prescription and record one for the child', async () => {
    const page = await staffSearch('optometrist1');
    await page.getByTestId('customer-results').getByText('138****8000').waitFor();
    await screenshot(page, '20-staff-search');
    await page.getByRole('link', { name: DEMO_CUSTOMER.nickname }).click();

    await waitForTaroPage(page, 'subpackages/staff/customer/index');
    await page.getByTestId('customer-phone').getByText('138****8000').waitFor();
    const lookup = page.waitForResponse((response) => response.url().includes('/prescriptions/latest'));
    await page.getByRole('button', { name: `查看验光单 ${DEMO_CUSTOMER.nickname}` }).click();
    expect((await lookup).status()).toBe(200);
    const card = page.getByTestId('prescription-card');
    await card.getByText(`验光日期 ${daysAgo(262)}`).waitFor();
    expect(await card.getByTestId('rx-row-od').innerText()).toContain('−3.25');
    await screenshot(page, '21-staff-customer-card');

    await page.getByRole('button', { name: '录入新验光单 小明' }).click();
    await waitForTaroPage(page, 'subpackages/staff/record/index');
    // Contact lenses have base curve and diameter instead of ADD.
    await page.getByRole('radio', { name: '隐形眼镜' }).click();
    await page.getByRole('textbox', { name: '右眼 OD 基弧' }).waitFor();
    await page.getByRole('radio', { name: '远用' }).click();
    await page.getByRole('textbox', { name: '右眼 OD 基弧' }).waitFor({ state: 'detached' });
    await page.getByRole('textbox', { name: '右眼 OD 球镜' }).fill('-2.50');
    await page.getByRole('textbox', { name: '右眼 OD 柱镜' }).fill('-0.50');
    await page.getByRole('textbox', { name: '右眼 OD 轴位' }).fill('0');
    // Live validation with the shared rules: axis 0 is refused while typing, before any request.
    await page.getByTestId('error-od.axis').waitFor();
    await page.getByRole('textbox', { name: '左眼 OS 球镜' }).fill('-35');
    await page.getByTestId('error-os.sphere').waitFor();
    await screenshot(page, '22-staff-record-validation');
    await page.getByRole('textbox', { name: '右眼 OD 轴位' }).fill('180');
    await page.getByRole('textbox', { name: '左眼 OS 球镜' }).fill('-2.25');
    await page.getByRole('textbox', { name: '瞳距 (mm)', exact: true }).fill('55');
    await page.getByRole('textbox', { name: '右眼 OD 眼轴' }).fill('24.80');
    await page.getByRole('textbox', { name: '左眼 OS 眼轴' }).fill('24.70');
    expect(await page.getByRole('alert').count()).toBe(0);
    const saved = page.waitForResponse(
      (response) => response.url().endsWith('/prescriptions') && response.request().method() === 'POST',
    );
    await page.getByRole('button', { name: '保存验光单' }).click();
    expect((await saved).status()).toBe(201);
    await waitForTaroPage(page, 'subpackages/staff/customer/index');
    await page.getByText(`最近验光：${shanghaiDate(new Date())}（远用）`).waitFor();
    await page.context().close();
  });

  it('should let an optometrist record a progressive prescription with monocular PD and fitting height', async () => {
    const page = await staffDesk('optometrist1');
    await page.getByRole('button', { name: `录入新验光单 ${DEMO_CUSTOMER.nickname}` }).click();
    await waitForTaroPage(page, 'subpackages/staff/record/index');
    await page.getByRole('radio', { name: '渐进多焦点' }).click();
    for (const eye of ['右眼 OD', '左眼 OS']) {
      await page.getByRole('textbox', { name: `${eye} 球镜` }).fill('-3.25');
      await page.getByRole('textbox', { name: `${eye} 下加` }).fill('+1.50');
      await page.getByRole('textbox', { name: `${eye} 矫正视力` }).fill('1.0');
    }
    await page.getByRole('textbox', { name: '右眼 OD 水平棱镜' }).fill('1.00 BI');
    // A progressive needs monocular PD and a fitting height: the shared rules say so while typing.
    await page.getByRole('textbox', { name: '瞳距 (mm)', exact: true }).fill('63');
    await page.getByTestId('error-pd').waitFor();
    await page.getByRole('button', { name: '保存验光单' }).click();
    await page.getByTestId('error-od.fittingHeight').waitFor();
    await page.getByRole('textbox', { name: '瞳距 (mm)', exact: true }).fill('');
    await page.getByRole('textbox', { name: '右眼瞳距 (mm)' }).fill('31.5');
    await page.getByRole('textbox', { name: '左眼瞳距 (mm)' }).fill('38');
    await page.getByTestId('error-pd').waitFor();
    await page.getByRole('textbox', { name: '左眼瞳距 (mm)' }).fill('32');
    await page.getByRole('textbox', { name: '近用瞳距 (mm)' }).fill('60.5');
    await page.getByRole('textbox', { name: '右眼 OD 瞳高' }).fill('18');
    await page.getByRole('textbox', { name: '左眼 OS 瞳高' }).fill('18.5');
    await page.getByRole('textbox', { name: '备注' }).fill('初次配渐进，建议适应两周');
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, '26-staff-record-progressive');
    const saved = page.waitForResponse(
      (response) => response.url().endsWith('/prescriptions') && response.request().method() === 'POST',
    );
    await page.getByRole('button', { name: '保存验光单' }).click();
    const response = await saved;
    expect(response.status()).toBe(201);
    expect(await response.json()).toMatchObject({
      kind: 'progressive',
      pd: { od: 315, os: 320, near: 605 },
      od: { add: 150, fittingHeight: 180, va: 1, prism: { horizontal: { amount: 100, base: 'in' } } },
      os: { add: 150, fittingHeight: 185 },
      notes: '初次配渐进，建议适应两周',
    });
    await waitForTaroPage(page, 'subpackages/staff/customer/index');
    await page.getByRole('button', { name: `查看验光单 ${DEMO_CUSTOMER.nickname}` }).click();
    const card = page.getByTestId('prescription-card');
    await card.getByRole('columnheader', { name: '瞳高' }).waitFor();
    expect(await card.getByTestId('rx-row-od').innerText()).toMatch(
      /−3\.25\s+\+1\.50\s+18\.0\s+1\.0\s+31\.5/,
    );
    await card.getByText('右眼 OD 1.00Δ BI').waitFor();
    await screenshot(page, '27-staff-progressive-card');
    await page.context().close();
  });

  it('should show the customer the new exam in the fitting history and on the myopia chart', async () => {
    const page = await loginAsDemoCustomer();
    await page.getByRole('link', { name: '验光档案' }).click();

    await waitForTaroPage(page, 'subpackages/eyecare/fitting/index');
    await page.getByTestId('consent').getByText('你已同意保存验光数据').waitFor();
    await page.getByRole('tab', { name: '小明' }).click();
    const history = page.getByTestId('fitting-history');
    await history.getByText(`验光日期 ${shanghaiDate(new Date())}`).waitFor();
    const newest = history.getByTestId('prescription-card').first();
    expect(await newest.getByTestId('rx-row-od').innerText()).toMatch(
      /−2\.50\s+−0\.50\s+180\s+24\.80\s+55\.0/,
    );
    expect(await newest.getByTestId('prescription-status').innerText()).toBe('有效');
    expect(await history.getByTestId('prescription-status').last().innerText()).toBe('已过期');

    // Three years of myopia management: seven demo exams and today's.
    await page.getByTestId('myopia-chart').waitFor();
    expect(await page.getByTestId('chart-dot-odSE').count()).toBe(8);
    await page.getByTestId('progression').waitFor();
    expect(await page.getByTestId('fast-progression').count()).toBe(0);
    await page.getByRole('link', { name: /预约复查/ }).waitFor();
    await screenshot(page, '23-customer-fitting-child');

    // A second child joins the family: an impossible birth date is refused, a real one is saved.
    await page.getByRole('tab', { name: '+ 添加家人' }).click();
    const form = page.getByTestId('add-profile');
    await form.getByRole('textbox', { name: '姓名' }).fill('小红');
    await form.getByRole('textbox', { name: '出生日期（如 2018-03-15）' }).fill('2020-02-30');
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByRole('alert').waitFor();
    await form.getByRole('textbox', { name: '出生日期（如 2018-03-15）' }).fill('2020-02-28');
    const created = page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/me/profiles') && response.request().method() === 'POST',
    );
    await form.getByRole('button', { name: '保存' }).click();
    expect((await created).status()).toBe(201);
    await expectAttribute(page.getByRole('tab', { name: '小红' }), 'aria-selected', 'true');
    await page.getByText('暂无验光记录').waitFor();

    await page.getByRole('link', { name: '谁查看过我的验光单' }).click();
    await waitForTaroPage(page, 'subpackages/eyecare/access-log/index');
    const log = page.getByTestId('access-log');
    await log.getByText('李娜（验光师）录入了验光单').first().waitFor();
    await log.getByText('李娜（验光师）查看了验光单').first().waitFor();
    await screenshot(page, '24-customer-access-log');
    await page.context().close();
  });

  it('should let the customer book the child’s re-check from the fitting page, and staff see it on the desk', async () => {
    const page = await loginAsDemoCustomer();
    await page.getByRole('link', { name: '验光档案' }).click();
    await waitForTaroPage(page, 'subpackages/eyecare/fitting/index');
    await page.getByRole('tab', { name: '小明' }).click();
    await page.getByRole('link', { name: '预约复查：明眸眼镜 南京东路店' }).click();
    const form = page.getByTestId('recheck-form');
    await form.getByRole('radiogroup', { name: '日期' }).getByRole('radio').first().click();
    const slot = form.getByRole('radiogroup', { name: '可预约时段' }).getByRole('radio').first();
    await slot.waitFor();
    const time = ((await slot.getAttribute('aria-label')) ?? '').slice(0, 5);
    await slot.click();
    const booked = page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/appointments') && response.request().method() === 'POST',
    );
    await form.getByRole('button', { name: '确认预约' }).click();
    const response = await booked;
    expect(response.status()).toBe(201);
    const appointment = (await response.json()) as { id: number; start: string };
    expect(appointment).toMatchObject({
      service: 'recheck',
      profileName: '小明',
      status: 'booked',
    });
    await page
      .getByTestId('recheck-booked')
      .getByText(new RegExp(`已预约 .* ${time} 明眸眼镜 南京东路店`))
      .waitFor();
    await screenshot(page, '28-customer-recheck-booked');
    await page.context().close();

    // Tomorrow's appointment is on the store's list (the desk page shows today's).
    const optometrist = await staffAuth(server.baseUrl, 'optometrist1');
    const day = await request(server.baseUrl)
      .get(`/api/v1/staff/appointments?date=${shanghaiDate(new Date(appointment.start))}`)
      .set('authorization', optometrist.authorization)
      .expect(200);
    expect(day.body.items.map((item: { id: number }) => item.id)).toContain(appointment.id);
  });

  it('should let the customer erase their data from the "me" page after confirming', async () => {
    const page = await loginAsDemoCustomer();
    await page.getByRole('button', { name: '删除我的数据并注销' }).click();
    await page.getByText('将删除你和家人的验光档案').waitFor();
    await screenshot(page, '25-customer-delete-confirm');
    const erased = page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'DELETE',
    );
    await page.locator('.taro-modal__foot').getByText('确定').click();
    expect((await erased).status()).toBe(204);
    await page.getByTestId('me-logged-out').waitFor();
    const rows = await server.dataSource.query('SELECT id FROM members WHERE phone = ?', [
      DEMO_CUSTOMER.phone,
    ]);
    expect(rows).toEqual([]);
    await page.context().close();
  });
});
