import { addDays, shanghaiDate } from '@lensloop/shared';
import request from 'supertest';
import { invalidSubscribeFields } from '../../server/src/infra/wechat/subscribe-message-fields';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { publishEvent } from '../support/events';
import { advanceClock, resetClock, runJob, waitFor } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

const DAY_MS = 86_400_000;

interface OccurrenceRow {
  id: number;
  kind: string;
  subject: string;
  due_date: string;
  status: string;
  channel: string | null;
  attempts: number;
  failures: number;
  deferred_count: number;
  capped_count: number;
  last_error: string | null;
  next_attempt_at: Date;
}

interface FakeMessage {
  touser: string;
  template_id: string;
  data: Record<string, string>;
}

/** `date` plus `months` calendar months (the day clamped), as the rules count. */
function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + month - 1 + months;
  const lastDay = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/** 10:00 Asia/Shanghai on `date`: when care reminders of that day go out. */
const tenAm = (date: string) => new Date(`${date}T02:00:00.000Z`);

/** Care reminders (issue 11): scheduling from events, delivery, less disturbance, bad input. */
describe('reminders (MariaDB, test clock)', () => {
  let server: TestServer;
  let factory: Factory;
  let admin: StaffFixture;
  let optometrist: StaffFixture;
  let clerk: StaffFixture;
  let storeId: number;

  beforeAll(async () => {
    // A short send timeout so the timeout case does not wait the production 5 s.
    server = await startTestServer({ env: { REMINDER_SEND_TIMEOUT_MS: '1000' } });
    factory = new Factory(server);
    storeId = (await factory.store()).id;
    admin = await factory.staff('admin', null);
    optometrist = await factory.staff('optometrist', storeId);
    clerk = await factory.staff('clerk', storeId);
  }, 60_000);
  afterEach(() => resetClock(server.baseUrl));
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);
  const as = (who: { authorization: string }, call: request.Test) =>
    call.set('authorization', who.authorization);
  const settle = () => runJob(server.baseUrl, 'outbox');
  const deliver = (baseUrl = server.baseUrl) => runJob(baseUrl, 'reminders');
  const deliverBackfill = (baseUrl: string) => runJob(baseUrl, 'reminder-backfill');

  /** Moves the business clock of every process to `target` (never back). */
  async function clockTo(target: Date, baseUrls: string[] = [server.baseUrl]): Promise<void> {
    for (const baseUrl of baseUrls) {
      const now = await advanceClock(baseUrl, 1);
      const seconds = Math.ceil((target.getTime() - now.getTime()) / 1000);
      if (seconds > 0) await advanceClock(baseUrl, seconds);
    }
  }

  async function businessToday(): Promise<string> {
    return shanghaiDate(await advanceClock(server.baseUrl, 1));
  }

  async function occurrencesOf(member: { memberId: number }): Promise<OccurrenceRow[]> {
    const rows: OccurrenceRow[] = await server.dataSource.query(
      'SELECT * FROM reminder_occurrences WHERE member_id = ? ORDER BY id',
      [member.memberId],
    );
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }

  async function inboxOf(member: MemberFixture) {
    return (await as(member, api().get('/api/v1/me/inbox')).expect(200)).body as {
      items: {
        id: number;
        kind: string;
        category: string;
        title: string;
        body: string;
        readAt: string | null;
      }[];
      total: number;
      unread: number;
    };
  }

  async function fakeMessages(member?: MemberFixture): Promise<FakeMessage[]> {
    const response = await fetch(`${server.wechat.baseUrl}/fake/subscribe-messages`);
    const { messages } = (await response.json()) as { messages: FakeMessage[] };
    return member ? messages.filter((message) => message.touser === member.openid) : messages;
  }

  async function fakeMode(mode: string, options: { times?: number; holdMs?: number } = {}): Promise<void> {
    await fetch(`${server.wechat.baseUrl}/fake/subscribe-messages/mode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode, ...options }),
    });
  }

  async function grants(member: MemberFixture): Promise<Record<string, number>> {
    const response = await as(member, api().get('/api/v1/me/subscriptions')).expect(200);
    return Object.fromEntries(
      response.body.map((balance: { templateKey: string; available: number }) => [
        balance.templateKey,
        balance.available,
      ]),
    );
  }

  const subscribe = (member: MemberFixture, ...templateKeys: string[]) =>
    as(member, api().post('/api/v1/me/subscriptions')).send({ templateKeys }).expect(201);

  async function recordExam(
    member: MemberFixture,
    examDate: string,
    options: { profileId?: number; sphere?: number; baseUrl?: string } = {},
  ): Promise<void> {
    await request(options.baseUrl ?? server.baseUrl)
      .post(`/api/v1/staff/customers/${member.memberId}/prescriptions`)
      .set('authorization', optometrist.authorization)
      .send({
        ...(options.profileId ? { profileId: options.profileId } : {}),
        kind: 'distance',
        examDate,
        od: { sphere: options.sphere ?? -200, cylinder: 0 },
        os: { sphere: options.sphere ?? -200, cylinder: 0 },
        pd: { binocular: 580 },
      })
      .expect(201);
  }

  async function childExamined(examDate: string): Promise<{ member: MemberFixture; childId: number }> {
    const member = await factory.member({ consent: true });
    const childId = await factory.child(member, { birthDate: '2018-05-06' });
    await recordExam(member, examDate, { profileId: childId });
    return { member, childId };
  }

  /** A paid pickup order of `items`, moved by the clerk to `until` (ready for pickup or completed). */
  async function pickedUpOrder(
    member: MemberFixture,
    items: { skuId: number; quantity: number }[],
    until: 'ready_for_pickup' | 'completed' = 'completed',
  ): Promise<{ id: number; no: string }> {
    const order = await as(member, api().post('/api/v1/orders'))
      .send({ storeId, items, fulfilment: 'pickup' })
      .expect(201);
    await as(member, api().post(`/api/v1/dev/payments/${order.body.id}/succeed`)).expect(200);
    await settle();
    const steps =
      until === 'completed'
        ? ['processing', 'ready_for_pickup', 'completed']
        : ['processing', 'ready_for_pickup'];
    for (const to of steps) {
      await as(clerk, api().post(`/api/v1/staff/orders/${order.body.id}/transition`))
        .send({ to })
        .expect(200);
    }
    await settle();
    return order.body;
  }

  describe('Done when 1: a child’s exam on day 0 → one re-check on day ~182, delivered once by three processes', () => {
    let processes: ApiProcess[] = [];
    afterEach(async () => {
      await fakeMode('ok');
      const alive = processes.filter(
        (process) => process.child.exitCode === null && process.child.signalCode === null,
      );
      await Promise.all(alive.map((process) => process.kill()));
      processes = [];
    });

    it('should schedule exactly one, deliver it once with three API processes, and lose or repeat nothing when one is killed mid-send', async () => {
      const env = { JOBS_ENABLED: 'false' };
      const [other, doomed] = [await startApiProcess(server, env), await startApiProcess(server, env)];
      processes.push(other, doomed);
      const today = daysAgo(0);

      // The kill case: a child examined three days earlier (so due three days earlier), subscribed.
      const killed = await childExamined(daysAgo(3));
      await subscribe(killed.member, 'care_reminder');
      // The exactly-once case: ten children examined today, half of the families subscribed.
      const families = [];
      for (let index = 0; index < 10; index++) {
        const family = await childExamined(today);
        if (index % 2 === 0) await subscribe(family.member, 'care_reminder');
        families.push({ ...family, subscribed: index % 2 === 0 });
      }
      await settle();

      const due = addMonths(today, 6);
      const dayOfDue = (Date.parse(due) - Date.parse(today)) / DAY_MS;
      expect(dayOfDue).toBeGreaterThanOrEqual(181);
      expect(dayOfDue).toBeLessThanOrEqual(184);
      for (const family of families) {
        expect(await occurrencesOf(family.member)).toEqual([
          expect.objectContaining({
            kind: 'child_recheck',
            subject: `profile:${family.childId}`,
            due_date: due,
            status: 'scheduled',
          }),
        ]);
      }

      // The day before: nothing goes out, whichever process runs the job.
      const killedDue = addMonths(daysAgo(3), 6);
      let all = [server.baseUrl, other.baseUrl, doomed.baseUrl];
      await clockTo(new Date(tenAm(killedDue).getTime() - DAY_MS), all);
      await Promise.all(all.map((baseUrl) => deliver(baseUrl)));
      expect(await fakeMessages(killed.member)).toEqual([]);
      expect((await occurrencesOf(killed.member))[0].status).toBe('scheduled');

      // Due: the doomed process claims it and dies while WeChat holds the send.
      await clockTo(new Date(tenAm(killedDue).getTime() + 60_000), all);
      await fakeMode('hang', { times: 1 });
      const hanging = deliver(doomed.baseUrl).catch(() => undefined);
      await waitFor(async () => (await fakeMessages(killed.member)).length === 1);
      expect((await occurrencesOf(killed.member))[0]).toMatchObject({ status: 'sending', attempts: 1 });
      await doomed.kill();
      await hanging;
      await fakeMode('ok');

      // A replacement starts; once the lease runs out the occurrence goes to the inbox, not to a second send.
      const replacement = await startApiProcess(server, env);
      processes.push(replacement);
      all = [server.baseUrl, other.baseUrl, replacement.baseUrl];
      await clockTo(
        new Date(tenAm(killedDue).getTime() + 60_000 + (server.config.reminders.leaseSeconds + 5) * 1000),
        all,
      );
      await Promise.all(all.map((baseUrl) => deliver(baseUrl)));
      await Promise.all(all.map((baseUrl) => deliver(baseUrl)));
      expect(await occurrencesOf(killed.member)).toEqual([
        expect.objectContaining({
          kind: 'child_recheck',
          status: 'inbox',
          failures: 1,
          last_error: expect.stringMatching(/interrupted/),
        }),
      ]);
      expect(await fakeMessages(killed.member)).toHaveLength(1);
      const killedInbox = await inboxOf(killed.member);
      expect(killedInbox.items.map((item) => item.kind)).toEqual(['child_recheck']);
      expect((await grants(killed.member)).care_reminder).toBe(0);

      // The others' due day: all three processes run the dispatcher at once, twice.
      await clockTo(new Date(tenAm(due).getTime() + 60_000), all);
      await Promise.all(all.map((baseUrl) => deliver(baseUrl)));
      await Promise.all(all.map((baseUrl) => deliver(baseUrl)));
      for (const family of families) {
        const [occurrence] = await occurrencesOf(family.member);
        const messages = await fakeMessages(family.member);
        const inbox = await inboxOf(family.member);
        if (family.subscribed) {
          expect(occurrence).toMatchObject({ status: 'sent', channel: 'wechat', attempts: 1 });
          expect(messages).toHaveLength(1);
          expect(messages[0].template_id).toBe('dev-tmpl-care-reminder');
          expect(invalidSubscribeFields(messages[0].data)).toEqual([]);
          expect(messages[0].data.thing1).toBe('儿童视力复查');
          expect(inbox.items).toEqual([]);
          expect((await grants(family.member)).care_reminder).toBe(0);
        } else {
          expect(occurrence).toMatchObject({ status: 'inbox', channel: 'inbox' });
          expect(messages).toEqual([]);
          expect(inbox.items).toEqual([
            expect.objectContaining({ kind: 'child_recheck', category: 'care', title: '视力复查提醒' }),
          ]);
          expect(inbox.unread).toBe(1);
        }
        expect(await occurrencesOf(family.member)).toHaveLength(1);
      }
    }, 240_000);
  });

  describe('Done when 2: exams and purchases schedule the next occurrence', () => {
    it('should move the child’s next re-check when a new exam is recorded on day 100', async () => {
      const today = daysAgo(0);
      const { member, childId } = await childExamined(today);
      await settle();
      expect((await occurrencesOf(member)).map((row) => [row.due_date, row.status])).toEqual([
        [addMonths(today, 6), 'scheduled'],
      ]);

      await clockTo(new Date(Date.now() + 100 * DAY_MS));
      const day100 = await businessToday();
      expect(day100).toBe(addDays(today, 100));
      await recordExam(member, day100, { profileId: childId, sphere: -225 });
      await settle();
      const rows = await occurrencesOf(member);
      expect(rows.map((row) => [row.due_date, row.status])).toEqual([
        [addMonths(today, 6), 'cancelled'],
        [addMonths(day100, 6), 'scheduled'],
      ]);
      expect(rows.filter((row) => row.status === 'scheduled')).toHaveLength(1);
    });

    it('should re-check a child flagged fast-progressing after 3 months, and renew an adult after 12', async () => {
      const member = await factory.member({ consent: true });
      const childId = await factory.child(member, { birthDate: '2016-02-03' });
      // −2.00 → −3.00 D in 200 days: about −1.8 D a year, flagged (≥ 0.50 D/year).
      await recordExam(member, daysAgo(260), { profileId: childId, sphere: -200 });
      await recordExam(member, daysAgo(60), { profileId: childId, sphere: -300 });
      await recordExam(member, daysAgo(30)); // the parent's own exam
      await settle();
      const trend = await as(member, api().get(`/api/v1/me/profiles/${childId}/myopia-trend`)).expect(200);
      expect(trend.body.fastProgression).toBe(true);
      const scheduled = (await occurrencesOf(member)).filter((row) => row.status === 'scheduled');
      expect(scheduled.map((row) => [row.kind, row.due_date])).toEqual([
        ['child_recheck', addMonths(daysAgo(60), 3)],
        ['adult_renewal', addMonths(daysAgo(30), 12)],
      ]);
    });

    it('should remind 7 days before 2 boxes of monthly lenses run out (day 53), and schedule lens cleaning after glasses are picked up', async () => {
      const member = await factory.member();
      const monthly = await factory.sku('contacts', {
        storeId,
        quantity: 100,
        price: 9_900,
        attributes: { power: '-3.00', box: '2', cycle: '月抛' },
      });
      const frame = await factory.sku('frames', { storeId, quantity: 100, price: 50_000 });
      const today = daysAgo(0);
      await pickedUpOrder(member, [{ skuId: monthly.id, quantity: 2 }]);
      const glasses = await pickedUpOrder(member, [{ skuId: frame.id, quantity: 1 }]);
      const scheduled = (await occurrencesOf(member)).filter(
        (row) => row.status === 'scheduled' && row.kind !== 'order_ready',
      );
      expect(scheduled.map((row) => [row.kind, row.subject, row.due_date])).toEqual([
        ['contact_lens_refill', 'contacts', addDays(today, 53)],
        ['lens_cleaning', `order:${glasses.id}`, addMonths(today, 6)],
      ]);

      // A second purchase replaces the waiting refill reminder instead of adding one.
      await clockTo(new Date(Date.now() + 20 * DAY_MS));
      const day20 = await businessToday();
      await pickedUpOrder(member, [{ skuId: monthly.id, quantity: 2 }]);
      const refills = (await occurrencesOf(member)).filter((row) => row.kind === 'contact_lens_refill');
      expect(refills.map((row) => [row.due_date, row.status])).toEqual([
        [addDays(today, 53), 'cancelled'],
        [addDays(day20, 53), 'scheduled'],
      ]);
    });

    it('should bring lens cleaning back every N months once delivered', async () => {
      const member = await factory.member();
      const frame = await factory.sku('frames', { storeId, quantity: 10, price: 40_000 });
      const order = await pickedUpOrder(member, [{ skuId: frame.id, quantity: 1 }]);
      const [first] = (await occurrencesOf(member)).filter((row) => row.kind === 'lens_cleaning');
      await clockTo(new Date(tenAm(first.due_date).getTime() + 60_000));
      await deliver();
      const cleanings = (await occurrencesOf(member)).filter((row) => row.kind === 'lens_cleaning');
      expect(cleanings.map((row) => [row.subject, row.due_date, row.status])).toEqual([
        [`order:${order.id}`, first.due_date, 'inbox'],
        [`order:${order.id}`, addMonths(first.due_date, 6), 'scheduled'],
      ]);
    });
  });

  describe('the purchase backfill: imported purchases and changed rules, set-based', () => {
    let processes: ApiProcess[] = [];
    afterEach(async () => {
      await Promise.all(processes.map((process) => process.kill()));
      processes = [];
    });

    /** A completed order written the way an import writes it: rows, a timeline, no events. */
    async function importedOrder(
      member: MemberFixture,
      items: { skuId: number; quantity: number }[],
      completedAt: Date,
      fulfilment: 'pickup' | 'delivery' = 'pickup',
    ): Promise<number> {
      const result = await server.dataSource.query(
        `INSERT INTO orders (no, member_id, kind, store_id, status, fulfilment, subtotal, discount, points_discount,
           balance_paid, payable, expires_at, paid_at, created_at, updated_at)
         VALUES (?, ?, 'goods', ?, 'completed', ?, 10000, 0, 0, 0, 10000, ?, ?, ?, ?)`,
        [
          `IMPORT${member.memberId}${completedAt.getTime()}`.slice(0, 32),
          member.memberId,
          storeId,
          fulfilment,
          completedAt,
          completedAt,
          completedAt,
          completedAt,
        ],
      );
      const orderId = Number(result.insertId);
      for (const item of items) {
        await server.dataSource.query(
          `INSERT INTO order_items (order_id, sku_id, product_id, name, attributes, image_url, quantity, unit_price, line_total)
           SELECT ?, s.id, s.product_id, p.name, s.attributes, p.image_url, ?, 5000, ? * 5000
           FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id = ?`,
          [orderId, item.quantity, item.quantity, item.skuId],
        );
      }
      await server.dataSource.query(
        `INSERT INTO order_events (order_id, from_status, to_status, actor, created_at)
         VALUES (?, 'ready_for_pickup', 'completed', 'staff', ?)`,
        [orderId, completedAt],
      );
      return orderId;
    }

    const waiting = async (member: MemberFixture) =>
      (await occurrencesOf(member))
        .filter(
          (row) => row.status === 'scheduled' && ['lens_cleaning', 'contact_lens_refill'].includes(row.kind),
        )
        .map((row) => [row.kind, row.subject, row.due_date]);

    it('should schedule the care reminders of imported purchases once, with the job running in two processes at once', async () => {
      const other = await startApiProcess(server, { JOBS_ENABLED: 'false' });
      processes.push(other);
      const frame = await factory.sku('frames', { storeId, quantity: 10, price: 40_000 });
      const monthly = await factory.sku('contacts', {
        storeId,
        quantity: 10,
        price: 9_900,
        attributes: { power: '-2.00', box: '2', cycle: '月抛' },
      });
      const ago = (days: number) => new Date(Date.now() - days * DAY_MS);
      const today = daysAgo(0);

      // Glasses picked up 400 days ago: the cleanings at 6 and 12 months are past, the next is ahead.
      const wearer = await factory.member();
      const glasses = await importedOrder(wearer, [{ skuId: frame.id, quantity: 1 }], ago(400));
      let cleaningDue = addMonths(shanghaiDate(ago(400)), 6);
      while (cleaningDue < today) cleaningDue = addMonths(cleaningDue, 6);
      // Glasses delivered by post: no cleaning at the counter.
      const posted = await factory.member();
      await importedOrder(posted, [{ skuId: frame.id, quantity: 1 }], ago(10), 'delivery');
      // Two contact-lens purchases: the later one (2 boxes, 60 days, 30 days ago) sets the refill.
      const lensWearer = await factory.member();
      await importedOrder(lensWearer, [{ skuId: monthly.id, quantity: 2 }], ago(50));
      await importedOrder(lensWearer, [{ skuId: monthly.id, quantity: 2 }], ago(30));
      // Lenses that ran out long ago: nothing to remind.
      const lapsed = await factory.member();
      await importedOrder(lapsed, [{ skuId: monthly.id, quantity: 2 }], ago(100));

      const started = await as(admin, api().post('/api/v1/admin/reminders/backfill')).expect(202);
      expect(started.body).toMatchObject({ done: false, position: 0 });
      expect(started.body.upToOrderId).toBeGreaterThanOrEqual(glasses);
      await Promise.all([
        deliverBackfill(server.baseUrl),
        deliverBackfill(other.baseUrl),
        deliverBackfill(server.baseUrl),
      ]);

      expect(await waiting(wearer)).toEqual([['lens_cleaning', `order:${glasses}`, cleaningDue]]);
      expect(await waiting(posted)).toEqual([]);
      expect(await waiting(lensWearer)).toEqual([
        ['contact_lens_refill', 'contacts', addDays(shanghaiDate(ago(30)), 53)],
      ]);
      expect(await waiting(lapsed)).toEqual([]);
      const status = (await as(admin, api().get('/api/v1/admin/reminders/backfill')).expect(200)).body;
      expect(status).toMatchObject({ done: true, position: started.body.upToOrderId });

      // A second run finds everything in place: no row added, none cancelled.
      const before = await server.dataSource.query(
        'SELECT COUNT(*) AS n, SUM(status = "cancelled") AS c FROM reminder_occurrences',
      );
      await as(admin, api().post('/api/v1/admin/reminders/backfill')).expect(202);
      await deliverBackfill(other.baseUrl);
      const after = await server.dataSource.query(
        'SELECT COUNT(*) AS n, SUM(status = "cancelled") AS c FROM reminder_occurrences',
      );
      expect(after).toEqual(before);
    });

    it('should move waiting cleaning reminders when the admin changes the interval, and back again', async () => {
      const member = await factory.member();
      const frame = await factory.sku('frames', { storeId, quantity: 10, price: 40_000 });
      const order = await pickedUpOrder(member, [{ skuId: frame.id, quantity: 1 }]);
      const today = daysAgo(0);
      expect(await waiting(member)).toEqual([['lens_cleaning', `order:${order.id}`, addMonths(today, 6)]]);
      const [original] = (await occurrencesOf(member)).filter((row) => row.kind === 'lens_cleaning');

      const rules = (await as(admin, api().get('/api/v1/admin/reminder-rules')).expect(200)).body;
      const withCleaningEvery = (months: number) => ({
        ...rules,
        rules: rules.rules.map((rule: { kind: string }) =>
          rule.kind === 'lens_cleaning' ? { ...rule, intervalMonths: months } : rule,
        ),
      });
      try {
        await as(admin, api().put('/api/v1/admin/reminder-rules')).send(withCleaningEvery(3)).expect(200);
        expect((await as(admin, api().get('/api/v1/admin/reminders/backfill')).expect(200)).body.done).toBe(
          false,
        );
        await deliverBackfill(server.baseUrl);
        expect(await waiting(member)).toEqual([['lens_cleaning', `order:${order.id}`, addMonths(today, 3)]]);

        // Back to 6 months: the first occurrence is scheduled again, not a copy of it.
        await as(admin, api().put('/api/v1/admin/reminder-rules')).send(withCleaningEvery(6)).expect(200);
        await deliverBackfill(server.baseUrl);
        const cleanings = (await occurrencesOf(member)).filter((row) => row.kind === 'lens_cleaning');
        expect(cleanings.map((row) => [row.id, row.due_date, row.status])).toEqual([
          [original.id, addMonths(today, 6), 'scheduled'],
          [expect.any(Number), addMonths(today, 3), 'cancelled'],
        ]);
      } finally {
        await as(admin, api().put('/api/v1/admin/reminder-rules')).send(rules).expect(200);
        await deliverBackfill(server.baseUrl);
      }
    });

    it('should not start a run for a change that leaves the purchase rules as they were', async () => {
      const rules = (await as(admin, api().get('/api/v1/admin/reminder-rules')).expect(200)).body;
      const before = (await as(admin, api().get('/api/v1/admin/reminders/backfill')).expect(200)).body;
      await as(admin, api().put('/api/v1/admin/reminder-rules'))
        .send({ ...rules, marketingCap: { count: 3, days: 7 } })
        .expect(200);
      await as(admin, api().put('/api/v1/admin/reminder-rules')).send(rules).expect(200);
      expect((await as(admin, api().get('/api/v1/admin/reminders/backfill')).expect(200)).body).toEqual(
        before,
      );
      await as(clerk, api().post('/api/v1/admin/reminders/backfill')).expect(403);
    });
  });

  describe('Done when 3: quiet hours, the cap, mute; transactional notices pass', () => {
    /** The next `hour`:00 Asia/Shanghai after the business clock's now plus `afterDays`. */
    async function nextShanghaiHour(hour: number, afterDays = 0): Promise<Date> {
      const now = (await advanceClock(server.baseUrl, 1)).getTime() + afterDays * DAY_MS;
      const date = shanghaiDate(new Date(now));
      let candidate = new Date(Date.parse(`${date}T00:00:00Z`) - 8 * 3_600_000 + hour * 3_600_000);
      if (candidate.getTime() <= now) candidate = new Date(candidate.getTime() + DAY_MS);
      return candidate;
    }

    it('should defer a care reminder through quiet hours, never drop it, while a transactional notice passes', async () => {
      const member = await factory.member({ consent: true });
      // An adult exam 13 months ago: the renewal is already due.
      await recordExam(member, addDays(daysAgo(0), -396));
      const frame = await factory.sku('frames', { storeId, quantity: 10, price: 40_000 });
      await settle();
      await clockTo(await nextShanghaiHour(22));
      const ready = await pickedUpOrder(member, [{ skuId: frame.id, quantity: 1 }], 'ready_for_pickup');
      await deliver();
      const [renewal] = (await occurrencesOf(member)).filter((row) => row.kind === 'adult_renewal');
      expect(renewal).toMatchObject({ status: 'scheduled', deferred_count: 1 });
      // 09:00 Shanghai the next morning.
      expect(shanghaiDate(new Date(renewal.next_attempt_at)) > shanghaiDate(new Date(Date.now()))).toBe(true);
      expect(new Date(renewal.next_attempt_at).getUTCHours()).toBe(1);
      expect((await inboxOf(member)).items.map((item) => item.kind)).toEqual(['order_ready']);
      expect((await inboxOf(member)).items[0].body).toContain(ready.no);

      await clockTo(new Date(new Date(renewal.next_attempt_at).getTime() + 60_000));
      await deliver();
      expect((await inboxOf(member)).items.map((item) => item.kind)).toEqual([
        'adult_renewal',
        'order_ready',
      ]);
    });

    it('should hold the third marketing reminder in 7 days back (the cap), and let transactional notices through', async () => {
      const member = await factory.member();
      const names = ['满100减10', '满200减25', '满300减40'];
      for (const name of names) {
        const template = await as(admin, api().post('/api/v1/admin/coupon-templates'))
          .send({
            name,
            kind: 'amount_off',
            amountOff: 1_000,
            scope: {},
            perMemberLimit: 1,
            validity: { days: 10 },
            channel: 'claim',
            stackable: false,
          })
          .expect(201);
        await as(member, api().post(`/api/v1/coupons/${template.body.id}/claim`)).expect(201);
      }
      // Eight days on, in the daytime: all three end within 3 days.
      await clockTo(await nextShanghaiHour(11, 8));
      await deliver();
      const coupons = (await occurrencesOf(member)).filter((row) => row.kind === 'coupon_expiring');
      expect(coupons).toHaveLength(3);
      expect(coupons.filter((row) => row.status === 'inbox')).toHaveLength(2);
      const [held] = coupons.filter((row) => row.status === 'scheduled');
      expect(held).toMatchObject({ capped_count: 1 });
      expect(new Date(held.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 8 * DAY_MS + 6 * DAY_MS);

      // A transactional notice is never capped.
      await publishEvent(server, 'GroupBuyCompleted', 1, {
        groupId: 1,
        campaignId: 1,
        memberIds: [member.memberId],
        productName: '镜片清洗套餐 0 元拼',
      });
      await settle();
      await deliver();
      const kinds = (await inboxOf(member)).items.map((item) => item.kind);
      expect(kinds.filter((kind) => kind === 'coupon_expiring')).toHaveLength(2);
      expect(kinds).toContain('group_buy_completed');
      // Run again: the held one still waits.
      await deliver();
      expect((await inboxOf(member)).items.filter((item) => item.kind === 'coupon_expiring')).toHaveLength(2);
    });

    it('should hold a mute: a muted kind is not delivered, other kinds and transactional notices are', async () => {
      const member = await factory.member({ consent: true });
      await as(member, api().put('/api/v1/me/reminder-settings'))
        .send({ muted: ['adult_renewal'] })
        .expect(200);
      await recordExam(member, addDays(daysAgo(0), -400));
      await publishEvent(server, 'CustomerAdded', member.memberId, {
        memberId: member.memberId,
        ownerStaffId: null,
        storeId,
        channel: 'store_qr',
        registered: true,
        welcomeCouponId: null,
      });
      await settle();
      await clockTo(await nextShanghaiHour(12));
      await deliver();
      expect((await occurrencesOf(member)).map((row) => [row.kind, row.status])).toEqual([
        ['adult_renewal', 'muted'],
        ['welcome', 'inbox'],
      ]);
      expect((await inboxOf(member)).items.map((item) => item.kind)).toEqual(['welcome']);
    });
  });

  describe('Done when 4: the inbox without a subscription, one subscribe message with one', () => {
    it('should put the ready-for-pickup notice in the inbox of a member without a subscription', async () => {
      const member = await factory.member();
      const frame = await factory.sku('frames', { storeId, quantity: 10, price: 40_000 });
      const order = await pickedUpOrder(member, [{ skuId: frame.id, quantity: 1 }], 'ready_for_pickup');
      await deliver();
      expect(await fakeMessages(member)).toEqual([]);
      const inbox = await inboxOf(member);
      expect(inbox.items).toEqual([
        expect.objectContaining({
          kind: 'order_ready',
          category: 'transactional',
          title: '眼镜可以取了',
          readAt: null,
        }),
      ]);
      expect(inbox.items[0].body).toContain(order.no);
      expect(inbox.unread).toBe(1);
    });

    it('should send one subscribe message with valid fields and consume the subscription', async () => {
      const member = await factory.member();
      await subscribe(member, 'order_status');
      expect((await grants(member)).order_status).toBe(1);
      const frame = await factory.sku('frames', { storeId, quantity: 10, price: 40_000 });
      const order = await pickedUpOrder(member, [{ skuId: frame.id, quantity: 1 }], 'ready_for_pickup');
      await deliver();
      await deliver();
      const messages = await fakeMessages(member);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        template_id: 'dev-tmpl-order-status',
        data: { character_string1: order.no, phrase3: '待取件' },
      });
      expect(invalidSubscribeFields(messages[0].data)).toEqual([]);
      expect((await grants(member)).order_status).toBe(0);
      expect((await inboxOf(member)).items).toEqual([]);
      expect((await occurrencesOf(member)).find((row) => row.kind === 'order_ready')).toMatchObject({
        status: 'sent',
      });
    });

    it('should record a refusal (43101) or a bad field (47003) and fall back to the inbox; a timeout is retried', async () => {
      const frame = await factory.sku('frames', { storeId, quantity: 30, price: 40_000 });

      const refusing = await factory.member();
      await subscribe(refusing, 'order_status', 'order_status');
      await fakeMode('refuse', { times: 1 });
      await pickedUpOrder(refusing, [{ skuId: frame.id, quantity: 1 }], 'ready_for_pickup');
      await deliver();
      expect((await occurrencesOf(refusing))[0]).toMatchObject({
        status: 'inbox',
        failures: 1,
        last_error: expect.stringContaining('43101'),
      });
      expect((await inboxOf(refusing)).items.map((item) => item.kind)).toEqual(['order_ready']);
      // WeChat holds no grant: ours are void.
      expect((await grants(refusing)).order_status).toBe(0);

      const badField = await factory.member();
      await subscribe(badField, 'order_status');
      await fakeMode('bad_field', { times: 1 });
      await pickedUpOrder(badField, [{ skuId: frame.id, quantity: 1 }], 'ready_for_pickup');
      await deliver();
      expect((await occurrencesOf(badField))[0]).toMatchObject({
        status: 'inbox',
        failures: 1,
        last_error: expect.stringContaining('47003'),
      });
      expect((await inboxOf(badField)).items).toHaveLength(1);
      // WeChat did not use the grant: it stays for the next notice.
      expect((await grants(badField)).order_status).toBe(1);

      const timedOut = await factory.member();
      await subscribe(timedOut, 'order_status');
      await fakeMode('timeout', { times: 1, holdMs: server.config.reminders.sendTimeoutMs + 500 });
      await pickedUpOrder(timedOut, [{ skuId: frame.id, quantity: 1 }], 'ready_for_pickup');
      await deliver();
      expect((await occurrencesOf(timedOut))[0]).toMatchObject({
        status: 'scheduled',
        attempts: 1,
        failures: 1,
      });
      expect(await fakeMessages(timedOut)).toEqual([]);
      await clockTo(new Date(Date.now() + (server.config.reminders.retryBaseSeconds + 5) * 1000));
      await deliver();
      expect((await occurrencesOf(timedOut))[0]).toMatchObject({ status: 'sent', attempts: 2, failures: 1 });
      expect(await fakeMessages(timedOut)).toHaveLength(1);
      expect((await inboxOf(timedOut)).items).toEqual([]);
      expect((await grants(timedOut)).order_status).toBe(0);
    }, 60_000);
  });

  describe('the admin’s report and the bad input of the issue', () => {
    it('should report scheduled, sent, deferred, capped, muted and failed by rule', async () => {
      const report = await as(admin, api().get('/api/v1/admin/reminder-report')).expect(200);
      const byKind = Object.fromEntries(report.body.rows.map((row: { kind: string }) => [row.kind, row]));
      // What the tests above did (this file's database): at least these.
      expect(byKind.child_recheck.sent).toBeGreaterThanOrEqual(5);
      expect(byKind.child_recheck.failed).toBeGreaterThanOrEqual(1);
      expect(byKind.adult_renewal.deferred).toBeGreaterThanOrEqual(1);
      expect(byKind.adult_renewal.muted).toBeGreaterThanOrEqual(1);
      expect(byKind.coupon_expiring.capped).toBeGreaterThanOrEqual(1);
      expect(byKind.order_ready.failed).toBeGreaterThanOrEqual(3);
      const counted = ['pending', 'sent', 'inbox', 'tasks', 'muted'] as const;
      for (const row of report.body.rows) {
        expect(counted.reduce((sum, column) => sum + row[column], 0)).toBe(row.scheduled);
      }
      expect(report.body.totals.scheduled).toBe(
        report.body.rows.reduce((sum: number, row: { scheduled: number }) => sum + row.scheduled, 0),
      );
      await as(optometrist, api().get('/api/v1/admin/reminder-report')).expect(403);
    });

    it('should refuse an unknown template key and record no grant', async () => {
      const member = await factory.member();
      const templates = await as(member, api().get('/api/v1/subscription-templates')).expect(200);
      expect(templates.body.map((template: { key: string }) => template.key)).toContain('order_status');
      const refused = await as(member, api().post('/api/v1/me/subscriptions'))
        .send({ templateKeys: ['order_status', 'no_such_template'] })
        .expect(422);
      expect(refused.body.code).toBe('SUBSCRIPTION_TEMPLATE_UNKNOWN');
      expect(Object.values(await grants(member)).every((available) => available === 0)).toBe(true);
    });

    it('should refuse muting an unknown or transactional kind and keep the settings', async () => {
      const member = await factory.member();
      await as(member, api().put('/api/v1/me/reminder-settings'))
        .send({ muted: ['lens_cleaning'] })
        .expect(200);
      for (const kind of ['no_such_kind', 'order_ready']) {
        const refused = await as(member, api().put('/api/v1/me/reminder-settings'))
          .send({ muted: ['coupon_expiring', kind] })
          .expect(422);
        expect(refused.body.code).toBe('REMINDER_KIND_NOT_MUTABLE');
      }
      const settings = await as(member, api().get('/api/v1/me/reminder-settings')).expect(200);
      expect(settings.body.muted).toEqual(['lens_cleaning']);
      expect(settings.body.mutable).not.toContain('order_ready');
    });

    it('should answer 404 for another member’s inbox item and leave it unread', async () => {
      const owner = await factory.member();
      const other = await factory.member();
      await publishEvent(server, 'CustomerAdded', owner.memberId, {
        memberId: owner.memberId,
        ownerStaffId: null,
        storeId,
        channel: 'store_qr',
        registered: true,
        welcomeCouponId: null,
      });
      await settle();
      await deliver();
      const [item] = (await inboxOf(owner)).items;
      expect(item.kind).toBe('welcome');
      const refused = await as(other, api().post(`/api/v1/me/inbox/${item.id}/read`)).expect(404);
      expect(refused.body.code).toBe('INBOX_ITEM_NOT_FOUND');
      expect((await inboxOf(owner)).unread).toBe(1);
      const read = await as(owner, api().post(`/api/v1/me/inbox/${item.id}/read`)).expect(200);
      expect(read.body.readAt).not.toBeNull();
      expect((await inboxOf(owner)).unread).toBe(0);
    });

    it('should refuse rules that do not hold together and keep the old ones', async () => {
      const before = (await as(admin, api().get('/api/v1/admin/reminder-rules')).expect(200)).body;
      expect(before.marketingCap).toEqual({ count: 2, days: 7 });
      expect(before.quietHours).toMatchObject({ start: '21:00', end: '09:00' });
      const bad = {
        ...before,
        rules: before.rules.map((rule: { kind: string }) =>
          rule.kind === 'order_ready' ? { ...rule, enabled: false } : rule,
        ),
      };
      const refused = await as(admin, api().put('/api/v1/admin/reminder-rules')).send(bad).expect(422);
      expect(refused.body.code).toBe('REMINDER_RULES_INVALID');
      const unknownKind = { ...before, rules: [...before.rules, { ...before.rules[0], kind: 'horoscope' }] };
      await as(admin, api().put('/api/v1/admin/reminder-rules')).send(unknownKind).expect(400);
      expect((await as(admin, api().get('/api/v1/admin/reminder-rules')).expect(200)).body).toEqual(before);
    });
  });
});

function daysAgo(days: number): string {
  return addDays(shanghaiDate(new Date()), -days);
}
