import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/app';
import { range } from '../../support/values';
import { insertCourse } from '../../factories/course.factory';
import { requestEnrolment } from '../../factories/enrolment.factory';
import { createTenant, createTrainer } from '../../factories/organisation.factory';
import { outboxRows } from '../../factories/outbox-event.factory';
import { createLearners, type Person } from '../../factories/person.factory';
import { scheduleSession, sessionState } from '../../factories/session.factory';

describe('waitlist: seats under concurrency', () => {
  let api: TestApi;
  let trainer: Person;

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    trainer = await createTrainer(api.app);
  });
  afterAll(() => api.close());

  const noServerErrors = (statuses: number[]) => expect(statuses.filter((s) => s >= 500)).toEqual([]);

  it('storm: 200 learners at once for 20 seats → 20 confirmed, 180 waitlisted at 1..180, no 5xx', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const session = await scheduleSession(api, trainer, course, { capacity: 20 });
    const learners = await createLearners(api.app, 200);
    const responses = await Promise.all(learners.map((l) => requestEnrolment(api, l, course.id, session.id)));
    noServerErrors(responses.map((r) => r.status));
    expect(responses.every((r) => r.status === 201)).toBe(true);

    // every answer is true: confirmed means a stored seat, waitlisted comes with its stored position
    const state = await sessionState(api.app, session.id);
    expect(state.confirmed).toHaveLength(20);
    expect(state.waitlisted).toHaveLength(180);
    expect(state.positions).toEqual(range(1, 180));
    expect(state.session).toMatchObject({ confirmed_count: 20, waitlist_count: 180 });
    const stored = new Map(state.enrolments.map((e) => [e.id, e]));
    for (const r of responses) {
      const row = stored.get(r.body.id)!;
      expect(r.body.status).toBe(row.status);
      expect(r.body.waitlistPosition ?? null).toBe(row.waitlist_position);
    }
    const listed = await api.http().get(`/api/sessions/${session.id}`);
    expect(listed.body).toMatchObject({ capacity: 20, confirmedCount: 20, waitlistCount: 180 });
    expect(await outboxRows(api.app, 'enrolment.waitlisted', session.id)).toHaveLength(180);
  });

  it('storm: capacity 1 with 300 requests → exactly one seat', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const session = await scheduleSession(api, trainer, course, { capacity: 1 });
    const learners = await createLearners(api.app, 300);
    const responses = await Promise.all(learners.map((l) => requestEnrolment(api, l, course.id, session.id)));
    noServerErrors(responses.map((r) => r.status));
    expect(responses.filter((r) => r.body.status === 'confirmed')).toHaveLength(1);
    const state = await sessionState(api.app, session.id);
    expect(state.confirmed).toHaveLength(1);
    expect(state.positions).toEqual(range(1, 299));
  });

  it('churn: 10 cancel while 10 newcomers enrol → the promoted are exactly positions 1..10, once each', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const session = await scheduleSession(api, trainer, course, { capacity: 20 });
    const learners = await createLearners(api.app, 50);
    const ids = new Map<string, string>();
    for (const l of learners) ids.set(l.user.id, (await requestEnrolment(api, l, course.id, session.id)).body.id);
    const before = await sessionState(api.app, session.id);
    const firstTen = before.waitlisted.slice(0, 10).map((e) => e.id);
    const leaving = learners.slice(0, 10); // confirmed ones
    const newcomers = await createLearners(api.app, 10);

    const results = await Promise.all([
      ...leaving.map((l) => api.http().post(`/api/enrolments/${ids.get(l.user.id)}/cancel`).set(l.auth)),
      ...newcomers.map((l) => requestEnrolment(api, l, course.id, session.id)),
    ]);
    noServerErrors(results.map((r) => r.status));

    const after = await sessionState(api.app, session.id);
    expect(after.confirmed).toHaveLength(20);
    expect(after.session).toMatchObject({ confirmed_count: 20, waitlist_count: 30 });
    expect(after.positions).toEqual(range(1, 30));
    const promoted = await outboxRows(api.app, 'enrolment.promoted', session.id);
    expect(promoted.map((p) => p.enrolmentId).sort()).toEqual([...firstTen].sort());
    expect(after.confirmed.map((e) => e.id).filter((id) => firstTen.includes(id))).toHaveLength(10);
    // the newcomers queue behind everyone who was already waiting, in some order among themselves
    const newcomerIds = new Set(newcomers.map((n) => n.user.id));
    expect(after.waitlisted.slice(20).every((e) => newcomerIds.has(e.user_id))).toBe(true);
    expect((await outboxRows(api.app, 'enrolment.cancelled', session.id))).toHaveLength(10);
  });

  it('capacity raised and lowered during a storm: never more confirmed than capacity, the line stays 1..n', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const session = await scheduleSession(api, trainer, course, { capacity: 10 });
    const learners = await createLearners(api.app, 120);
    const changes = [15, 12, 30, 25, 40, 35, 20].map((capacity) =>
      api.http().patch(`/api/sessions/${session.id}`).set(trainer.auth).send({ capacity }));
    const results = await Promise.all([...learners.map((l) => requestEnrolment(api, l, course.id, session.id)), ...changes]);
    noServerErrors(results.map((r) => r.status));
    const patchStatuses = results.slice(120).map((r) => r.status);
    expect(patchStatuses.every((s) => s === 200 || s === 409)).toBe(true);

    const state = await sessionState(api.app, session.id);
    expect(state.confirmed.length).toBeLessThanOrEqual(state.session.capacity);
    expect(state.session.confirmed_count).toBe(state.confirmed.length);
    expect(state.session.waitlist_count).toBe(state.waitlisted.length);
    expect(state.confirmed.length + state.waitlisted.length).toBe(120);
    expect(state.positions).toEqual(range(1, state.waitlisted.length));
    // nobody waits while a seat is free
    if (state.waitlisted.length > 0) expect(state.confirmed.length).toBe(state.session.capacity);
  });

  it('within the cutoff nobody is promoted automatically; the trainer confirms by hand (409 without a seat)', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const session = await scheduleSession(api, trainer, course, { capacity: 1, inDays: 0.5 });
    const [a, b, c] = await createLearners(api.app, 3);
    const ea = (await requestEnrolment(api, a, course.id, session.id)).body;
    const eb = (await requestEnrolment(api, b, course.id, session.id)).body;
    const ec = (await requestEnrolment(api, c, course.id, session.id)).body;
    expect([ea.status, eb.waitlistPosition, ec.waitlistPosition]).toEqual(['confirmed', 1, 2]);

    const full = await api.http().post(`/api/sessions/${session.id}/waitlist/${ec.id}/confirm`).set(trainer.auth);
    expect(full.status).toBe(409);
    expect((await api.http().post(`/api/enrolments/${ea.id}/cancel`).set(a.auth)).status).toBe(200);
    let state = await sessionState(api.app, session.id);
    expect(state.confirmed).toHaveLength(0);
    expect(state.positions).toEqual([1, 2]);
    // a newcomer does not take the freed seat either: it belongs to the line
    const [d] = await createLearners(api.app, 1);
    expect((await requestEnrolment(api, d, course.id, session.id)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 3 });

    expect((await api.http().post(`/api/sessions/${session.id}/waitlist/${ec.id}/confirm`).set(b.auth)).status).toBe(403);
    expect((await api.http().post(`/api/sessions/${session.id}/waitlist/${ec.id}/confirm`).set(trainer.auth)).status).toBe(204);
    state = await sessionState(api.app, session.id);
    expect(state.confirmed.map((e) => e.id)).toEqual([ec.id]);
    expect(state.waitlisted.map((e) => [e.id, e.waitlist_position])).toEqual([[eb.id, 1], [expect.any(String), 2]]);
    expect(await outboxRows(api.app, 'enrolment.promoted', session.id)).toEqual([expect.objectContaining({ enrolmentId: ec.id })]);
  });

  it('leaving the waitlist closes the gap; cancelling twice is harmless; others get 404', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const session = await scheduleSession(api, trainer, course, { capacity: 1 });
    const learners = await createLearners(api.app, 4);
    const enrolments = [];
    for (const l of learners) enrolments.push((await requestEnrolment(api, l, course.id, session.id)).body);
    expect((await api.http().post(`/api/enrolments/${enrolments[2].id}/cancel`).set(learners[0].auth)).status).toBe(404);
    const first = await api.http().post(`/api/enrolments/${enrolments[2].id}/cancel`).set(learners[2].auth);
    expect(first.body).toMatchObject({ status: 'cancelled' });
    expect((await api.http().post(`/api/enrolments/${enrolments[2].id}/cancel`).set(learners[2].auth)).status).toBe(200);
    const state = await sessionState(api.app, session.id);
    expect(state.waitlisted.map((e) => [e.id, e.waitlist_position])).toEqual([[enrolments[1].id, 1], [enrolments[3].id, 2]]);
    expect(state.session.waitlist_count).toBe(2);
    expect(await outboxRows(api.app, 'enrolment.cancelled', session.id)).toHaveLength(1);
  });

  it('an org admin cancels an enrolment her organisation made for a member; an online enrolment is cancelled too', async () => {
    const tenant = await createTenant(api.app);
    const live = await insertCourse(api.app, { author: trainer });
    const session = await scheduleSession(api, trainer, live);
    const seat = (await api.http().post('/api/enrolments').set(tenant.admin.auth).send({ courseId: live.id, sessionId: session.id, userId: tenant.learner.user.id })).body;
    expect((await api.http().post(`/api/enrolments/${seat.id}/cancel`).set(tenant.admin.auth)).body).toMatchObject({ status: 'cancelled' });

    const online = await insertCourse(api.app, { author: trainer, format: 'online' });
    const active = await api.http().post('/api/enrolments').set(tenant.learner.auth).send({ courseId: online.id });
    expect(active.body.status).toBe('active');
    const cancelled = await api.http().post(`/api/enrolments/${active.body.id}/cancel`).set(tenant.learner.auth);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    const [row] = await api.app.get(DataSource).query(`SELECT status, cancelled_at FROM enrolments WHERE id = $1`, [active.body.id]);
    expect(row.status).toBe('cancelled');
    expect(row.cancelled_at).not.toBeNull();
  });
});
