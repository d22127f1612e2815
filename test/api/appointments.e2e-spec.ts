import request from 'supertest';
import { shanghaiDate } from '@lensloop/shared';
import { Factory, type StaffFixture, type StoreFixture } from '../support/factories';
import { advanceClock, resetClock } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

const DAY_MS = 86_400_000;
/** 10:00 to 21:30 in Shanghai: 23 slots of 30 minutes, the last at 21:00. */
const HOURS = '10:00–21:30';

/** Eye-exam appointments: slots from store hours, safe booking under concurrency, changes, the desk. */
describe('appointments (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let tomorrow: string;

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    tomorrow = shanghaiDate(new Date(Date.now() + DAY_MS));
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);

  /** A store open 10:00–21:30 with `optometrists` optometrists (one place each per slot by default). */
  async function storeWithOptometrists(
    optometrists = 1,
  ): Promise<{ store: StoreFixture; optometrists: StaffFixture[] }> {
    const store = await factory.store({ hours: HOURS });
    const staff = await Promise.all(
      Array.from({ length: optometrists }, () => factory.staff('optometrist', store.id)),
    );
    return { store, optometrists: staff };
  }

  /** A store open 10:00–21:30 with one optometrist; its id. */
  const storeId = async () => (await storeWithOptometrists()).store.id;

  /** Tomorrow's slots of a store, from the API. */
  async function slots(
    storeId: number,
  ): Promise<{ start: string; end: string; capacity: number; available: number }[]> {
    const response = await api()
      .get(`/api/v1/stores/${storeId}/appointment-slots?date=${tomorrow}&service=exam`)
      .expect(200);
    return response.body;
  }

  const book = (authorization: string, body: object) =>
    api().post('/api/v1/appointments').set('authorization', authorization).send(body);

  it('should offer the day from opening to closing in 30-minute slots, one place per optometrist', async () => {
    const day = await slots(await storeId());
    expect(day).toHaveLength(23);
    // 10:00 in Shanghai.
    expect(day[0]).toEqual({
      start: `${tomorrow}T02:00:00.000Z`,
      end: `${tomorrow}T02:30:00.000Z`,
      capacity: 1,
      available: 1,
    });
    // 21:00, ending at closing time.
    expect(day[22]).toMatchObject({ start: `${tomorrow}T13:00:00.000Z`, end: `${tomorrow}T13:30:00.000Z` });
    const { store: twoOptometrists } = await storeWithOptometrists(2);
    expect((await slots(twoOptometrists.id))[0]).toMatchObject({ capacity: 2, available: 2 });
  });

  it('should give exactly one of 20 concurrent bookings the last place in a slot', async () => {
    // Three places per slot (one optometrist × 3), two already taken.
    const store = await storeId();
    await api()
      .put(`/api/v1/admin/stores/${store}/appointment-settings`)
      .set('authorization', (await factory.staff('admin', null)).authorization)
      .send({ slotMinutes: 30, perOptometrist: 3 })
      .expect(200);
    const start = (await slots(store))[4].start;
    for (const early of [await factory.member(), await factory.member()]) {
      await book(early.authorization, { storeId: store, start, service: 'exam' }).expect(201);
    }
    expect((await slots(store))[4]).toMatchObject({ capacity: 3, available: 1 });

    const racers = await Promise.all(Array.from({ length: 20 }, () => factory.member()));
    const responses = await Promise.all(
      racers.map((racer) => book(racer.authorization, { storeId: store, start, service: 'recheck' })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array.from({ length: 19 }, () => 409)]);
    expect(
      responses
        .filter((response) => response.status === 409)
        .every((response) => response.body.code === 'SLOT_FULL'),
    ).toBe(true);

    const [row] = await server.dataSource.query(
      "SELECT COUNT(*) AS n FROM appointments WHERE store_id = ? AND starts_at = ? AND status = 'booked'",
      [store, new Date(start)],
    );
    expect(Number(row.n)).toBe(3);
    const [slot] = await server.dataSource.query(
      'SELECT booked FROM appointment_slots WHERE store_id = ? AND starts_at = ?',
      [store, new Date(start)],
    );
    expect(slot.booked).toBe(3);
    expect((await slots(store))[4].available).toBe(0);
  });

  it.each([
    ['before opening', () => `${tomorrow}T01:30:00.000Z`, 'SLOT_OUTSIDE_HOURS'],
    ['at closing time', () => `${tomorrow}T13:30:00.000Z`, 'SLOT_OUTSIDE_HOURS'],
    ['between two slot starts', () => `${tomorrow}T02:10:00.000Z`, 'SLOT_OUTSIDE_HOURS'],
    ['yesterday', () => `${shanghaiDate(new Date(Date.now() - DAY_MS))}T02:00:00.000Z`, 'SLOT_IN_PAST'],
  ])('should refuse a booking %s with 409 and hold nothing', async (_name, start, code) => {
    const store = await storeId();
    const customer = await factory.member();
    const before = await server.dataSource.query('SELECT COUNT(*) AS n FROM appointments');
    const response = await book(customer.authorization, {
      storeId: store,
      start: start(),
      service: 'exam',
    }).expect(409);
    expect(response.body.code).toBe(code);
    expect(await server.dataSource.query('SELECT COUNT(*) AS n FROM appointments')).toEqual(before);
  });

  it.each([
    [{ start: '2026-13-01T02:00:00Z', service: 'exam' }, 'start'],
    [{ start: '2026-12-24 10:00', service: 'exam' }, 'start'],
    [{ start: '2026-12-24T02:00:00Z', service: 'haircut' }, 'service'],
    [{ storeId: 'three', start: '2026-12-24T02:00:00Z', service: 'exam' }, 'storeId'],
  ])('should answer 400 naming the field for %j', async (body, field) => {
    const customer = await factory.member();
    const response = await book(customer.authorization, { storeId: await storeId(), ...body }).expect(400);
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toEqual([field]);
  });

  it('should answer 404 for an unknown store or another member’s profile', async () => {
    const store = await storeId();
    const customer = await factory.member();
    const start = (await slots(store))[0].start;
    expect(
      (await book(customer.authorization, { storeId: 999_999, start, service: 'exam' }).expect(404)).body
        .code,
    ).toBe('STORE_NOT_FOUND');
    const othersChild = await factory.child(await factory.member(), { name: '小红' });
    const response = await book(customer.authorization, {
      storeId: store,
      start,
      service: 'recheck',
      profileId: othersChild,
    }).expect(404);
    expect(response.body.code).toBe('PROFILE_NOT_FOUND');
  });

  it('should book a child’s re-check, reschedule it (freeing the old place) and cancel it', async () => {
    const { store } = await storeWithOptometrists();
    const parent = await factory.member();
    const childId = await factory.child(parent, { name: '小明', birthDate: '2017-06-01' });
    const day = await slots(store.id);
    const booked = await book(parent.authorization, {
      storeId: store.id,
      start: day[2].start,
      service: 'recheck',
      profileId: childId,
    }).expect(201);
    expect(booked.body).toMatchObject({
      storeId: store.id,
      storeName: store.name,
      profileName: '小明',
      service: 'recheck',
      start: day[2].start,
      end: day[2].end,
      status: 'booked',
    });

    const moved = await api()
      .post(`/api/v1/appointments/${booked.body.id}/reschedule`)
      .set('authorization', parent.authorization)
      .send({ start: day[5].start })
      .expect(200);
    expect(moved.body.start).toBe(day[5].start);
    const after = await slots(store.id);
    expect([after[2].available, after[5].available]).toEqual([1, 0]);

    const stranger = await factory.member();
    await api()
      .post(`/api/v1/appointments/${booked.body.id}/cancel`)
      .set('authorization', stranger.authorization)
      .expect(404);
    const cancelled = await api()
      .post(`/api/v1/appointments/${booked.body.id}/cancel`)
      .set('authorization', parent.authorization)
      .expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await slots(store.id))[5].available).toBe(1);
    const again = await api()
      .post(`/api/v1/appointments/${booked.body.id}/cancel`)
      .set('authorization', parent.authorization)
      .expect(409);
    expect(again.body.code).toBe('APPOINTMENT_NOT_CHANGEABLE');

    const mine = await api()
      .get('/api/v1/me/appointments')
      .set('authorization', parent.authorization)
      .expect(200);
    expect(mine.body).toMatchObject({ total: 1, items: [{ id: booked.body.id, status: 'cancelled' }] });
    const theirs = await api()
      .get('/api/v1/me/appointments')
      .set('authorization', stranger.authorization)
      .expect(200);
    expect(theirs.body.total).toBe(0);
  });

  it('should show the store’s day on the desk and record a no-show once the time has come', async () => {
    const {
      store,
      optometrists: [optometrist],
    } = await storeWithOptometrists();
    const { optometrists: otherStore } = await storeWithOptometrists();
    const customer = await factory.member();
    const slot = (await slots(store.id))[6];
    const booked = await book(customer.authorization, {
      storeId: store.id,
      start: slot.start,
      service: 'exam',
    }).expect(201);
    const day = await api()
      .get(`/api/v1/staff/appointments?date=${tomorrow}`)
      .set('authorization', optometrist.authorization)
      .expect(200);
    expect(day.body.items).toContainEqual(
      expect.objectContaining({ id: booked.body.id, memberId: customer.memberId, start: slot.start }),
    );
    const otherDesk = await api()
      .get(`/api/v1/staff/appointments?date=${tomorrow}`)
      .set('authorization', otherStore[0].authorization)
      .expect(200);
    expect(otherDesk.body.items.map((item: { id: number }) => item.id)).not.toContain(booked.body.id);

    const early = await api()
      .post(`/api/v1/staff/appointments/${booked.body.id}/no-show`)
      .set('authorization', optometrist.authorization)
      .expect(409);
    expect(early.body.code).toBe('APPOINTMENT_NOT_CHANGEABLE');
    await advanceClock(server.baseUrl, Math.ceil((Date.parse(slot.end) - Date.now()) / 1000));
    try {
      const marked = await api()
        .post(`/api/v1/staff/appointments/${booked.body.id}/no-show`)
        .set('authorization', optometrist.authorization)
        .expect(200);
      expect(marked.body.status).toBe('no_show');
      // A customer cannot cancel a past appointment.
      await api()
        .post(`/api/v1/appointments/${booked.body.id}/cancel`)
        .set('authorization', customer.authorization)
        .expect(409);
    } finally {
      await resetClock(server.baseUrl);
    }
  });

  it('should let a manager set only their own store’s slot length', async () => {
    const store = await storeId();
    const manager = (await factory.staff('manager', store)).authorization;
    const otherStore = await storeId();
    await api()
      .put(`/api/v1/admin/stores/${store}/appointment-settings`)
      .set('authorization', manager)
      .send({ slotMinutes: 45, perOptometrist: 1 })
      .expect(200);
    expect(await slots(store)).toHaveLength(15);
    await api()
      .put(`/api/v1/admin/stores/${otherStore}/appointment-settings`)
      .set('authorization', manager)
      .send({ slotMinutes: 45, perOptometrist: 1 })
      .expect(403);
    expect(await slots(otherStore)).toHaveLength(23);
    const invalid = await api()
      .put(`/api/v1/admin/stores/${store}/appointment-settings`)
      .set('authorization', manager)
      .send({ slotMinutes: 5, perOptometrist: 1 })
      .expect(400);
    expect(invalid.body.details[0].field).toBe('slotMinutes');
  });

  it('should export the member’s appointments and erase them, freeing future places (personal-data contributor)', async () => {
    const store = await storeId();
    const customer = await factory.member();
    const slot = (await slots(store))[1];
    const booked = await book(customer.authorization, {
      storeId: store,
      start: slot.start,
      service: 'exam',
    }).expect(201);
    expect((await slots(store))[1].available).toBe(0);
    // Through the PIPL endpoints, which reach the appointments only through the personal-data registry.
    const exported = await api()
      .get('/api/v1/me/export')
      .set('authorization', customer.authorization)
      .expect(200);
    expect(exported.body.appointments).toEqual([booked.body]);
    await api().delete('/api/v1/me').set('authorization', customer.authorization).expect(204);
    const rows = await server.dataSource.query('SELECT id FROM appointments WHERE member_id = ?', [
      customer.memberId,
    ]);
    expect(rows).toEqual([]);
    expect((await slots(store))[1].available).toBe(1);
  });
});
