import request from 'supertest';
import { shanghaiDate } from '@lensloop/shared';
import { daysAgo } from '../support/dates';
import { Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { advanceClock, resetClock, runJob } from '../support/outbox';
import { inParallel, memberAt, paidOrder, refundOrder, settle } from '../support/tags';
import { startTestServer, type TestServer } from '../support/test-server';

const STORE_NAME = '西湖测试店';
const STORE = ['来源:门店', `门店:${STORE_NAME}`, '区域:杭州'];
const ONLINE = ['来源:线上'];

type Exam = 'child' | 'presbyopia' | 'contact' | 'highOverdue';

/**
 * Ten kinds of customer, five of each: 50 members. Purchases are ¥600 frames; `refunded` of them
 * are refunded in full. The expected tags are written out by hand from product.md's rules with the
 * default thresholds (new buyer: ≥ ¥1,000 lock-in, else promote) and, a year later, with
 * `coreSpend` ¥2,000 (long-standing buyer: ≥ ¥2,000 core, else recall; every exam has expired).
 */
const KINDS: {
  store: boolean;
  purchases: number;
  refunded?: number;
  exam?: Exam;
  now: { tags: string[]; purchaseClass: string; quadrant: string | null };
  yearLater: { tags: string[]; quadrant: string | null };
}[] = [
  {
    store: false,
    purchases: 0,
    now: { tags: ['A类', ...ONLINE], purchaseClass: 'A', quadrant: null },
    yearLater: { tags: ['A类', ...ONLINE], quadrant: null },
  },
  {
    store: true,
    purchases: 1,
    now: { tags: ['B类', '待提升', ...STORE], purchaseClass: 'B', quadrant: 'promote' },
    yearLater: { tags: ['B类', '沉睡待唤醒', ...STORE], quadrant: 'recall' },
  },
  {
    store: true,
    purchases: 2,
    now: { tags: ['C类', '锁客', ...STORE], purchaseClass: 'C', quadrant: 'lock_in' },
    yearLater: { tags: ['C类', '沉睡待唤醒', ...STORE], quadrant: 'recall' },
  },
  {
    store: false,
    purchases: 3,
    now: { tags: ['D类', '锁客', ...ONLINE], purchaseClass: 'D', quadrant: 'lock_in' },
    yearLater: { tags: ['D类', '沉睡待唤醒', ...ONLINE], quadrant: 'recall' },
  },
  {
    store: false,
    purchases: 4,
    now: { tags: ['D类', '锁客', ...ONLINE], purchaseClass: 'D', quadrant: 'lock_in' },
    yearLater: { tags: ['D类', '核心客户', ...ONLINE], quadrant: 'core' },
  },
  {
    store: true,
    purchases: 2,
    refunded: 1,
    now: { tags: ['B类', '待提升', ...STORE], purchaseClass: 'B', quadrant: 'promote' },
    yearLater: { tags: ['B类', '沉睡待唤醒', ...STORE], quadrant: 'recall' },
  },
  {
    store: false,
    purchases: 0,
    exam: 'child',
    now: { tags: ['A类', '儿童配镜', ...ONLINE], purchaseClass: 'A', quadrant: null },
    yearLater: { tags: ['A类', '儿童配镜', '复查逾期', ...ONLINE], quadrant: null },
  },
  {
    store: true,
    purchases: 1,
    exam: 'presbyopia',
    now: { tags: ['B类', '待提升', '老花', ...STORE], purchaseClass: 'B', quadrant: 'promote' },
    yearLater: { tags: ['B类', '沉睡待唤醒', '老花', '复查逾期', ...STORE], quadrant: 'recall' },
  },
  {
    store: false,
    purchases: 0,
    exam: 'contact',
    now: { tags: ['A类', '隐形眼镜用户', ...ONLINE], purchaseClass: 'A', quadrant: null },
    yearLater: { tags: ['A类', '隐形眼镜用户', '复查逾期', ...ONLINE], quadrant: null },
  },
  {
    store: true,
    purchases: 0,
    exam: 'highOverdue',
    now: { tags: ['A类', '高度近视', '复查逾期', ...STORE], purchaseClass: 'A', quadrant: null },
    yearLater: { tags: ['A类', '高度近视', '复查逾期', ...STORE], quadrant: null },
  },
];

const PD = { binocular: 630 };
const EXAMS: Record<Exam, object> = {
  // SE −2.50: myopia, not high.
  child: {
    kind: 'distance',
    examDate: daysAgo(60),
    od: { sphere: -250, cylinder: 0 },
    os: { sphere: -250, cylinder: 0 },
    pd: PD,
  },
  presbyopia: {
    kind: 'near',
    examDate: daysAgo(60),
    od: { sphere: 150, cylinder: 0, add: 200 },
    os: { sphere: 150, cylinder: 0, add: 200 },
    pd: PD,
  },
  contact: {
    kind: 'contact_lens',
    examDate: daysAgo(60),
    od: { sphere: -300, cylinder: 0, baseCurve: 860, diameter: 1420 },
    os: { sphere: -300, cylinder: 0, baseCurve: 860, diameter: 1420 },
  },
  // OD SE = −6.50 + (−0.50 / 2) = −6.75 D; examined 400 days ago, so expired (adults: 12 months).
  highOverdue: {
    kind: 'distance',
    examDate: daysAgo(400),
    od: { sphere: -650, cylinder: -50, axis: 180 },
    os: { sphere: -500, cylinder: 0 },
    pd: PD,
  },
};

/** Automatic tags equal a hand-computed table of 50 members; manual tags on the staff card. */
describe('tags: automatic and manual (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let storeId: number;
  let skuId: number;
  let optometrist: StaffFixture;
  let manager: StaffFixture;
  let admin: StaffFixture;
  let clerk: StaffFixture;
  const fixture: { member: MemberFixture; kind: (typeof KINDS)[number]; index: number }[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    storeId = (await factory.store({ name: STORE_NAME, city: '杭州' })).id;
    skuId = (await factory.sku('frames', { storeId, quantity: 1_000, price: 60_000 })).id;
    optometrist = await factory.staff('optometrist', storeId);
    manager = await factory.staff('manager', storeId);
    clerk = await factory.staff('clerk', storeId);
    admin = await factory.staff('admin', null);

    const plan = KINDS.flatMap((kind, index) => Array.from({ length: 5 }, () => ({ kind, index })));
    await inParallel(plan, 10, async ({ kind, index }) => {
      const member = await memberAt(server, kind.store ? storeId : null, { consent: !!kind.exam });
      const orders: number[] = [];
      for (let n = 0; n < kind.purchases; n++) orders.push(await paidOrder(server, member, storeId, skuId));
      await settle(server);
      for (const orderId of orders.slice(0, kind.refunded ?? 0)) {
        await refundOrder(server, manager, member, orderId);
      }
      if (kind.exam) {
        const profileId =
          kind.exam === 'child' ? await factory.child(member, { birthDate: '2017-01-10' }) : undefined;
        await request(server.baseUrl)
          .post(`/api/v1/staff/customers/${member.memberId}/prescriptions`)
          .set('authorization', optometrist.authorization)
          .send({ ...EXAMS[kind.exam], ...(profileId ? { profileId } : {}) })
          .expect(201);
      }
      fixture.push({ member, kind, index });
    });
    await settle(server);
  }, 600_000);
  afterAll(async () => {
    await resetClock(server.baseUrl);
    await server.stop();
  });

  const api = () => request(server.baseUrl);
  const card = async (memberId: number, staff = clerk) =>
    (
      await api()
        .get(`/api/v1/staff/customers/${memberId}`)
        .set('authorization', staff.authorization)
        .expect(200)
    ).body as {
      tags: { id: number; name: string; auto: boolean; reason: string | null }[];
      purchaseClass: string;
      quadrant: string | null;
    };

  async function actualTable() {
    const rows = [];
    for (const { member, index } of [...fixture].sort((a, b) => a.member.memberId - b.member.memberId)) {
      const shown = await card(member.memberId);
      rows.push({
        memberId: member.memberId,
        kind: index,
        tags: shown.tags
          .filter((tag) => tag.auto)
          .map((tag) => tag.name)
          .sort(),
        purchaseClass: shown.purchaseClass,
        quadrant: shown.quadrant,
      });
    }
    return rows;
  }

  it('should tag the 50 members exactly as the hand-computed table, from events alone', async () => {
    expect(fixture).toHaveLength(50);
    const expected = [...fixture]
      .sort((a, b) => a.member.memberId - b.member.memberId)
      .map(({ member, kind, index }) => ({
        memberId: member.memberId,
        kind: index,
        tags: [...kind.now.tags].sort(),
        purchaseClass: kind.now.purchaseClass,
        quadrant: kind.now.quadrant,
      }));
    expect(await actualTable()).toEqual(expected);
  });

  it('should say why an automatic tag is there', async () => {
    const fourTimes = fixture.find(({ index }) => index === 4)!;
    const today = shanghaiDate(new Date());
    const tags = (await card(fourTimes.member.memberId)).tags;
    expect(tags.find((tag) => tag.name === 'D类')?.reason).toBe(`D类：4 次购买，最近 ${today}`);
    expect(tags.find((tag) => tag.name === '锁客')?.reason).toMatch(
      /^锁客：消费 ¥2400\.00，首购 \d{4}-\d{2}-\d{2}（0 天）$/,
    );
    const high = fixture.find(({ index }) => index === 9)!;
    const highTags = (await card(high.member.memberId)).tags;
    expect(highTags.find((tag) => tag.name === '高度近视')?.reason).toBe('高度近视：等效球镜 −6.75 D');
    const refunded = fixture.find(({ index }) => index === 5)!;
    expect((await card(refunded.member.memberId)).tags.find((tag) => tag.name === 'B类')?.reason).toMatch(
      /^B类：1 次购买，最近 /,
    );
  });

  it('should leave the tags as they are when the nightly job runs the same day', async () => {
    const before = await actualTable();
    await runJob(server.baseUrl, 'tags');
    expect(await actualTable()).toEqual(before);
  });

  it('should add and remove manual tags; automatic ones cannot be removed; a foreign member is 404', async () => {
    const { member } = fixture[0];
    const added = await api()
      .post(`/api/v1/staff/customers/${member.memberId}/tags`)
      .set('authorization', clerk.authorization)
      .send({ name: 'KOC' })
      .expect(201);
    expect(added.body).toEqual({ id: expect.any(Number), name: 'KOC', auto: false, reason: null });
    // The same name again is the same tag.
    const again = await api()
      .post(`/api/v1/staff/customers/${member.memberId}/tags`)
      .set('authorization', manager.authorization)
      .send({ name: ' KOC ' })
      .expect(201);
    expect(again.body.id).toBe(added.body.id);
    expect((await card(member.memberId)).tags.filter((tag) => !tag.auto).map((tag) => tag.name)).toEqual([
      'KOC',
    ]);

    const auto = (await card(member.memberId)).tags.find((tag) => tag.auto)!;
    const refused = await api()
      .delete(`/api/v1/staff/customers/${member.memberId}/tags/${auto.id}`)
      .set('authorization', clerk.authorization)
      .expect(409);
    expect(refused.body.code).toBe('TAG_NOT_MANUAL');
    // Another member's tag id through this member: not found.
    const other = fixture[1].member;
    await api()
      .delete(`/api/v1/staff/customers/${other.memberId}/tags/${added.body.id}`)
      .set('authorization', clerk.authorization)
      .expect(404);
    const foreign = await api()
      .post('/api/v1/staff/customers/987654321/tags')
      .set('authorization', clerk.authorization)
      .send({ name: 'KOC' })
      .expect(404);
    expect(foreign.body.code).toBe('MEMBER_NOT_FOUND');
    const blank = await api()
      .post(`/api/v1/staff/customers/${member.memberId}/tags`)
      .set('authorization', clerk.authorization)
      .send({ name: '' })
      .expect(400);
    expect(blank.body.code).toBe('VALIDATION_FAILED');
    // The rules' names are theirs: a staff member cannot make someone "D类" by hand.
    const reserved = await api()
      .post(`/api/v1/staff/customers/${member.memberId}/tags`)
      .set('authorization', clerk.authorization)
      .send({ name: 'D类' })
      .expect(400);
    expect(reserved.body.details).toEqual([{ field: 'name', message: expect.any(String) }]);
    // A customer cannot tag anyone.
    await api()
      .post(`/api/v1/staff/customers/${member.memberId}/tags`)
      .set('authorization', member.authorization)
      .send({ name: 'KOC' })
      .expect(403);

    await api()
      .delete(`/api/v1/staff/customers/${member.memberId}/tags/${added.body.id}`)
      .set('authorization', clerk.authorization)
      .expect(204);
    expect((await card(member.memberId)).tags.some((tag) => !tag.auto)).toBe(false);
    // The automatic tags are untouched by the manual ones.
    expect((await card(member.memberId)).tags.map((tag) => tag.name).sort()).toEqual(
      [...KINDS[0].now.tags].sort(),
    );
  });

  it('should refuse tag rules where class D does not come after class C, changing nothing', async () => {
    const before = (
      await api().get('/api/v1/admin/tag-rules').set('authorization', admin.authorization).expect(200)
    ).body;
    const response = await api()
      .put('/api/v1/admin/tag-rules')
      .set('authorization', admin.authorization)
      .send({ ...before, classCFrom: 3, classDFrom: 3 })
      .expect(400);
    expect(response.body.details).toEqual([{ field: 'classDFrom', message: expect.any(String) }]);
    expect(
      (await api().get('/api/v1/admin/tag-rules').set('authorization', admin.authorization).expect(200)).body,
    ).toEqual(before);
    await api()
      .put('/api/v1/admin/tag-rules')
      .set('authorization', clerk.authorization)
      .send(before)
      .expect(403);
  });

  it('a year later, should recompute tenure and exam expiry for everyone in the nightly job, with new thresholds', async () => {
    await api()
      .put('/api/v1/admin/tag-rules')
      .set('authorization', admin.authorization)
      .send({ longTenureDays: 365, coreSpend: 200_000, lockInSpend: 100_000, classCFrom: 2, classDFrom: 3 })
      .expect(200);
    await advanceClock(server.baseUrl, 370 * 86_400);
    await runJob(server.baseUrl, 'tags');
    const expected = [...fixture]
      .sort((a, b) => a.member.memberId - b.member.memberId)
      .map(({ member, kind, index }) => ({
        memberId: member.memberId,
        kind: index,
        tags: [...kind.yearLater.tags].sort(),
        purchaseClass: kind.now.purchaseClass,
        quadrant: kind.yearLater.quadrant,
      }));
    expect(await actualTable()).toEqual(expected);
    // Once a day only: a second run the same business day does nothing.
    expect(await runJob(server.baseUrl, 'tags')).toBe(0);
  });
});
