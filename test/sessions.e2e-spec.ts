import { DataSource } from 'typeorm';
import { startApi, TestApi } from './helpers/app';
import { addMember, createPerson, createPlatformAdmin, createTenant, Person, Tenant } from './helpers/factories';
import { createCourse, createLearners, createTrainer, enrol, outboxRows, scheduleSession, sessionState } from './helpers/session.factories';

const DAY = 24 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('sessions: scheduling, visibility, enrolment rules', () => {
  let api: TestApi;
  let trainer: Person;
  let tenant: Tenant;
  let other: Tenant;

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    [trainer, tenant, other] = await Promise.all([createTrainer(api.app), createTenant(api.app), createTenant(api.app)]);
  });
  afterAll(() => api.close());

  describe('scheduling', () => {
    it('creates a session with meetings, the creator as trainer, and counts', async () => {
      const course = await createCourse(api.app);
      const start = Date.now() + 10 * DAY;
      const response = await api.http().post(`/api/courses/${course.id}/sessions`).set(trainer.auth).send({
        meetings: [
          { startsAt: iso(start + 7 * DAY), endsAt: iso(start + 7 * DAY + 3_600_000) },
          { startsAt: iso(start), endsAt: iso(start + 3_600_000) },
        ],
        onlineUrl: 'https://meet.example.nl/zie-mij',
        capacity: 12,
        visibility: 'open',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        courseId: course.id, capacity: 12, confirmedCount: 0, waitlistCount: 0, timezone: 'Europe/Amsterdam', status: 'scheduled',
        startsAt: iso(start), endsAt: iso(start + 7 * DAY + 3_600_000), trainerIds: [trainer.user.id],
      });
      expect(response.body.meetings.map((m: { startsAt: string }) => m.startsAt)).toEqual([iso(start), iso(start + 7 * DAY)]);
    });

    it('refuses bad input with 400 and field details, never a 500', async () => {
      const course = await createCourse(api.app);
      const start = Date.now() + 10 * DAY;
      const base = { meetings: [{ startsAt: iso(start), endsAt: iso(start + 3_600_000) }], location: 'Zaal 1', capacity: 5, visibility: 'open' };
      const cases: Array<[object, string]> = [
        [{ ...base, meetings: [] }, 'meetings'],
        [{ ...base, meetings: [{ startsAt: iso(start), endsAt: iso(start) }] }, 'meetings[0].endsAt'],
        [{ ...base, meetings: [{ startsAt: '2026-05-01T10:00:00', endsAt: '2026-05-01T12:00:00' }] }, 'meetings[0].startsAt'],
        [{ ...base, timezone: 'Mars/Olympus' }, 'timezone'],
        [{ ...base, capacity: 0 }, 'capacity'],
        [{ ...base, location: undefined }, 'location'],
        [{ ...base, visibility: 'in-company' }, 'organisationId'],
        [{ ...base, trainerIds: ['6f1c2a8e-2d7b-4a58-9a53-0c9c8b1d2e3f'] }, 'trainerIds'],
      ];
      for (const [body, field] of cases) {
        const response = await api.http().post(`/api/courses/${course.id}/sessions`).set(trainer.auth).send(body);
        expect({ field, status: response.status }).toEqual({ field, status: 400 });
        expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });

    it('only for live or blended courses (422), and only by trainers or platform admins (403)', async () => {
      const online = await createCourse(api.app, { format: 'online' });
      const live = await createCourse(api.app, { format: 'blended' });
      const body = { meetings: [{ startsAt: iso(Date.now() + DAY), endsAt: iso(Date.now() + DAY + 3_600_000) }], location: 'Zaal', capacity: 3, visibility: 'open' };
      expect((await api.http().post(`/api/courses/${online.id}/sessions`).set(trainer.auth).send(body)).status).toBe(422);
      expect((await api.http().post(`/api/courses/${live.id}/sessions`).set(tenant.learner.auth).send(body)).status).toBe(403);
      expect((await api.http().post(`/api/courses/${live.id}/sessions`).set((await createPlatformAdmin(api.app)).auth).send(body)).status).toBe(201);
      // an org admin schedules in-company for their own organisation, not for another
      const own = { ...body, visibility: 'in-company', organisationId: tenant.organisation.id };
      expect((await api.http().post(`/api/courses/${live.id}/sessions`).set(tenant.admin.auth).send(own)).status).toBe(201);
      expect((await api.http().post(`/api/courses/${live.id}/sessions`).set(other.admin.auth).send(own)).status).toBe(403);
      expect((await api.http().post('/api/courses/6f1c2a8e-2d7b-4a58-9a53-0c9c8b1d2e3f/sessions').set(trainer.auth).send(body)).status).toBe(404);
    });
  });

  describe('visibility', () => {
    it('shows open sessions to anyone and in-company ones only to members and trainers (404 otherwise)', async () => {
      const course = await createCourse(api.app);
      const open = await scheduleSession(api, trainer, course);
      const internal = await scheduleSession(api, trainer, course, { visibility: 'in-company', organisationId: tenant.organisation.id });

      expect((await api.http().get(`/api/sessions/${open.id}`)).status).toBe(200);
      expect((await api.http().get(`/api/sessions/${internal.id}`)).status).toBe(404);
      expect((await api.http().get(`/api/sessions/${internal.id}`).set(other.learner.auth)).status).toBe(404);
      expect((await api.http().get(`/api/sessions/${internal.id}/calendar.ics`).set(other.learner.auth)).status).toBe(404);
      expect((await api.http().get(`/api/sessions/${internal.id}/enrolments`).set(other.admin.auth)).status).toBe(404);
      expect((await api.http().get(`/api/sessions/${internal.id}`).set(tenant.learner.auth)).status).toBe(200);
      expect((await api.http().get(`/api/sessions/${internal.id}`).set(trainer.auth)).status).toBe(200);

      const anonymous = await api.http().get(`/api/sessions?courseId=${course.id}`);
      expect(anonymous.body).toMatchObject({ total: 1, items: [{ id: open.id, capacity: 20, confirmedCount: 0, waitlistCount: 0 }] });
      expect(anonymous.body.items[0].meetings).toHaveLength(2);
      const member = await api.http().get(`/api/sessions?courseId=${course.id}`).set(tenant.learner.auth);
      expect(member.body.items.map((s: { id: string }) => s.id).sort()).toEqual([open.id, internal.id].sort());
      const outsider = await api.http().get(`/api/sessions?courseId=${course.id}`).set(other.learner.auth);
      expect(outsider.body.total).toBe(1);

      // date filters
      const later = await api.http().get(`/api/sessions?courseId=${course.id}&from=${iso(Date.now() + 60 * DAY)}`);
      expect(later.body.total).toBe(0);
      const before = await api.http().get(`/api/sessions?courseId=${course.id}&to=${iso(Date.now() + 31 * DAY)}`);
      expect(before.body.total).toBe(1);
    });

    it('lets only members of the organisation enrol in an in-company session', async () => {
      const course = await createCourse(api.app);
      const internal = await scheduleSession(api, trainer, course, { visibility: 'in-company', organisationId: tenant.organisation.id });
      expect((await enrol(api, other.learner, course.id, internal.id)).status).toBe(404);
      const ok = await enrol(api, tenant.learner, course.id, internal.id);
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ status: 'confirmed', sessionId: internal.id });
    });
  });

  describe('enrolment rules', () => {
    it('refuses after the deadline or the start (422), and a cancelled session (409)', async () => {
      const course = await createCourse(api.app);
      const [learner] = await createLearners(api.app, 1);
      const late = await scheduleSession(api, trainer, course, { enrolmentDeadline: iso(Date.now() + 1000) });
      const cancelled = await scheduleSession(api, trainer, course);
      const started = await scheduleSession(api, trainer, course);
      await api.app.get(DataSource).query(`UPDATE sessions SET enrolment_deadline = now() - interval '1 minute' WHERE id = $1`, [late.id]);
      await api.app.get(DataSource).query(`UPDATE sessions SET starts_at = now() - interval '1 minute' WHERE id = $1`, [started.id]);
      expect((await api.http().post(`/api/sessions/${cancelled.id}/cancel`).set(trainer.auth)).status).toBe(200);

      expect((await enrol(api, learner, course.id, late.id)).status).toBe(422);
      expect((await enrol(api, learner, course.id, started.id)).status).toBe(422);
      expect((await enrol(api, learner, course.id, cancelled.id)).status).toBe(409);
      const unknown = await enrol(api, learner, course.id, '6f1c2a8e-2d7b-4a58-9a53-0c9c8b1d2e3f');
      expect(unknown.status).toBe(404);
      expect(await api.app.get(DataSource).query(`SELECT 1 FROM enrolments WHERE user_id = $1`, [learner.user.id])).toHaveLength(0);
    });

    it('one learner sending 50 parallel enrolments gets one row, and the same enrolment back', async () => {
      const course = await createCourse(api.app);
      const session = await scheduleSession(api, trainer, course, { capacity: 5 });
      const learner = await createPerson(api.app);
      const responses = await Promise.all(Array.from({ length: 50 }, () => enrol(api, learner, course.id, session.id)));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(49);
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      const state = await sessionState(api.app, session.id);
      expect(state.enrolments).toHaveLength(1);
      expect(state.session.confirmed_count).toBe(1);
      expect(await outboxRows(api.app, 'enrolment.confirmed', session.id)).toHaveLength(1);
    });

    it('a second session of the same course is 409, also when both are asked at once', async () => {
      const course = await createCourse(api.app);
      const [a, b] = await Promise.all([scheduleSession(api, trainer, course), scheduleSession(api, trainer, course)]);
      const learners = await createLearners(api.app, 10);
      const results = await Promise.all(learners.flatMap((l) => [enrol(api, l, course.id, a.id), enrol(api, l, course.id, b.id)]));
      expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      expect(results.filter((r) => r.status === 201)).toHaveLength(10);
      const [row] = await api.app.get(DataSource).query(
        `SELECT count(*)::int AS n, count(DISTINCT user_id)::int AS people FROM enrolments WHERE course_id = $1`, [course.id]);
      expect(row).toEqual({ n: 10, people: 10 });
      const [sa, sb] = await Promise.all([sessionState(api.app, a.id), sessionState(api.app, b.id)]);
      expect(sa.session.confirmed_count + sb.session.confirmed_count).toBe(10);
    });
  });

  describe('changes by the trainer', () => {
    it('moves a meeting: stable ids, higher sequences, session.changed for confirmed learners only', async () => {
      const course = await createCourse(api.app);
      const session = await scheduleSession(api, trainer, course, { capacity: 1 });
      const [first, second] = await createLearners(api.app, 2);
      await enrol(api, first, course.id, session.id);
      await enrol(api, second, course.id, session.id);
      const [m1, m2] = session.meetings;
      const moved = iso(new Date(m2.startsAt).getTime() + 3_600_000);
      const response = await api.http().patch(`/api/sessions/${session.id}`).set(trainer.auth).send({
        meetings: [{ id: m1.id, startsAt: m1.startsAt, endsAt: m1.endsAt }, { id: m2.id, startsAt: moved, endsAt: iso(new Date(m2.endsAt).getTime() + 3_600_000) }],
      });
      expect(response.status).toBe(200);
      expect(response.body.sequence).toBe(1);
      expect(response.body.meetings.map((m: { id: string; sequence: number }) => [m.id, m.sequence])).toEqual([[m1.id, 0], [m2.id, 1]]);
      const changed = await outboxRows(api.app, 'session.changed', session.id);
      expect(changed).toEqual([expect.objectContaining({ userId: first.user.id, sequence: 1 })]);
      // capacity only: no calendar change
      const bigger = await api.http().patch(`/api/sessions/${session.id}`).set(trainer.auth).send({ capacity: 3 });
      expect(bigger.body).toMatchObject({ sequence: 1, capacity: 3, confirmedCount: 2, waitlistCount: 0 });
      expect(await outboxRows(api.app, 'enrolment.promoted', session.id)).toEqual([expect.objectContaining({ userId: second.user.id })]);
      expect((await api.http().patch(`/api/sessions/${session.id}`).set(trainer.auth).send({ capacity: 1 })).status).toBe(409);
      expect((await api.http().patch(`/api/sessions/${session.id}`).set(first.auth).send({ capacity: 10 })).status).toBe(403);
    });

    it('cancels a session: every open enrolment is cancelled and told', async () => {
      const course = await createCourse(api.app);
      const session = await scheduleSession(api, trainer, course, { capacity: 2 });
      const learners = await createLearners(api.app, 3);
      for (const l of learners) await enrol(api, l, course.id, session.id);
      expect((await api.http().post(`/api/sessions/${session.id}/cancel`).set(learners[0].auth)).status).toBe(403);
      const response = await api.http().post(`/api/sessions/${session.id}/cancel`).set(trainer.auth);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'cancelled', sequence: 1, confirmedCount: 0, waitlistCount: 0 });
      const state = await sessionState(api.app, session.id);
      expect(state.enrolments.map((e) => e.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      expect((await outboxRows(api.app, 'session.cancelled', session.id)).map((r) => r.userId).sort()).toEqual(learners.map((l) => l.user.id).sort());
      expect((await api.http().post(`/api/sessions/${session.id}/cancel`).set(trainer.auth)).status).toBe(409);
    });
  });

  describe('the roster', () => {
    it('shows everyone to trainers, own members to org admins, 403 to others who can see it', async () => {
      const course = await createCourse(api.app);
      const session = await scheduleSession(api, trainer, course);
      const outsider = await createPerson(api.app);
      await enrol(api, tenant.learner, course.id, session.id);
      await enrol(api, outsider, course.id, session.id);
      const all = await api.http().get(`/api/sessions/${session.id}/enrolments`).set(trainer.auth);
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(2);
      const own = await api.http().get(`/api/sessions/${session.id}/enrolments`).set(tenant.admin.auth);
      expect(own.body).toMatchObject({ total: 1, items: [{ userId: tenant.learner.user.id, status: 'confirmed' }] });
      expect(JSON.stringify(own.body)).not.toContain(outsider.user.email);
      expect((await api.http().get(`/api/sessions/${session.id}/enrolments`).set(tenant.learner.auth)).status).toBe(403);
      const second = await createTrainer(api.app);
      await addMember(api.app, tenant.organisation, second, ['learner']);
      expect((await api.http().get(`/api/sessions/${session.id}/enrolments`).set(second.auth)).status).toBe(403);
    });
  });
});
