import request from 'supertest';
import { daysAgo } from '../support/dates';
import { Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { memberAt, publishEvent, settle } from '../support/tags';
import { startTestServer, type TestServer } from '../support/test-server';

/** Store, interest and KOC groups: which fit a member, and membership from WeCom's reports (MariaDB). */
describe('communities (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let storeId: number;
  let otherStoreId: number;
  let admin: StaffFixture;
  let clerk: StaffFixture;
  let parent: MemberFixture;
  let stranger: MemberFixture;
  const ids: Record<string, number> = {};

  const api = () => request(server.baseUrl);
  const create = (body: object, expected = 201) =>
    api()
      .post('/api/v1/admin/communities')
      .set('authorization', admin.authorization)
      .send(body)
      .expect(expected);
  const mine = async (member: MemberFixture) =>
    (await api().get('/api/v1/me/communities').set('authorization', member.authorization).expect(200))
      .body as {
      id: number;
      name: string;
      kind: string;
      joined: boolean;
    }[];

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    storeId = (await factory.store()).id;
    otherStoreId = (await factory.store()).id;
    admin = await factory.staff('admin', null);
    clerk = await factory.staff('clerk', storeId);
    const optometrist = await factory.staff('optometrist', storeId);
    const group = (kind: string, name: string, extra: object) => ({
      kind,
      name,
      qrImageUrl: `https://static.example.com/groups/${encodeURIComponent(name)}.png`,
      welcomeText: `欢迎加入${name}`,
      ...extra,
    });
    ids.store = (await create(group('store', '西湖店会员群', { storeId, chatId: 'wr-store' }))).body.id;
    ids.otherStore = (await create(group('store', '滨江店会员群', { storeId: otherStoreId }))).body.id;
    ids.parents = (
      await create(group('interest', '近视防控家长群', { tag: '儿童配镜', chatId: 'wr-parents' }))
    ).body.id;
    ids.contacts = (await create(group('interest', '隐形眼镜用户群', { tag: '隐形眼镜用户' }))).body.id;
    ids.koc = (await create(group('koc', 'KOC 体验官群', { chatId: 'wr-koc' }))).body.id;

    parent = await memberAt(server, storeId, { consent: true });
    const childId = await factory.child(parent);
    await api()
      .post(`/api/v1/staff/customers/${parent.memberId}/prescriptions`)
      .set('authorization', optometrist.authorization)
      .send({
        profileId: childId,
        kind: 'myopia_control',
        examDate: daysAgo(10),
        od: { sphere: -200, cylinder: 0, add: 150 },
        os: { sphere: -175, cylinder: 0, add: 150 },
        pd: { binocular: 560 },
      })
      .expect(201);
    stranger = await memberAt(server, null);
    await settle(server);
  }, 120_000);
  afterAll(() => server.stop());

  it('should show a member their store’s group and the interest groups of their tags', async () => {
    expect((await mine(parent)).map((group) => group.id)).toEqual([ids.store, ids.parents]);
    expect(await mine(stranger)).toEqual([]);
    // A myopia-control near add is not presbyopia.
    const card = await api()
      .get(`/api/v1/staff/customers/${parent.memberId}`)
      .set('authorization', clerk.authorization);
    expect(card.body.tags.map((tag: { name: string }) => tag.name)).toContain('儿童配镜');
    expect(card.body.tags.map((tag: { name: string }) => tag.name)).not.toContain('老花');
  });

  it('should offer the KOC group only once staff tag the member KOC', async () => {
    const tag = await api()
      .post(`/api/v1/staff/customers/${parent.memberId}/tags`)
      .set('authorization', clerk.authorization)
      .send({ name: 'KOC' })
      .expect(201);
    expect((await mine(parent)).map((group) => group.kind)).toEqual(['store', 'interest', 'koc']);
    await api()
      .delete(`/api/v1/staff/customers/${parent.memberId}/tags/${tag.body.id}`)
      .set('authorization', clerk.authorization)
      .expect(204);
    expect((await mine(parent)).map((group) => group.kind)).toEqual(['store', 'interest']);
  });

  it('should record joins and leaves WeCom reports, ignoring chats that are not ours', async () => {
    const report = (chatId: string, change: 'join' | 'leave') =>
      publishEvent(server, 'GroupChatMembershipChanged', chatId, {
        chatId,
        memberId: parent.memberId,
        change,
      });
    await report('wr-parents', 'join');
    await report('wr-unknown', 'join');
    await settle(server);
    expect((await mine(parent)).find((group) => group.id === ids.parents)?.joined).toBe(true);
    expect((await mine(parent)).find((group) => group.id === ids.store)?.joined).toBe(false);
    const list = await api()
      .get('/api/v1/admin/communities')
      .set('authorization', admin.authorization)
      .expect(200);
    expect(list.body.find((group: { id: number }) => group.id === ids.parents)).toMatchObject({
      name: '近视防控家长群',
      tag: '儿童配镜',
      chatId: 'wr-parents',
      members: 1,
    });
    const exported = await api()
      .get('/api/v1/me/export')
      .set('authorization', parent.authorization)
      .expect(200);
    expect(exported.body.tags.communities).toEqual([
      { name: '近视防控家长群', joinedAt: expect.any(String), leftAt: null },
    ]);

    await report('wr-parents', 'leave');
    await settle(server);
    expect((await mine(parent)).find((group) => group.id === ids.parents)?.joined).toBe(false);
    const after = await api()
      .get('/api/v1/admin/communities')
      .set('authorization', admin.authorization)
      .expect(200);
    expect(after.body.find((group: { id: number }) => group.id === ids.parents).members).toBe(0);
  });

  it('should refuse groups without their store or tag, an unknown group, and non-admins', async () => {
    const base = { name: '坏群', qrImageUrl: 'https://static.example.com/x.png', welcomeText: '欢迎' };
    const before = await api()
      .get('/api/v1/admin/communities')
      .set('authorization', admin.authorization)
      .expect(200);
    expect((await create({ ...base, kind: 'store' }, 400)).body.details).toEqual([
      { field: 'storeId', message: expect.any(String) },
    ]);
    expect((await create({ ...base, kind: 'store', storeId: 999_999 }, 400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await create({ ...base, kind: 'interest' }, 400)).body.details).toEqual([
      { field: 'tag', message: expect.any(String) },
    ]);
    expect((await create({ ...base, kind: 'party', tag: 'x' }, 400)).body.code).toBe('VALIDATION_FAILED');
    const after = await api()
      .get('/api/v1/admin/communities')
      .set('authorization', admin.authorization)
      .expect(200);
    expect(after.body).toHaveLength(before.body.length);
    const missing = await api()
      .put('/api/v1/admin/communities/999999')
      .set('authorization', admin.authorization)
      .send({ ...base, kind: 'koc' })
      .expect(404);
    expect(missing.body.code).toBe('COMMUNITY_NOT_FOUND');
    await api()
      .post('/api/v1/admin/communities')
      .set('authorization', clerk.authorization)
      .send(base)
      .expect(403);
    await api().get('/api/v1/me/communities').set('authorization', clerk.authorization).expect(403);
  });

  it('should change a group’s QR image and welcome text', async () => {
    const changed = await api()
      .put(`/api/v1/admin/communities/${ids.contacts}`)
      .set('authorization', admin.authorization)
      .send({
        kind: 'interest',
        name: '隐形眼镜用户群',
        tag: '隐形眼镜用户',
        qrImageUrl: 'https://static.example.com/groups/contacts-v2.png',
        welcomeText: '新的欢迎语',
      })
      .expect(200);
    expect(changed.body).toMatchObject({
      qrImageUrl: 'https://static.example.com/groups/contacts-v2.png',
      welcomeText: '新的欢迎语',
    });
  });
});
