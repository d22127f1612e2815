import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import type {
  Inbox,
  Order,
  Page as ListPage,
  ReminderRules,
  StaffTask,
  SubscriptionBalance,
} from '@lensloop/shared';
import type { FakeSubscribeMessage } from '../../server/src/infra/wechat/fake-wechat-server';
import { customerAuth, staffAuth } from '../support/actors';
import { auditedScreenshot } from '../support/axe';
import { expectAttribute, expectVisibleText, waitForTaroPage } from '../support/browser';
import { daysAgo } from '../support/dates';
import { publishEvent } from '../support/events';
import { demoSkus, setStock } from '../support/orders';
import { advanceClock, runJob, waitFor } from '../support/outbox';
import { startH5Stage, type H5Stage } from '../support/h5-stage';
import type { TestServer } from '../support/test-server';

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'browser');
const CUSTOMER = 'e2e-care';
const ORDER_TEMPLATE = 'dev-tmpl-order-status';
const CARE_TEMPLATE = 'dev-tmpl-care-reminder';
const DAY_SECONDS = 86_400;

/**
 * Seconds from `now` to 11:00 Asia/Shanghai `days` days later: outside the 21:00–09:00 quiet
 * hours, whatever time of day the test runs.
 */
function secondsToShanghaiMorning(now: Date, days: number): number {
  const later = new Date(now.getTime() + days * DAY_SECONDS * 1000);
  const shanghaiDay = new Date(later.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const morning = Date.parse(`${shanghaiDay}T03:00:00Z`); // 11:00 in Shanghai
  return Math.round((morning - now.getTime()) / 1000);
}

/**
 * Issue 11 in the browser: after paying, the customer grants a subscribe message (H5's own dialog,
 * as WeChat's does not exist there); staff mark the order ready and the fake WeChat receives the
 * "ready for pickup" message; a refusal on the fitting page is respected; three months after
 * pickup (test clock, `reminders` job) the inbox shows the lens-cleaning reminder.
 */
describe('H5: care reminders from the paid order to the cleaning reminder three months later', () => {
  let stage: H5Stage;
  let server: TestServer;
  let customer: Page;
  let staff: Page;
  let authorization: string;
  let memberId: number;
  let order: Order;
  const subscribeCalls: string[] = [];

  const shot = (page: Page, name: string) => auditedScreenshot(page, join(ARTIFACTS, `${name}.png`));
  const fakeMessages = async (): Promise<FakeSubscribeMessage[]> => {
    const response = await fetch(`${server.wechat.baseUrl}/fake/subscribe-messages`);
    return ((await response.json()) as { messages: FakeSubscribeMessage[] }).messages;
  };
  const messagesTo = async (templateId: string) =>
    (await fakeMessages()).filter(
      (message) => message.touser === `dev-${CUSTOMER}` && message.template_id === templateId,
    );
  const inbox = async (): Promise<Inbox> =>
    (
      await request(server.baseUrl)
        .get('/api/v1/me/inbox?pageSize=50')
        .set('authorization', authorization)
        .expect(200)
    ).body;

  const grants = async (key: string): Promise<number> => {
    const balances = (
      await request(server.baseUrl)
        .get('/api/v1/me/subscriptions')
        .set('authorization', authorization)
        .expect(200)
    ).body as SubscriptionBalance[];
    return balances.find((balance) => balance.templateKey === key)?.available ?? 0;
  };

  /** The staff page signed in as `username`, on the staff home (signing the previous one out). */
  const staffSignIn = async (username: string) => {
    await stage.open(staff, 'subpackages/staff/login/index');
    const form = staff.getByRole('textbox', { name: '用户名' });
    // The page shows either the signed-in profile or the form once the session is read.
    await staff.getByTestId('staff-profile').or(form).first().waitFor();
    if (await staff.getByTestId('staff-profile').count()) {
      await staff.getByRole('button', { name: '退出员工登录' }).click();
      // Signed out for good before the next sign-in, or a late sign-out would undo it.
      await form.waitFor();
    }
    await stage.loginStaff(staff, username);
  };

  beforeAll(async () => {
    stage = await startH5Stage(2, ARTIFACTS);
    ({ server } = stage);
    [customer, staff] = stage.pages;
    ({ authorization, memberId } = await customerAuth(server.baseUrl, CUSTOMER));
    customer.on('request', (sent) => {
      if (sent.url().endsWith('/api/v1/me/subscriptions')) subscribeCalls.push(sent.postData() ?? '');
    });

    // The chain reminds of lens cleaning every 3 months (the default is 6).
    const admin = (await staffAuth(server.baseUrl, 'admin')).authorization;
    const rules = (
      await request(server.baseUrl)
        .get('/api/v1/admin/reminder-rules')
        .set('authorization', admin)
        .expect(200)
    ).body as ReminderRules;
    await request(server.baseUrl)
      .put('/api/v1/admin/reminder-rules')
      .set('authorization', admin)
      .send({
        ...rules,
        rules: rules.rules.map((rule) =>
          rule.kind === 'lens_cleaning' ? { ...rule, intervalMonths: 3 } : rule,
        ),
      })
      .expect(200);

    // An eye exam in store (consent first), and a frame in the cart.
    await request(server.baseUrl)
      .post('/api/v1/me/consents')
      .set('authorization', authorization)
      .send({ kind: 'prescription_storage', granted: true, policyVersion: '2026-11' })
      .expect(201);
    await request(server.baseUrl)
      .post(`/api/v1/staff/customers/${memberId}/prescriptions`)
      .set('authorization', (await staffAuth(server.baseUrl, 'optometrist1')).authorization)
      .send({
        kind: 'distance',
        examDate: daysAgo(3),
        od: { sphere: -300, cylinder: 0 },
        os: { sphere: -275, cylinder: 0 },
        pd: { binocular: 630 },
      })
      .expect(201);
    const skus = await demoSkus(server.dataSource);
    await setStock(server.dataSource, 1, skus.frame, 5);
    await request(server.baseUrl)
      .post('/api/v1/cart/items')
      .set('authorization', authorization)
      .send({ skuId: skus.frame, quantity: 1 })
      .expect(201);
  });

  afterAll(async () => {
    await stage?.stop();
  });

  it('should ask after paying and, in H5, record the grant from a dialog that asks what WeChat would', async () => {
    await stage.loginCustomer(customer, CUSTOMER);
    // Never on launch: 我的 asks nothing.
    expect(await customer.getByTestId('subscribe-prompt').count()).toBe(0);
    await stage.open(customer, 'subpackages/shopping/checkout/index');
    await customer.getByTestId('checkout-payable').waitFor();
    const created = customer.waitForResponse(
      (response) => response.url().endsWith('/api/v1/orders') && response.request().method() === 'POST',
    );
    await customer.getByRole('button', { name: '提交订单并支付' }).click();
    order = (await (await created).json()) as Order;
    await waitForTaroPage(customer, 'subpackages/shopping/order/index');
    await expectVisibleText(customer.getByTestId('order-status'), '已支付');

    const prompt = customer.getByRole('region', { name: '消息提醒' });
    await prompt.getByText('眼镜做好可以取货时，用微信通知你吗？').waitFor();
    await prompt.getByText('订单状态通知').waitFor();
    expect(subscribeCalls).toEqual([]);
    await customer.getByRole('button', { name: '接收提醒' }).click();
    const dialog = customer.getByRole('dialog', { name: '镜环 LensLoop 申请向你发送以下消息' });
    await dialog.getByText('订单状态通知').waitFor();
    await shot(customer, '60-subscribe-dialog');

    const recorded = customer.waitForResponse((response) =>
      response.url().endsWith('/api/v1/me/subscriptions'),
    );
    await dialog.getByRole('button', { name: '允许' }).click();
    expect((await recorded).ok()).toBe(true);
    expect(subscribeCalls.map((body) => JSON.parse(body))).toEqual([{ templateKeys: ['order_status'] }]);
    await customer
      .getByTestId('subscribe-prompt-granted')
      .getByText('已开启：订单状态通知', { exact: false })
      .waitFor();
    expect(await dialog.count()).toBe(0);
    expect(await grants('order_status')).toBe(1);
    await shot(customer, '61-subscribe-granted');
  });

  it('should respect a refusal on the fitting page: not asked again in the same session, nothing recorded', async () => {
    await stage.open(customer, 'pages/me/index');
    await customer.getByTestId('me-profile').waitFor();
    await customer.getByRole('link', { name: '验光档案' }).click();
    await waitForTaroPage(customer, 'subpackages/eyecare/fitting/index');
    await customer.getByTestId('fitting-history').waitFor();
    const prompt = customer.getByRole('region', { name: '消息提醒' });
    await prompt.getByText('该重新验光时，用微信提醒你吗？').waitFor();
    await prompt.getByText('护理与复查提醒').waitFor();
    await customer.getByRole('button', { name: '暂不需要' }).click();
    await prompt.waitFor({ state: 'detached' });

    // Back to 我的 and in again (the same session): the answer stands.
    await customer.goBack();
    await waitForTaroPage(customer, 'pages/me/index');
    await customer.getByRole('link', { name: '验光档案' }).click();
    await waitForTaroPage(customer, 'subpackages/eyecare/fitting/index');
    await customer.getByTestId('fitting-history').waitFor();
    // The prompt would follow the templates' answer; give it the time that takes.
    await customer.waitForLoadState('networkidle');
    expect(await customer.getByTestId('subscribe-prompt').count()).toBe(0);
    expect(subscribeCalls).toHaveLength(1);
    expect(await grants('care_reminder')).toBe(0);
  });

  it('should send the "ready for pickup" subscribe message once staff mark the order ready, using the grant', async () => {
    await stage.loginStaff(staff, 'clerk1');
    await staff.getByRole('link', { name: '今日订单' }).click();
    await waitForTaroPage(staff, 'subpackages/staff/orders/index');
    const card = staff.getByTestId(`order-${order.id}`);
    await card.waitFor();
    await staff.getByRole('button', { name: `订单号 ${order.no} 改为：加工中` }).click();
    await expectVisibleText(card.getByTestId('order-status'), '加工中');
    await staff.getByRole('button', { name: `订单号 ${order.no} 改为：待取货` }).click();
    await expectVisibleText(card.getByTestId('order-status'), '待取货');

    await waitFor(async () => {
      await runJob(server.baseUrl, 'outbox');
      await runJob(server.baseUrl, 'reminders');
      return (await messagesTo(ORDER_TEMPLATE)).length > 0;
    }, 20_000);
    const sent = await messagesTo(ORDER_TEMPLATE);
    expect(sent).toHaveLength(1);
    // Tapped in WeChat, it opens the customer's orders.
    expect(sent[0].page).toBe('subpackages/shopping/orders/index');
    expect(sent[0].data).toEqual(expect.objectContaining({ character_string1: order.no, phrase3: '待取件' }));
    // Delivered in WeChat, so not (also) in the inbox; the one-time grant is used up.
    expect((await inbox()).items.filter((item) => item.kind === 'order_ready')).toEqual([]);
    expect(await grants('order_status')).toBe(0);

    // The customer picks the glasses up.
    await staff.getByRole('button', { name: `订单号 ${order.no} 改为：已完成` }).click();
    await expectVisibleText(card.getByTestId('order-status'), '已完成');
    await shot(staff, '62-staff-order-completed');
  });

  it('should show the lens-cleaning reminder in the inbox three months after pickup and mark it read on opening', async () => {
    // Pickup schedules the cleaning reminder (OrderCompleted through the outbox).
    await runJob(server.baseUrl, 'outbox');
    const now = await advanceClock(server.baseUrl, 1);
    await advanceClock(server.baseUrl, secondsToShanghaiMorning(now, 92));
    await waitFor(async () => {
      await runJob(server.baseUrl, 'outbox');
      await runJob(server.baseUrl, 'reminders');
      return (await inbox()).items.some((item) => item.kind === 'lens_cleaning');
    }, 20_000);
    // No grant for care reminders (refused on the fitting page): the inbox, not WeChat.
    expect(await messagesTo(CARE_TEMPLATE)).toEqual([]);
    const unread = (await inbox()).unread;
    expect(unread).toBeGreaterThan(0);

    await stage.open(customer, 'pages/me/index');
    await expectVisibleText(customer.getByTestId('inbox-unread-count'), `${unread} 条未读 ›`);
    await customer.getByTestId('inbox-link').click();
    await waitForTaroPage(customer, 'subpackages/care/inbox/index');
    const item = customer.getByTestId('inbox-item').filter({ hasText: '镜片清洁提醒' });
    await item.waitFor();
    expect(await item.getByTestId('inbox-category').innerText()).toBe('关怀提醒');
    await expectAttribute(item, 'data-unread', 'true');
    await shot(customer, '63-inbox-cleaning-reminder');

    const read = customer.waitForResponse((response) =>
      /\/api\/v1\/me\/inbox\/\d+\/read$/.test(response.url()),
    );
    await item.click();
    expect((await read).ok()).toBe(true);
    await item.getByTestId('inbox-body').getByText('欢迎到店免费清洗、调整镜架', { exact: false }).waitFor();
    await expectAttribute(item, 'data-unread', 'false');
    await expectAttribute(item, 'aria-expanded', 'true');
    const after = await inbox();
    expect(after.items.find((each) => each.kind === 'lens_cleaning')?.readAt).not.toBeNull();
    expect(after.unread).toBe(unread - 1);
    await shot(customer, '64-inbox-read');
  });

  it('should mute a kind of reminder in 提醒设置 and show service notices as always on', async () => {
    await customer.getByRole('link', { name: '提醒设置' }).click();
    await waitForTaroPage(customer, 'subpackages/care/settings/index');
    const cleaning = customer.getByRole('switch', { name: '镜片清洗保养提醒 接收中' });
    await expectAttribute(cleaning, 'aria-checked', 'true');
    // Service notices cannot be turned off: no switch, "始终通知".
    const ready = customer.getByTestId('setting-order_ready');
    await ready.getByText('取货通知').waitFor();
    await ready.getByText('始终通知').waitFor();
    expect(await ready.getByRole('switch').count()).toBe(0);

    const saved = customer.waitForResponse(
      (response) =>
        response.url().endsWith('/api/v1/me/reminder-settings') && response.request().method() === 'PUT',
    );
    await cleaning.click();
    expect((await saved).ok()).toBe(true);
    await expectAttribute(
      customer.getByRole('switch', { name: '镜片清洗保养提醒 已关闭' }),
      'aria-checked',
      'false',
    );
    const settings = await request(server.baseUrl)
      .get('/api/v1/me/reminder-settings')
      .set('authorization', authorization)
      .expect(200);
    expect(settings.body.muted).toEqual(['lens_cleaning']);
    await shot(customer, '65-reminder-settings');
  });

  it('should let staff close and snooze their tasks and open the customer card; the manager sees what is left', async () => {
    // Two customers walk into store 1 (no owner: the store's pool, which clerk1 sees).
    const other = await customerAuth(server.baseUrl, `${CUSTOMER}-walk-in`);
    for (const id of [memberId, other.memberId]) {
      await publishEvent(server, 'CustomerArrived', id, { memberId: id, storeId: 1, ownerStaffId: null });
    }
    await runJob(server.baseUrl, 'outbox');
    const clerk = (await staffAuth(server.baseUrl, 'clerk1')).authorization;
    const tasksOf = async (status: 'due' | 'done') =>
      (
        await request(server.baseUrl)
          .get(`/api/v1/staff/tasks?status=${status}`)
          .set('authorization', clerk)
          .expect(200)
      ).body as ListPage<StaffTask>;
    const due = (await tasksOf('due')).items;
    const [returning, walkIn] = [memberId, other.memberId].map(
      (id) => due.find((task) => task.memberId === id && task.kind === 'arrival') as StaffTask,
    );
    expect(returning.title).toContain('上次验光');

    await staffSignIn('clerk1');
    await staff.getByRole('link', { name: '我的任务' }).click();
    await waitForTaroPage(staff, 'subpackages/staff/tasks/index');
    await expectAttribute(staff.getByRole('tab', { name: '待办' }), 'aria-selected', 'true');
    const card = (task: StaffTask) =>
      staff
        .getByTestId('staff-task')
        .filter({ has: staff.getByTestId('task-title').getByText(task.title, { exact: true }) });
    await card(returning).waitFor();
    expect(await card(walkIn).getByText('到店接待').count()).toBe(1);
    await card(walkIn).getByTestId('task-due').getByText('到期：', { exact: false }).waitFor();
    await shot(staff, '66-staff-tasks');

    await staff.getByRole('button', { name: `推迟 3 天：${returning.title}`, exact: true }).click();
    await card(returning).waitFor({ state: 'detached' });
    await staff.getByRole('button', { name: `完成：${walkIn.title}`, exact: true }).click();
    await staff.getByTestId('empty').getByText('没有待办任务').waitFor();
    const done = (await tasksOf('done')).items;
    expect(done.map((task) => task.id)).toEqual([walkIn.id]);
    const later = await request(server.baseUrl)
      .get('/api/v1/staff/tasks/summary')
      .set('authorization', (await staffAuth(server.baseUrl, 'manager1')).authorization)
      .expect(200);
    expect(later.body.rows).toEqual([{ staffId: null, staffName: null, due: 0, later: 1 }]);

    await staff.getByRole('tab', { name: '已完成' }).click();
    await card(walkIn).getByText('完成于', { exact: false }).waitFor();
    await staff.getByRole('link', { name: `查看顾客：${walkIn.title}`, exact: true }).click();
    await waitForTaroPage(staff, 'subpackages/staff/customer/index');
    expect(staff.url()).toContain(`memberId=${other.memberId}`);

    await staffSignIn('manager1');
    await staff.getByRole('link', { name: '门店任务概览' }).click();
    await waitForTaroPage(staff, 'subpackages/staff/task-summary/index');
    const row = staff.getByTestId('task-summary-row');
    await row.getByText('门店公共任务').waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/到期 0 项\s*稍后 1 项/);
    await shot(staff, '67-staff-task-summary');
  });
});
