import { addDays, shanghaiDate } from '@lensloop/shared';
import request from 'supertest';
import { Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { publishEvent } from '../support/events';
import { advanceClock, resetClock, runJob } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

const DAY_MS = 86_400_000;
const ONE_TO_ONE_TAG = '一对一';

function daysAgo(days: number): string {
  return addDays(shanghaiDate(new Date()), -days);
}

/** 1-to-1 service tasks from due reminders, arrival tasks, done, snooze and the manager's view. */
describe('staff tasks (MariaDB, test clock)', () => {
  let server: TestServer;
  let factory: Factory;
  let storeId: number;
  let otherStoreId: number;
  let owner: StaffFixture;
  let colleague: StaffFixture;
  let manager: StaffFixture;
  let stranger: StaffFixture;
  let optometrist: StaffFixture;
  let admin: StaffFixture;
  let segmentSaved = false;

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    storeId = (await factory.store()).id;
    otherStoreId = (await factory.store()).id;
    owner = await factory.staff('clerk', storeId, '李娜');
    colleague = await factory.staff('clerk', storeId, '张伟');
    manager = await factory.staff('manager', storeId, '陈静');
    stranger = await factory.staff('manager', otherStoreId, '刘洋');
    optometrist = await factory.staff('optometrist', storeId);
    admin = await factory.staff('admin', null);
  }, 60_000);
  afterEach(() => resetClock(server.baseUrl));
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);
  const as = (who: { authorization: string }, call: request.Test) =>
    call.set('authorization', who.authorization);

  /** A member named `nickname` owned by `staff`, set as fixture data (customers.e2e covers how owners are set). */
  async function ownedMember(nickname: string, staff: StaffFixture | null): Promise<MemberFixture> {
    const member = await factory.member({ consent: true, nickname });
    await server.dataSource.query('UPDATE members SET owner_staff_id = ?, home_store_id = ? WHERE id = ?', [
      staff?.id ?? null,
      storeId,
      member.memberId,
    ]);
    return member;
  }

  async function childExamined(member: MemberFixture, name: string, examDate: string): Promise<void> {
    const childId = await factory.child(member, { name, birthDate: '2018-04-05' });
    await as(optometrist, api().post(`/api/v1/staff/customers/${member.memberId}/prescriptions`))
      .send({
        profileId: childId,
        kind: 'distance',
        examDate,
        od: { sphere: -150, cylinder: 0 },
        os: { sphere: -125, cylinder: 0 },
        pd: { binocular: 560 },
      })
      .expect(201);
    await runJob(server.baseUrl, 'outbox');
  }

  /** Moves the clock to 11:00 Shanghai tomorrow (outside quiet hours) and runs the reminders job. */
  async function deliverInDaytime(): Promise<void> {
    const now = await advanceClock(server.baseUrl, 1);
    const tomorrow = addDays(shanghaiDate(now), 1);
    const target = new Date(`${tomorrow}T03:00:00.000Z`);
    await advanceClock(server.baseUrl, Math.ceil((target.getTime() - now.getTime()) / 1000));
    await runJob(server.baseUrl, 'reminders');
  }

  /** The owner tags the member 一对一 on the customer card, which puts them in the 1-to-1 segment. */
  async function serveOneToOne(member: MemberFixture): Promise<void> {
    await as(owner, api().post(`/api/v1/staff/customers/${member.memberId}/tags`))
      .send({ name: ONE_TO_ONE_TAG })
      .expect(201);
    if (segmentSaved) return;
    // The chain serves members tagged 一对一 in person: a saved segment (of a tag in use) named in
    // the reminder rules.
    const segment = await as(admin, api().post('/api/v1/admin/segments'))
      .send({ name: '一对一服务', filter: { tag: ONE_TO_ONE_TAG } })
      .expect(201);
    const rules = (await as(admin, api().get('/api/v1/admin/reminder-rules')).expect(200)).body;
    await as(admin, api().put('/api/v1/admin/reminder-rules'))
      .send({ ...rules, oneToOneSegmentId: segment.body.id })
      .expect(200);
    segmentSaved = true;
  }

  async function dueTasks(staff: StaffFixture) {
    const response = await as(staff, api().get('/api/v1/staff/tasks?status=due')).expect(200);
    return response.body.items as {
      id: number;
      memberId: number;
      staffId: number | null;
      kind: string;
      title: string;
      status: string;
      dueAt: string;
    }[];
  }

  it('should turn a due reminder of a 1-to-1 customer into a task for the owner instead of a message', async () => {
    const wang = await ownedMember('王芳', owner);
    await serveOneToOne(wang);
    // Seven months ago: the re-check is due.
    await childExamined(wang, '小明', daysAgo(212));
    const outside = await ownedMember('赵磊', owner);
    await childExamined(outside, '小红', daysAgo(212));
    await deliverInDaytime();

    const tasks = (await dueTasks(owner)).filter((task) => task.memberId === wang.memberId);
    expect(tasks).toEqual([
      expect.objectContaining({
        kind: 'service',
        staffId: owner.id,
        status: 'due',
        title: '联系王芳：小明的复查到期了',
      }),
    ]);
    const inbox = await as(wang, api().get('/api/v1/me/inbox')).expect(200);
    expect(inbox.body.items).toEqual([]);
    // Outside the segment: the member gets the message, the owner no task.
    const outsideInbox = await as(outside, api().get('/api/v1/me/inbox')).expect(200);
    expect(outsideInbox.body.items.map((item: { kind: string }) => item.kind)).toEqual(['child_recheck']);
    expect((await dueTasks(owner)).filter((task) => task.memberId === outside.memberId)).toEqual([]);
    // Another clerk of the store does not see the owner's task.
    expect((await dueTasks(colleague)).filter((task) => task.memberId === wang.memberId)).toEqual([]);
  });

  it('should mark a task done once, publish StaffTaskDone, and answer 404 for someone else’s task', async () => {
    const member = await ownedMember('孙丽', owner);
    await serveOneToOne(member);
    await childExamined(member, '小刚', daysAgo(200));
    await deliverInDaytime();
    const [task] = (await dueTasks(owner)).filter((row) => row.memberId === member.memberId);

    for (const other of [colleague, stranger]) {
      const refused = await as(other, api().post(`/api/v1/staff/tasks/${task.id}/done`)).expect(404);
      expect(refused.body.code).toBe('STAFF_TASK_NOT_FOUND');
      await as(other, api().post(`/api/v1/staff/tasks/${task.id}/snooze`))
        .send({ days: 2 })
        .expect(404);
    }
    await as(owner, api().post('/api/v1/staff/tasks/999999/done')).expect(404);

    const done = await as(owner, api().post(`/api/v1/staff/tasks/${task.id}/done`)).expect(200);
    expect(done.body).toMatchObject({ id: task.id, status: 'done' });
    await as(owner, api().post(`/api/v1/staff/tasks/${task.id}/done`)).expect(200);
    const events: { payload: string }[] = await server.dataSource.query(
      "SELECT payload FROM outbox_events WHERE type = 'StaffTaskDone' AND aggregate_id = ?",
      [String(task.id)],
    );
    expect(events.map((event) => JSON.parse(event.payload))).toEqual([
      { taskId: task.id, staffId: owner.id, memberId: member.memberId, kind: 'service' },
    ]);
    const doneList = await as(owner, api().get('/api/v1/staff/tasks?status=done')).expect(200);
    expect(doneList.body.items.map((row: { id: number }) => row.id)).toContain(task.id);
    expect((await dueTasks(owner)).map((row) => row.id)).not.toContain(task.id);
    const snoozeDone = await as(owner, api().post(`/api/v1/staff/tasks/${task.id}/snooze`))
      .send({ days: 1 })
      .expect(409);
    expect(snoozeDone.body.code).toBe('STAFF_TASK_DONE');
  });

  it('should snooze a task 1–30 days: it leaves the due list and comes back', async () => {
    const member = await ownedMember('周杰', owner);
    await serveOneToOne(member);
    await childExamined(member, '小杰', daysAgo(190));
    await deliverInDaytime();
    const [task] = (await dueTasks(owner)).filter((row) => row.memberId === member.memberId);
    for (const days of [0, 31, 1.5]) {
      const refused = await as(owner, api().post(`/api/v1/staff/tasks/${task.id}/snooze`))
        .send({ days })
        .expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await dueTasks(owner)).find((row) => row.id === task.id)?.dueAt).toBe(task.dueAt);

    const snoozed = await as(owner, api().post(`/api/v1/staff/tasks/${task.id}/snooze`))
      .send({ days: 3 })
      .expect(200);
    const now = await advanceClock(server.baseUrl, 1);
    expect(Date.parse(snoozed.body.dueAt)).toBeGreaterThan(now.getTime() + 2.9 * DAY_MS);
    expect((await dueTasks(owner)).map((row) => row.id)).not.toContain(task.id);
    await advanceClock(server.baseUrl, 3 * 86_400 + 60);
    expect((await dueTasks(owner)).map((row) => row.id)).toContain(task.id);
  });

  it('should show the manager the undone tasks per staff member of the store, and nobody else', async () => {
    const mine = await ownedMember('吴敏', colleague);
    await serveOneToOne(mine);
    await childExamined(mine, '小敏', daysAgo(200));
    await deliverInDaytime();
    const summary = await as(manager, api().get('/api/v1/staff/tasks/summary')).expect(200);
    expect(summary.body.storeId).toBe(storeId);
    const byStaff = Object.fromEntries(
      summary.body.rows.map(
        (row: { staffId: number | null; staffName: string | null; due: number; later: number }) => [
          row.staffName,
          row.due + row.later,
        ],
      ),
    );
    expect(byStaff['张伟']).toBe(1);
    expect(byStaff['李娜']).toBeGreaterThanOrEqual(2);
    await as(owner, api().get('/api/v1/staff/tasks/summary')).expect(403);
    const elsewhere = await as(stranger, api().get('/api/v1/staff/tasks/summary')).expect(200);
    expect(elsewhere.body.rows).toEqual([]);
  });

  it('should create an arrival task for the owner naming the last exam and the due re-check, or for the store’s pool', async () => {
    const member = await ownedMember('王芳', owner);
    // Five and a half months ago: the re-check falls due within weeks.
    const examDate = daysAgo(168);
    await childExamined(member, '小明', examDate);
    await publishEvent(server, 'CustomerArrived', member.memberId, {
      memberId: member.memberId,
      storeId,
      ownerStaffId: owner.id,
    });
    await runJob(server.baseUrl, 'outbox');
    const [arrival] = (await dueTasks(owner)).filter(
      (task) => task.memberId === member.memberId && task.kind === 'arrival',
    );
    expect(arrival).toMatchObject({
      staffId: owner.id,
      title: `老顾客到店 — 王芳，上次验光 ${examDate}，小明复查到期`,
    });

    // The same scan again that day: still one task.
    await publishEvent(server, 'CustomerArrived', member.memberId, {
      memberId: member.memberId,
      storeId,
      ownerStaffId: owner.id,
    });
    await runJob(server.baseUrl, 'outbox');
    expect(
      (await dueTasks(owner)).filter((task) => task.memberId === member.memberId && task.kind === 'arrival'),
    ).toHaveLength(1);

    // No owner: the store's pool, which any staff member of the store sees and may close.
    const walkIn = await ownedMember('钱多', null);
    await publishEvent(server, 'CustomerArrived', walkIn.memberId, {
      memberId: walkIn.memberId,
      storeId,
      ownerStaffId: null,
    });
    await runJob(server.baseUrl, 'outbox');
    const [pooled] = (await dueTasks(colleague)).filter((task) => task.memberId === walkIn.memberId);
    expect(pooled).toMatchObject({ kind: 'arrival', staffId: null, title: '老顾客到店 — 钱多' });
    expect((await dueTasks(stranger)).filter((task) => task.memberId === walkIn.memberId)).toEqual([]);
    const closed = await as(colleague, api().post(`/api/v1/staff/tasks/${pooled.id}/done`)).expect(200);
    expect(closed.body).toMatchObject({ status: 'done', staffId: colleague.id });
  });
});
