import request from 'supertest';
import type { RecordPrescriptionRequest } from '@lensloop/shared';
import { Factory, type StaffFixture, type StoreFixture } from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';
import { daysAgo } from '../support/dates';

const CONSENT = { kind: 'prescription_storage', granted: true, policyVersion: '2026-11' };

function exam(overrides: Partial<RecordPrescriptionRequest> = {}): RecordPrescriptionRequest {
  return {
    kind: 'distance',
    examDate: daysAgo(60),
    od: { sphere: -125, cylinder: -50, axis: 180 },
    os: { sphere: -100, cylinder: 0 },
    pd: { binocular: 630 },
    ...overrides,
  };
}

describe('prescriptions, family profiles and the staff desk (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let store: StoreFixture;
  let optometristOfStore: StaffFixture;
  let clerkOfStore: StaffFixture;
  let optometrist: string;
  let clerk: string;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    store = await factory.store();
    optometristOfStore = await factory.staff('optometrist', store.id);
    clerkOfStore = await factory.staff('clerk', store.id);
    optometrist = optometristOfStore.authorization;
    clerk = clerkOfStore.authorization;
    admin = (await factory.staff('admin', null)).authorization;
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);

  /** A new customer with a bound phone, prescription consent and a child profile named after them. */
  async function family(name: string, phone: string, childBirthDate = '2017-01-10') {
    const customer = await factory.member({ phone, consent: true });
    const childId = await factory.child(customer, { name: `${name} junior`, birthDate: childBirthDate });
    return { ...customer, childId };
  }

  const record = (memberId: number, body: object, authorization = optometrist) =>
    api()
      .post(`/api/v1/staff/customers/${memberId}/prescriptions`)
      .set('authorization', authorization)
      .send(body);

  it('should give every member a self profile and add family profiles', async () => {
    const customer = await factory.member();
    const created = await api()
      .post('/api/v1/me/profiles')
      .set('authorization', customer.authorization)
      .send({ name: 'Mia', relation: 'child', birthDate: '2019-02-03' })
      .expect(201);
    const profiles = await api()
      .get('/api/v1/me/profiles')
      .set('authorization', customer.authorization)
      .expect(200);
    expect(profiles.body).toEqual([
      { id: expect.any(Number), name: '', relation: 'self', birthDate: null },
      { id: created.body.id, name: 'Mia', relation: 'child', birthDate: '2019-02-03' },
    ]);
  });

  it.each([
    [{ relation: 'self', name: 'Me again' }, 'relation'],
    [{ relation: 'child', name: 'Kid', birthDate: '2019-02-30' }, 'birthDate'],
    [{ relation: 'child', name: 'Kid', birthDate: '2999-01-01' }, 'birthDate'],
    [{ relation: 'child', name: '', birthDate: '2019-02-01' }, 'name'],
    // A child's expiry (6 months) and progression flag depend on the birth date.
    [{ relation: 'child', name: 'Kid' }, 'birthDate'],
    [{ relation: 'child', name: 'Kid', birthDate: null }, 'birthDate'],
  ])('should reject profile %j naming %s', async (body, field) => {
    const customer = await factory.member();
    const response = await api()
      .post('/api/v1/me/profiles')
      .set('authorization', customer.authorization)
      .send(body)
      .expect(400);
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toEqual([field]);
  });

  describe('recording an exam', () => {
    let memberId: number;
    beforeAll(async () => {
      ({ memberId } = await family('validated', '13900000001'));
    });

    it.each([
      ['axis 0 with CYL −1.00', exam({ od: { sphere: -125, cylinder: -100, axis: 0 } }), 'od.axis'],
      [
        'CYL −1.10 (off the 0.25 step)',
        exam({ os: { sphere: -100, cylinder: -110, axis: 90 } }),
        'os.cylinder',
      ],
      ['SPH −35.00', exam({ od: { sphere: -3500, cylinder: 0 } }), 'od.sphere'],
      ['ADD on a distance prescription', exam({ od: { sphere: -125, cylinder: 0, add: 150 } }), 'od.add'],
      ['PD 90 mm', exam({ pd: { binocular: 900 } }), 'pd.binocular'],
      ['an exam date in the future', exam({ examDate: '2999-01-01' }), 'examDate'],
      ['an unknown kind', exam({ kind: 'sunglasses' as never }), 'kind'],
      ['a prism as one number', exam({ od: { sphere: 0, cylinder: 0, prism: 100 as never } }), 'od.prism'],
      [
        'a vertical prism based in',
        exam({ od: { sphere: 0, cylinder: 0, prism: { vertical: { amount: 100, base: 'in' as 'up' } } } }),
        'od.prism.vertical.base',
      ],
      ['VA 0.7 (not a chart line)', exam({ od: { sphere: 0, cylinder: 0, va: 0.7 } }), 'od.va'],
      ['monocular PDs 6.0 mm apart', exam({ pd: { od: 300, os: 360 } }), 'pd'],
      [
        'a progressive without fitting height',
        exam({
          kind: 'progressive',
          od: { sphere: 0, cylinder: 0, add: 200, fittingHeight: 180 },
          os: { sphere: 0, cylinder: 0, add: 200 },
          pd: { od: 315, os: 315 },
        }),
        'os.fittingHeight',
      ],
      [
        'a PD on a contact-lens prescription',
        exam({
          kind: 'contact_lens',
          od: { sphere: -300, cylinder: 0, baseCurve: 860, diameter: 1420 },
          os: { sphere: -300, cylinder: 0, baseCurve: 860, diameter: 1420 },
        }),
        'pd',
      ],
    ])('should reject %s with 400 naming the field', async (_name, body, field) => {
      const response = await record(memberId, body).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toEqual([field]);
    });

    it('should store a progressive with both prism components, monocular and near PD and fitting height', async () => {
      const eye = {
        sphere: -100,
        cylinder: 0,
        add: 225,
        fittingHeight: 190,
        va: 1.2,
        prism: {
          horizontal: { amount: 100, base: 'in' as const },
          vertical: { amount: 50, base: 'up' as const },
        },
      };
      const created = await record(
        memberId,
        exam({
          kind: 'progressive',
          od: eye,
          os: { ...eye, prism: null },
          pd: { od: 315, os: 320, near: 600 },
        }),
      ).expect(201);
      expect(created.body.od).toMatchObject({ add: 225, fittingHeight: 190, va: 1.2, prism: eye.prism });
      expect(created.body.pd).toEqual({ od: 315, os: 320, near: 600 });
    });

    it('should store an ortho-k prescription without PD and with its own base-curve range', async () => {
      const eye = { sphere: -300, cylinder: 0, baseCurve: 805, diameter: 1060 };
      const created = await record(memberId, {
        kind: 'contact_lens',
        lensType: 'ortho_k',
        examDate: daysAgo(60),
        od: eye,
        os: eye,
      }).expect(201);
      expect(created.body).toMatchObject({ lensType: 'ortho_k', pd: null });
    });

    it('should record an external prescription without an examiner', async () => {
      const created = await record(memberId, { ...exam({}), source: 'external' }).expect(201);
      expect(created.body).toMatchObject({ source: 'external', examinerName: null });
    });

    it('should reject an unknown field in an eye', async () => {
      const response = await record(
        memberId,
        exam({ od: { sphere: 0, cylinder: 0, colour: 'blue' } as never }),
      ).expect(400);
      expect(response.body.details).toEqual([
        { field: 'od.colour', message: expect.stringContaining('should not exist') },
      ]);
    });

    it('should store a plus-cylinder prescription transposed to minus cylinder', async () => {
      // An adult's distance prescription is good for a year from the exam.
      const created = await record(
        memberId,
        exam({ examDate: '2026-10-01', od: { sphere: -200, cylinder: 50, axis: 90 } }),
      ).expect(201);
      expect(created.body.od).toMatchObject({ sphere: -150, cylinder: -50, axis: 180 });
      expect(created.body).toMatchObject({
        storeName: store.name,
        examinerName: optometristOfStore.name,
        source: 'in_store',
        expiresAt: '2027-10-01',
      });
    });

    it('should keep no diopter value readable in the table', async () => {
      await record(
        memberId,
        exam({ od: { sphere: -475, cylinder: -125, axis: 45 }, notes: 'secret-note' }),
      ).expect(201);
      const rows: Record<string, unknown>[] = await server.dataSource.query(
        'SELECT * FROM prescriptions WHERE member_id = ?',
        [memberId],
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      const dump = JSON.stringify(rows);
      for (const secret of ['-475', '-125', 'sphere', 'cylinder', 'binocular', '630', 'secret-note']) {
        expect(dump).not.toContain(secret);
      }
      expect(String(rows[0].sealed_values)).toMatch(/^dev:[A-Za-z0-9+/]+=*$/);
      // Base64 alone would hide the values from the dump above: the decoded bytes must not show them either.
      for (const row of rows) {
        const decoded = Buffer.from(String(row.sealed_values).slice('dev:'.length), 'base64').toString(
          'latin1',
        );
        for (const secret of ['-475', 'sphere', 'binocular', 'secret-note'])
          expect(decoded).not.toContain(secret);
      }
    });

    it('should let a clerk read but not write prescriptions', async () => {
      const response = await record(memberId, exam(), clerk).expect(403);
      expect(response.body.code).toBe('FORBIDDEN');
      await api()
        .get(`/api/v1/staff/customers/${memberId}/prescriptions/latest`)
        .set('authorization', clerk)
        .expect(200);
    });

    it('should not let a customer use the staff desk', async () => {
      const customer = await factory.member();
      await record(memberId, exam(), customer.authorization).expect(403);
      await api()
        .get(`/api/v1/staff/customers?q=139`)
        .set('authorization', customer.authorization)
        .expect(403);
    });

    it('should answer 404 for a profile of another member', async () => {
      const other = await family('other-parent', '13900000002');
      const response = await record(memberId, exam({ profileId: other.childId })).expect(404);
      expect(response.body.code).toBe('PROFILE_NOT_FOUND');
      // The other child has an exam on file, yet read through this member the profile is not found
      // (the desk's lookup asks for the profile only when it finds no prescription), and nothing is
      // logged as read.
      await record(other.memberId, exam({ profileId: other.childId })).expect(201);
      const read = await api()
        .get(`/api/v1/staff/customers/${memberId}/prescriptions/latest?profileId=${other.childId}`)
        .set('authorization', optometrist)
        .expect(404);
      expect(read.body.code).toBe('PROFILE_NOT_FOUND');
      const logged = await server.dataSource.query(
        "SELECT id FROM audit_log WHERE action = 'prescription.read' AND profile_id = ?",
        [other.childId],
      );
      expect(logged).toHaveLength(0);
    });
  });

  it('should require consent before storing and stop staff reads once it is withdrawn', async () => {
    const customer = await factory.member();
    const refused = await record(customer.memberId, exam()).expect(409);
    expect(refused.body.code).toBe('CONSENT_REQUIRED');
    expect(
      await server.dataSource.query('SELECT id FROM prescriptions WHERE member_id = ?', [customer.memberId]),
    ).toEqual([]);
    const before = await api()
      .get('/api/v1/me/consents')
      .set('authorization', customer.authorization)
      .expect(200);
    expect(before.body).toEqual([]);

    await api()
      .post('/api/v1/me/consents')
      .set('authorization', customer.authorization)
      .send(CONSENT)
      .expect(201);
    await record(customer.memberId, exam()).expect(201);
    await api()
      .post('/api/v1/me/consents')
      .set('authorization', customer.authorization)
      .send({ ...CONSENT, granted: false })
      .expect(201);

    const consents = await api()
      .get('/api/v1/me/consents')
      .set('authorization', customer.authorization)
      .expect(200);
    expect(consents.body).toEqual([
      {
        kind: 'prescription_storage',
        granted: false,
        policyVersion: '2026-11',
        recordedAt: expect.any(String),
      },
    ]);
    const read = await api()
      .get(`/api/v1/staff/customers/${customer.memberId}/prescriptions/latest`)
      .set('authorization', optometrist)
      .expect(409);
    expect(read.body.code).toBe('CONSENT_REQUIRED');
    const card = await api()
      .get(`/api/v1/staff/customers/${customer.memberId}`)
      .set('authorization', clerk)
      .expect(200);
    expect(card.body.prescriptionConsent).toBe(false);
    expect(card.body.profiles[0].lastPrescription).toBeNull();
    await record(customer.memberId, exam()).expect(409);
    // The member still sees their own data.
    const own = await api()
      .get('/api/v1/me/prescriptions')
      .set('authorization', customer.authorization)
      .expect(200);
    expect(own.body.total).toBe(1);
  });

  it('should show the fitting history newest first with expired ones flagged', async () => {
    const customer = await family('historian', '13900000003');
    await record(customer.memberId, exam({ examDate: '2024-01-05' })).expect(201);
    await record(customer.memberId, exam({ examDate: '2026-09-01' })).expect(201);
    await record(customer.memberId, exam({ examDate: '2025-06-01', profileId: customer.childId })).expect(
      201,
    );

    const own = await api()
      .get('/api/v1/me/prescriptions')
      .set('authorization', customer.authorization)
      .expect(200);
    expect(own.body.items.map((item: { examDate: string }) => item.examDate)).toEqual([
      '2026-09-01',
      '2025-06-01',
      '2024-01-05',
    ]);
    expect(own.body.items.map((item: { expired: boolean }) => item.expired)).toEqual([false, true, true]);

    const child = await api()
      .get(`/api/v1/me/prescriptions?profileId=${customer.childId}`)
      .set('authorization', customer.authorization)
      .expect(200);
    expect(child.body.items).toHaveLength(1);
    // A child's prescription lasts 6 months.
    expect(child.body.items[0].expiresAt).toBe('2025-12-01');

    const one = await api()
      .get(`/api/v1/me/prescriptions/${own.body.items[0].id}`)
      .set('authorization', customer.authorization)
      .expect(200);
    expect(one.body).toMatchObject({ examDate: '2026-09-01', pd: { binocular: 630 }, kind: 'distance' });
  });

  it("should answer 404 on another member's prescription, profile and trend, leaking nothing", async () => {
    const alice = await family('alice-rx', '13900000004');
    const bob = await family('bob-rx', '13900000005');
    const bobs = await record(bob.memberId, exam({ profileId: bob.childId })).expect(201);
    for (const path of [
      `/api/v1/me/prescriptions/${bobs.body.id}`,
      `/api/v1/me/prescriptions?profileId=${bob.childId}`,
      `/api/v1/me/profiles/${bob.childId}/myopia-trend`,
    ]) {
      const response = await api().get(path).set('authorization', alice.authorization).expect(404);
      expect(JSON.stringify(response.body)).not.toMatch(/bob|sphere|-125/);
    }
    const aliceList = await api()
      .get('/api/v1/me/prescriptions')
      .set('authorization', alice.authorization)
      .expect(200);
    expect(aliceList.body.total).toBe(0);
  });

  it('should write exactly one audit row per staff lookup, shown in the access log', async () => {
    const customer = await family('watched', '13900000006');
    const recorded = await record(customer.memberId, exam({ profileId: customer.childId })).expect(201);
    const lookup = await api()
      .get(
        `/api/v1/staff/customers/${customer.memberId}/prescriptions/latest?profileId=${customer.childId}&reason=lens%20order`,
      )
      .set('authorization', clerk)
      .set('x-request-id', 'lookup-123')
      .expect(200);
    expect(lookup.body).toMatchObject({ profileId: customer.childId, od: { sphere: -125 } });
    // Read back through the desk's prepared statement, dates and all, as it was recorded.
    expect(lookup.body).toEqual(recorded.body);

    const rows = await server.dataSource.query(
      "SELECT * FROM audit_log WHERE member_id = ? AND action = 'prescription.read'",
      [customer.memberId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      profile_id: customer.childId,
      reason: 'lens order',
      request_id: 'lookup-123',
    });

    const log = await api()
      .get('/api/v1/me/prescriptions/access-log')
      .set('authorization', customer.authorization)
      .expect(200);
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'prescription.read',
      'prescription.create',
    ]);
    expect(log.body.items[0]).toMatchObject({
      staff: { name: clerkOfStore.name, role: 'clerk' },
      requestId: 'lookup-123',
    });

    const audit = await api()
      .get(`/api/v1/admin/audit?memberId=${customer.memberId}`)
      .set('authorization', admin)
      .expect(200);
    expect(audit.body.total).toBe(2);
    await api().get('/api/v1/admin/audit').set('authorization', optometrist).expect(403);
    // HQ reads the log, not the prescriptions.
    await api()
      .get(`/api/v1/staff/customers/${customer.memberId}/prescriptions/latest`)
      .set('authorization', admin)
      .expect(403);
  });

  it("should commit each of many concurrent lookups' audit rows before answering it", async () => {
    // The desk's audit rows of concurrent lookups commit together (AuditService.recordCommitted):
    // each answer may only leave once its own row is in the table, with its own request id.
    const customers = [
      await family('desk-rush-1', '13900000016'),
      await family('desk-rush-2', '13900000017'),
    ];
    for (const customer of customers) {
      await record(customer.memberId, exam({ profileId: customer.childId })).expect(201);
    }
    const lookups = Array.from({ length: 16 }, (_, index) => ({
      customer: customers[index % 2],
      requestId: `desk-rush-${index}`,
    }));
    const seenAtAnswer = await Promise.all(
      lookups.map(async ({ customer, requestId }) => {
        const answer = await api()
          .get(
            `/api/v1/staff/customers/${customer.memberId}/prescriptions/latest?profileId=${customer.childId}`,
          )
          .set('authorization', optometrist)
          .set('x-request-id', requestId)
          .expect(200);
        const rows = await server.dataSource.query(
          'SELECT member_id, profile_id, prescription_id FROM audit_log WHERE request_id = ?',
          [requestId],
        );
        return { rows, prescriptionId: answer.body.id as number, customer };
      }),
    );
    for (const { rows, prescriptionId, customer } of seenAtAnswer) {
      expect(rows).toEqual([
        { member_id: customer.memberId, profile_id: customer.childId, prescription_id: prescriptionId },
      ]);
    }
  });

  it('should not audit a lookup that finds nothing', async () => {
    const customer = await family('empty-file', '13900000007');
    const response = await api()
      .get(`/api/v1/staff/customers/${customer.memberId}/prescriptions/latest`)
      .set('authorization', optometrist)
      .expect(404);
    expect(response.body.code).toBe('PRESCRIPTION_NOT_FOUND');
    const rows = await server.dataSource.query('SELECT id FROM audit_log WHERE member_id = ?', [
      customer.memberId,
    ]);
    expect(rows).toEqual([]);
  });

  it('should report about −1.50 D/year and fast progression for a child at 8, 8.5 and 9', async () => {
    const customer = await family('fast-child', '13900000008', '2017-01-10');
    for (const [examDate, sphere] of [
      ['2025-01-10', -100],
      ['2025-07-10', -175],
      ['2026-01-10', -250],
    ] as const) {
      await record(
        customer.memberId,
        exam({
          profileId: customer.childId,
          examDate,
          od: { sphere, cylinder: 0 },
          os: { sphere, cylinder: 0 },
        }),
      ).expect(201);
    }
    const trend = await api()
      .get(`/api/v1/me/profiles/${customer.childId}/myopia-trend`)
      .set('authorization', customer.authorization)
      .expect(200);
    expect(trend.body.points).toEqual([
      { examDate: '2025-01-10', odSE: -100, osSE: -100 },
      { examDate: '2025-07-10', odSE: -175, osSE: -175 },
      { examDate: '2026-01-10', odSE: -250, osSE: -250 },
    ]);
    expect(Math.abs(trend.body.progressionPerYear.od + 150)).toBeLessThanOrEqual(2);
    expect(Math.abs(trend.body.progressionPerYear.os + 150)).toBeLessThanOrEqual(2);
    expect(trend.body).toMatchObject({ fastProgression: true, isChild: true });
  });

  it('should refuse an exam dated before the birth, and let the member give their own birth date', async () => {
    const customer = await family('born-late', '13900000021', '2020-05-01');
    const before = await record(
      customer.memberId,
      exam({ profileId: customer.childId, examDate: '2020-04-30' }),
    ).expect(400);
    expect(before.body.details).toEqual([
      { field: 'examDate', message: 'examDate must not be before the birth date 2020-05-01' },
    ]);
    const profiles = await api()
      .get('/api/v1/me/profiles')
      .set('authorization', customer.authorization)
      .expect(200);
    const self = profiles.body.find((profile: { relation: string }) => profile.relation === 'self');
    const updated = await api()
      .patch(`/api/v1/me/profiles/${self.id}`)
      .set('authorization', customer.authorization)
      .send({ birthDate: '1990-07-01' })
      .expect(200);
    expect(updated.body).toMatchObject({ relation: 'self', birthDate: '1990-07-01' });
    const removed = await api()
      .patch(`/api/v1/me/profiles/${customer.childId}`)
      .set('authorization', customer.authorization)
      .send({ birthDate: null })
      .expect(400);
    expect(removed.body.details).toEqual([
      { field: 'birthDate', message: 'birthDate is required for a child' },
    ]);
  });

  it('should leave a near prescription out of the trend and give no rate for exams a month apart', async () => {
    const customer = await family('trend-rules', '13900000022', '2016-01-10');
    const child = (examDate: string, kind: string, sphere: number, axialLength: number | null = null) =>
      record(
        customer.memberId,
        exam({
          profileId: customer.childId,
          kind: kind as never,
          examDate,
          od: { sphere, cylinder: 0, axialLength },
          os: { sphere, cylinder: 0, axialLength },
        }),
      ).expect(201);
    await child('2026-08-01', 'distance', -100, 2400);
    await child('2026-08-15', 'near', 150);
    await child('2026-09-01', 'myopia_control', -125, 2405);
    const trend = await api()
      .get(`/api/v1/me/profiles/${customer.childId}/myopia-trend`)
      .set('authorization', customer.authorization)
      .expect(200);
    expect(trend.body).toMatchObject({
      points: [
        { examDate: '2026-08-01', odSE: -100, osSE: -100 },
        { examDate: '2026-09-01', odSE: -125, osSE: -125 },
      ],
      progressionPerYear: { od: null, os: null },
      fastProgression: false,
      isChild: true,
      axialLength: [
        { examDate: '2026-08-01', od: 2400, os: 2400 },
        { examDate: '2026-09-01', od: 2405, os: 2405 },
      ],
      axialGrowthPerYear: { od: null, os: null },
    });
  });

  it('should find customers by phone, member code or name and show the card with masked phone', async () => {
    const customer = await family('findable', '13900000009');
    const me = await api().get('/api/v1/me').set('authorization', customer.authorization).expect(200);
    for (const q of ['13900000009', me.body.memberCode]) {
      const found = await api().get(`/api/v1/staff/customers?q=${q}`).set('authorization', clerk).expect(200);
      expect(found.body.items).toEqual([
        { id: customer.memberId, nickname: null, phoneMasked: '139****0009', memberCode: me.body.memberCode },
      ]);
    }
    const named = await factory.member({ nickname: '王芳' });
    const byName = await api()
      .get(`/api/v1/staff/customers?q=${encodeURIComponent('王')}`)
      .set('authorization', clerk)
      .expect(200);
    expect(byName.body.items).toEqual([expect.objectContaining({ id: named.memberId, nickname: '王芳' })]);

    await record(customer.memberId, exam({ profileId: customer.childId })).expect(201);
    const card = await api()
      .get(`/api/v1/staff/customers/${customer.memberId}`)
      .set('authorization', clerk)
      .expect(200);
    expect(JSON.stringify(card.body)).not.toContain('13900000009');
    expect(card.body).toMatchObject({ phoneMasked: '139****0009', prescriptionConsent: true });
    const child = card.body.profiles.find((profile: { id: number }) => profile.id === customer.childId);
    expect(child.lastPrescription).toMatchObject({
      examDate: daysAgo(60),
      storeName: store.name,
    });
    expect(child.lastPrescription).not.toHaveProperty('od');
    // Reading the card is not reading a prescription.
    const rows = await server.dataSource.query(
      "SELECT id FROM audit_log WHERE member_id = ? AND action = 'prescription.read'",
      [customer.memberId],
    );
    expect(rows).toEqual([]);
    await api().get('/api/v1/staff/customers/999999').set('authorization', clerk).expect(404);
  });

  it('should export everything about the member and erase it on DELETE /me, keeping an anonymous row', async () => {
    const customer = await family('leaver', '13900000010');
    await record(customer.memberId, exam({ profileId: customer.childId })).expect(201);
    await api()
      .get(`/api/v1/staff/customers/${customer.memberId}/prescriptions/latest?profileId=${customer.childId}`)
      .set('authorization', optometrist)
      .expect(200);

    const exported = await api()
      .get('/api/v1/me/export')
      .set('authorization', customer.authorization)
      .expect(200);
    expect(exported.body).toMatchObject({
      member: { id: customer.memberId, phone: '13900000010' },
      consents: [{ kind: 'prescription_storage', granted: true, policyVersion: '2026-11' }],
      prescriptions: [{ profileId: customer.childId, od: { sphere: -125, cylinder: -50, axis: 180 } }],
    });
    expect(exported.body.profiles).toHaveLength(2);
    expect(exported.body.accessLog.map((entry: { action: string }) => entry.action)).toEqual([
      'prescription.create',
      'prescription.read',
    ]);

    // As wx.request sends it: a JSON content type and no body.
    await api()
      .delete('/api/v1/me')
      .set('authorization', customer.authorization)
      .set('content-type', 'application/json')
      .expect(204);
    const [member] = await server.dataSource.query('SELECT * FROM members WHERE id = ?', [customer.memberId]);
    expect(member).toMatchObject({ phone: null, nickname: null, unionid: null, session_key: null });
    expect(member.openid).not.toBe(customer.openid);
    expect(member.erased_at).not.toBeNull();
    for (const table of ['profiles', 'prescriptions', 'consents']) {
      const rows = await server.dataSource.query(`SELECT id FROM ${table} WHERE member_id = ?`, [
        customer.memberId,
      ]);
      expect(rows).toEqual([]);
    }
    // The audit trail of who read the data stays.
    const audit = await server.dataSource.query('SELECT id FROM audit_log WHERE member_id = ?', [
      customer.memberId,
    ]);
    expect(audit).toHaveLength(2);

    const me = await api().get('/api/v1/me').set('authorization', customer.authorization).expect(404);
    expect(me.body.code).toBe('MEMBER_NOT_FOUND');
    await api().get(`/api/v1/staff/customers/${customer.memberId}`).set('authorization', clerk).expect(404);
    const found = await api()
      .get('/api/v1/staff/customers?q=13900000010')
      .set('authorization', clerk)
      .expect(200);
    expect(found.body.total).toBe(0);

    const again = await api().post('/api/v1/auth/wechat/login').send({ code: customer.openid }).expect(200);
    expect(again.body.isNew).toBe(true);
    expect(again.body.member.id).not.toBe(customer.memberId);
  });
});
