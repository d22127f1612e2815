import { createHash } from 'node:crypto';
import request from 'supertest';
import type { FakeWecomServer } from '../../server/src/infra/wecom/fake-wecom-server';
import { Factory, type StaffFixture, type StoreFixture } from '../support/factories';
import { advanceClock, resetClock, runJob, waitFor } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';
import { postCallback, sealedCallback, startTestWecom, testWecomCrypto, wecomEnv } from '../support/wecom';

/** WeCom: contact-way codes, the signed and encrypted callback, welcome messages, transfers (MariaDB + fake WeCom). */
describe('wecom (MariaDB)', () => {
  let wecom: FakeWecomServer;
  let server: TestServer;
  let factory: Factory;
  let store: StoreFixture;
  let admin: StaffFixture;
  let lina: StaffFixture;
  let wangwei: StaffFixture;
  let welcomeTemplateId: number;

  const api = () => request(server.baseUrl);
  const as = (authorization: string, call: request.Test) => call.set('authorization', authorization);
  const callbackUrl = () => `${server.baseUrl}/api/v1/wecom/callback`;

  async function settleEvents(): Promise<void> {
    await waitFor(async () => {
      await runJob(server.baseUrl, 'outbox');
      const [row] = await server.dataSource.query(
        'SELECT COUNT(*) AS n FROM outbox_events WHERE delivered_at IS NULL AND dead_at IS NULL',
      );
      return Number(row.n) === 0;
    });
  }

  async function unionidOf(memberId: number): Promise<string> {
    const [row] = await server.dataSource.query('SELECT unionid FROM members WHERE id = ?', [memberId]);
    return row.unionid as string;
  }

  async function ownerOf(memberId: number): Promise<number | null> {
    const [row] = await server.dataSource.query('SELECT owner_staff_id AS owner FROM members WHERE id = ?', [
      memberId,
    ]);
    return row.owner === null ? null : Number(row.owner);
  }

  async function contact(externalUserid: string): Promise<Record<string, unknown> | undefined> {
    const [row] = await server.dataSource.query(
      'SELECT * FROM wecom_external_contacts WHERE external_userid = ?',
      [externalUserid],
    );
    return row;
  }

  async function storedCallbacks(): Promise<number> {
    const [row] = await server.dataSource.query('SELECT COUNT(*) AS n FROM wecom_callbacks');
    return Number(row.n);
  }

  beforeAll(async () => {
    wecom = await startTestWecom();
    server = await startTestServer({ env: wecomEnv(wecom) });
    factory = new Factory(server);
    store = await factory.store();
    admin = await factory.staff('admin', null);
    lina = await factory.staff('clerk', store.id, '李娜');
    wangwei = await factory.staff('clerk', store.id, '王伟');
    const template = await as(admin.authorization, api().post('/api/v1/admin/coupon-templates'))
      .send({
        name: '企业微信添加礼 ¥20',
        kind: 'amount_off',
        amountOff: 2_000,
        scope: {},
        perMemberLimit: 1,
        validity: { days: 30 },
        channel: 'welcome',
        stackable: false,
      })
      .expect(201);
    welcomeTemplateId = template.body.id;
    await as(admin.authorization, api().put('/api/v1/admin/welcome-rules'))
      .send({ unregisteredTemplateId: welcomeTemplateId, registeredTemplateId: welcomeTemplateId })
      .expect(200);
    for (const [staff, userid] of [
      [lina, 'lina'],
      [wangwei, 'wangwei'],
    ] as const) {
      const way = await as(admin.authorization, api().post('/api/v1/admin/wecom/contact-ways'))
        .send({ userid, staffId: staff.id })
        .expect(200);
      expect(way.body).toMatchObject({ state: `s:${staff.id}`, userid, staffId: staff.id, storeId: null });
      expect(way.body.qrCode).toMatch(/^https:\/\//);
    }
  });

  afterAll(async () => {
    await server?.stop();
    await wecom?.close();
  });

  it("should answer WeCom's URL check with the decrypted echostr, and refuse a forged one", async () => {
    const crypto = testWecomCrypto();
    const echostr = crypto.encrypt('echo-4711');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const query = {
      msg_signature: crypto.signature(timestamp, 'n-echo', echostr),
      timestamp,
      nonce: 'n-echo',
      echostr,
    };
    const answer = await api()
      .get(`/api/v1/wecom/callback?${new URLSearchParams(query)}`)
      .expect(200);
    expect(answer.text).toBe('echo-4711');
    const forged = await api()
      .get(`/api/v1/wecom/callback?${new URLSearchParams({ ...query, msg_signature: '0'.repeat(40) })}`)
      .expect(403);
    expect(forged.body).toMatchObject({
      code: 'WECOM_SIGNATURE_INVALID',
      details: [{ message: '-40001 ValidateSignature_Error' }],
    });
  });

  it('should make the owner, link the member and send one welcome message when a customer adds a staff member', async () => {
    const customer = await factory.member();
    const unionid = await unionidOf(customer.memberId);
    const added = await wecom.addContact({
      callbackUrl: callbackUrl(),
      userid: 'lina',
      state: `s:${lina.id}`,
      unionid,
    });
    expect(added).toMatchObject({ status: 200, body: 'success' });
    await settleEvents();

    expect(await ownerOf(customer.memberId)).toBe(lina.id);
    expect(await contact(added.externalUserid)).toMatchObject({
      member_id: customer.memberId,
      userid: 'lina',
      unionid,
    });
    const welcomes = wecom.welcomes.filter((welcome) => welcome.externalUserid === added.externalUserid);
    expect(welcomes).toHaveLength(1);
    const coupons = await as(customer.authorization, api().get('/api/v1/me/coupons')).expect(200);
    const coupon = coupons.body.find((held: { templateId: number }) => held.templateId === welcomeTemplateId);
    expect(coupon).toBeDefined();
    expect(welcomes[0].text).toContain('注册');
    expect(welcomes[0].miniprogram).toMatchObject({
      page: `pages/coupons/index?couponId=${coupon.id}`,
      appid: 'wxtestlensloop0001',
    });
    const card = await as(
      lina.authorization,
      api().get(`/api/v1/staff/customers/${customer.memberId}/owner`),
    ).expect(200);
    expect(card.body.addedVia).toMatchObject({ channel: 'wecom', storeId: store.id });

    // The outbox delivering the same callback again (a crash before the mark) sends nothing more.
    await server.dataSource.query(
      "UPDATE outbox_events SET delivered_at = NULL, available_at = NOW(6) - INTERVAL 1 SECOND WHERE type = 'WecomCallbackReceived'",
    );
    await server.dataSource.query("DELETE FROM outbox_handled WHERE handler = 'customers.wecom-callback'");
    await settleEvents();
    expect(wecom.welcomes.filter((welcome) => welcome.externalUserid === added.externalUserid)).toHaveLength(
      1,
    );
  });

  it('should link a contact added before the customer used the mini-program at their first login', async () => {
    // The fake WeChat derives the unionid from the openid, as one open platform account would.
    const openid = 'dev-wecom-first-then-app';
    const unionid = `union-${createHash('sha256').update(openid).digest('hex').slice(0, 24)}`;
    const added = await wecom.addContact({
      callbackUrl: callbackUrl(),
      userid: 'wangwei',
      state: `s:${wangwei.id}`,
      unionid,
    });
    await settleEvents();
    expect(await contact(added.externalUserid)).toMatchObject({ member_id: null, unionid });
    // Not a member yet: the welcome still goes out, inviting them to register in the mini-program.
    const welcome = wecom.welcomes.find((sent) => sent.externalUserid === added.externalUserid);
    expect(welcome?.miniprogram?.page).toBe('pages/index/index');

    const login = await api().post('/api/v1/auth/wechat/login').send({ code: openid }).expect(200);
    await settleEvents();
    const memberId = login.body.member.id as number;
    expect(await contact(added.externalUserid)).toMatchObject({ member_id: memberId });
    expect(await ownerOf(memberId)).toBe(wangwei.id);
  });

  it('should refuse a tampered, replayed, stale or malformed callback with WeCom’s error, changing nothing', async () => {
    const fields = {
      ToUserName: 'ww-lensloop-test',
      Event: 'change_external_contact',
      ChangeType: 'del_external_contact',
      UserID: 'lina',
      ExternalUserID: 'wm-unknown',
    };
    const accepted = sealedCallback(fields);
    await postCallback(server.baseUrl, accepted).expect(200);
    await settleEvents();
    const before = await storedCallbacks();

    const replayed = await postCallback(server.baseUrl, accepted).expect(403);
    expect(replayed.body.code).toBe('WECOM_CALLBACK_REPLAYED');

    const fresh = sealedCallback(fields);
    const encrypted = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(fresh.body)?.[1] as string;
    const flipped = `${encrypted[0] === 'A' ? 'B' : 'A'}${encrypted.slice(1)}`;
    const tampered = await postCallback(server.baseUrl, {
      ...fresh,
      body: fresh.body.replace(encrypted, flipped),
    }).expect(403);
    expect(tampered.body).toMatchObject({
      code: 'WECOM_SIGNATURE_INVALID',
      details: [{ message: '-40001 ValidateSignature_Error' }],
    });
    const wrongTimestamp = await postCallback(server.baseUrl, {
      ...fresh,
      query: { ...fresh.query, timestamp: String(Number(fresh.query.timestamp) + 1) },
    }).expect(403);
    expect(wrongTimestamp.body.code).toBe('WECOM_SIGNATURE_INVALID');

    const stale = sealedCallback(fields, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect((await postCallback(server.baseUrl, stale).expect(403)).body.code).toBe('WECOM_CALLBACK_REPLAYED');

    const otherCorp = sealedCallback(fields, { corpId: 'ww-someone-else' });
    const foreign = await postCallback(server.baseUrl, otherCorp).expect(400);
    expect(foreign.body).toMatchObject({
      code: 'WECOM_CALLBACK_MALFORMED',
      details: [{ message: '-40005 ValidateCorpid_Error' }],
    });

    const noEnvelope = await postCallback(server.baseUrl, {
      ...fresh,
      body: '<xml><ToUserName>x</ToUserName></xml>',
    }).expect(400);
    expect(noEnvelope.body.code).toBe('WECOM_CALLBACK_MALFORMED');
    const notXml = await request(server.baseUrl)
      .post(`/api/v1/wecom/callback?${new URLSearchParams(fresh.query)}`)
      .set('content-type', 'text/xml')
      .send('garbage')
      .expect(400);
    expect(notXml.body.code).toBe('WECOM_CALLBACK_MALFORMED');
    expect(
      (
        await api()
          .post('/api/v1/wecom/callback')
          .set('content-type', 'text/xml')
          .send(fresh.body)
          .expect(400)
      ).body.code,
    ).toBe('WECOM_CALLBACK_MALFORMED');

    expect(await storedCallbacks()).toBe(before);
    const [pending] = await server.dataSource.query(
      "SELECT COUNT(*) AS n FROM outbox_events WHERE type = 'WecomCallbackReceived' AND delivered_at IS NULL",
    );
    expect(Number(pending.n)).toBe(0);
  });

  it('should acknowledge callbacks while WeCom is down and finish them from the outbox when it is back', async () => {
    const customer = await factory.member({ phone: '13900002222' });
    const unionid = await unionidOf(customer.memberId);
    wecom.down = true;
    let added: Awaited<ReturnType<FakeWecomServer['addContact']>>;
    try {
      added = await wecom.addContact({
        callbackUrl: callbackUrl(),
        userid: 'wangwei',
        state: `s:${wangwei.id}`,
        unionid,
      });
      expect(added).toMatchObject({ status: 200, body: 'success' });
      await waitFor(async () => {
        const [row] = await server.dataSource.query(
          "SELECT MAX(attempts) AS attempts FROM outbox_events WHERE type = 'WecomCallbackReceived' AND delivered_at IS NULL",
        );
        return Number(row.attempts) >= 1;
      });
      expect(await ownerOf(customer.memberId)).toBeNull();
    } finally {
      wecom.down = false;
    }
    await advanceClock(server.baseUrl, 120);
    await settleEvents();
    await resetClock(server.baseUrl);
    expect(await ownerOf(customer.memberId)).toBe(wangwei.id);
    const welcomes = wecom.welcomes.filter((welcome) => welcome.externalUserid === added.externalUserid);
    expect(welcomes).toHaveLength(1);
    // Registered (phone bound): the invite-to-buy wording.
    expect(welcomes[0].text).toContain('到店礼券');
  });

  it('should record a deleted contact and publish group chat joins of linked members', async () => {
    const customer = await factory.member();
    const added = await wecom.addContact({
      callbackUrl: callbackUrl(),
      userid: 'lina',
      state: `s:${lina.id}`,
      unionid: await unionidOf(customer.memberId),
    });
    await settleEvents();
    await postCallback(
      server.baseUrl,
      sealedCallback({
        ToUserName: 'ww-lensloop-test',
        Event: 'change_external_chat',
        ChangeType: 'update',
        ChatId: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA',
        UpdateDetail: 'add_member',
        JoinScene: 1,
        MemChangeCnt: 2,
        MemChangeList: `<Item>${added.externalUserid}</Item><Item>wm-not-a-member</Item>`,
      }),
    ).expect(200);
    await settleEvents();
    const rows: { payload: string }[] = await server.dataSource.query(
      "SELECT payload FROM outbox_events WHERE type = 'GroupChatMembershipChanged'",
    );
    expect(rows.map((row) => JSON.parse(row.payload))).toEqual([
      { chatId: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA', memberId: customer.memberId, change: 'join' },
    ]);

    await wecom.sendCallback(callbackUrl(), {
      ToUserName: 'ww-lensloop-test',
      Event: 'change_external_contact',
      ChangeType: 'del_external_contact',
      UserID: 'lina',
      ExternalUserID: added.externalUserid,
    });
    await settleEvents();
    expect((await contact(added.externalUserid))?.deleted_at).not.toBeNull();
  });

  it('should mirror manual tags both ways: mark_tag from LensLoop, the edit callback from WeCom, no echo', async () => {
    const customer = await factory.member({ phone: '13900003333' });
    const added = await wecom.addContact({
      callbackUrl: callbackUrl(),
      userid: 'lina',
      state: `s:${lina.id}`,
      unionid: await unionidOf(customer.memberId),
    });
    await settleEvents();
    const tagsPath = `/api/v1/staff/customers/${customer.memberId}/tags`;
    const manualTags = async () =>
      (
        await as(lina.authorization, api().get(`/api/v1/staff/customers/${customer.memberId}`)).expect(200)
      ).body.tags
        .filter((tag: { auto: boolean }) => !tag.auto)
        .map((tag: { name: string }) => tag.name)
        .sort();
    const onWecom = () => wecom.contactTagNames('lina', added.externalUserid);

    // Staff tag the customer in LensLoop: the tag is added to WeCom's library once and marked.
    await as(lina.authorization, api().post(tagsPath)).send({ name: '高端镜片意向' }).expect(201);
    await as(lina.authorization, api().post(tagsPath)).send({ name: '家长' }).expect(201);
    await settleEvents();
    expect(onWecom()).toEqual(['家长', '高端镜片意向']);
    expect([...wecom.corpTags.values()].filter((name) => name === '家长')).toHaveLength(1);

    // In the WeCom app the staff member adds one tag and removes another: LensLoop follows.
    const marksBefore = wecom.tags.length;
    const edited = await wecom.editTags({
      callbackUrl: callbackUrl(),
      userid: 'lina',
      externalUserid: added.externalUserid,
      add: ['近视防控'],
      remove: ['高端镜片意向'],
    });
    expect(edited).toMatchObject({ status: 200, body: 'success' });
    await settleEvents();
    expect(await manualTags()).toEqual(['家长', '近视防控']);
    // What came from WeCom is not marked back.
    expect(wecom.tags.length).toBe(marksBefore);

    // Removing in LensLoop the tag that came from WeCom takes it off there too.
    const card = await as(lina.authorization, api().get(`/api/v1/staff/customers/${customer.memberId}`));
    const fromWecom = card.body.tags.find((tag: { name: string }) => tag.name === '近视防控');
    await as(lina.authorization, api().delete(`${tagsPath}/${fromWecom.id}`)).expect(204);
    await settleEvents();
    expect(onWecom()).toEqual(['家长']);
    expect(await manualTags()).toEqual(['家长']);

    // WeCom down: the mark waits in the outbox and lands once WeCom is back.
    wecom.down = true;
    try {
      await as(lina.authorization, api().post(tagsPath)).send({ name: '隐形眼镜' }).expect(201);
      await waitFor(async () => {
        const [row] = await server.dataSource.query(
          "SELECT MAX(attempts) AS attempts FROM outbox_events WHERE type = 'ManualTagChanged' AND delivered_at IS NULL",
        );
        return Number(row.attempts) >= 1;
      });
      expect(onWecom()).toEqual(['家长']);
    } finally {
      wecom.down = false;
    }
    await advanceClock(server.baseUrl, 120);
    await settleEvents();
    await resetClock(server.baseUrl);
    expect(onWecom()).toEqual(['家长', '隐形眼镜']);
  });

  it('should purge stored callbacks after 7 days, keeping newer ones', async () => {
    await wecom.addContact({ callbackUrl: callbackUrl(), userid: 'wangwei', state: `s:${wangwei.id}` });
    await settleEvents();
    expect(await storedCallbacks()).toBeGreaterThan(0);
    await runJob(server.baseUrl, 'wecom-callback-purge');
    expect(await storedCallbacks()).toBeGreaterThan(0);
    await advanceClock(server.baseUrl, 8 * 86_400);
    try {
      await runJob(server.baseUrl, 'wecom-callback-purge');
      expect(await storedCallbacks()).toBe(0);
    } finally {
      await resetClock(server.baseUrl);
    }
    await wecom.addContact({ callbackUrl: callbackUrl(), userid: 'wangwei', state: `s:${wangwei.id}` });
    await settleEvents();
    await runJob(server.baseUrl, 'wecom-callback-purge');
    expect(await storedCallbacks()).toBe(1);
  });

  it('should move the WeCom contact with a transfer and finish it by polling transfer_result', async () => {
    const customer = await factory.member();
    const added = await wecom.addContact({
      callbackUrl: callbackUrl(),
      userid: 'lina',
      state: `s:${lina.id}`,
      unionid: await unionidOf(customer.memberId),
    });
    await settleEvents();
    await as(admin.authorization, api().post('/api/v1/admin/transfers'))
      .send({ fromStaffId: lina.id, toStaffId: wangwei.id, memberIds: [customer.memberId] })
      .expect(200);
    await settleEvents();
    expect(wecom.transfers).toContainEqual({
      handover: 'lina',
      takeover: 'wangwei',
      externalUserids: [added.externalUserid],
      resigned: false,
    });
    // The customer has not accepted yet on the first poll; the second reports it done.
    expect(await runJob(server.baseUrl, 'wecom-transfer-results')).toBe(0);
    expect(await runJob(server.baseUrl, 'wecom-transfer-results')).toBe(1);
    expect(await contact(added.externalUserid)).toMatchObject({
      userid: 'wangwei',
      transfer_to_userid: null,
    });
  });
});
