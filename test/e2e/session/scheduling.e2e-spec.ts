import { startApi, TestApi } from '../../support/app';
import { insertCourse } from '../../factories/course.factory';
import { requestEnrolment } from '../../factories/enrolment.factory';
import { createTenant, createTrainer, Tenant } from '../../factories/organisation.factory';
import { outboxRows } from '../../factories/outbox-event.factory';
import { createLearners, createPlatformAdmin, Person } from '../../factories/person.factory';
import { scheduleSession, sessionState } from '../../factories/session.factory';

const DAY = 24 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('sessions: scheduling and changes by the trainer', () => {
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
      const course = await insertCourse(api.app, { author: trainer });
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
      const course = await insertCourse(api.app, { author: trainer });
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

    it('only for live or blended courses (422), and only by trainers or platform admins (403); in-company only for one’s own organisation (404 otherwise)', async () => {
      const online = await insertCourse(api.app, { author: trainer, format: 'online' });
      const live = await insertCourse(api.app, { author: trainer, format: 'blended' });
      const body = { meetings: [{ startsAt: iso(Date.now() + DAY), endsAt: iso(Date.now() + DAY + 3_600_000) }], location: 'Zaal', capacity: 3, visibility: 'open' };
      expect((await api.http().post(`/api/courses/${online.id}/sessions`).set(trainer.auth).send(body)).status).toBe(422);
      expect((await api.http().post(`/api/courses/${live.id}/sessions`).set(tenant.learner.auth).send(body)).status).toBe(403);
      expect((await api.http().post(`/api/courses/${live.id}/sessions`).set((await createPlatformAdmin(api.app)).auth).send(body)).status).toBe(201);
      // an org admin schedules in-company for their own organisation; for another it does not exist (404)
      const own = { ...body, visibility: 'in-company', organisationId: tenant.organisation.id };
      expect((await api.http().post(`/api/courses/${live.id}/sessions`).set(tenant.admin.auth).send(own)).status).toBe(201);
      expect((await api.http().post(`/api/courses/${live.id}/sessions`).set(other.admin.auth).send(own)).status).toBe(404);
      expect((await api.http().post('/api/courses/6f1c2a8e-2d7b-4a58-9a53-0c9c8b1d2e3f/sessions').set(trainer.auth).send(body)).status).toBe(404);
    });
  });

  describe('changes by the trainer', () => {
    it('moves a meeting: stable ids, higher sequences, session.changed for confirmed learners only', async () => {
      const course = await insertCourse(api.app, { author: trainer });
      const session = await scheduleSession(api, trainer, course, { capacity: 1 });
      const [first, second] = await createLearners(api.app, 2);
      await requestEnrolment(api, first, course.id, session.id);
      await requestEnrolment(api, second, course.id, session.id);
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
      const course = await insertCourse(api.app, { author: trainer });
      const session = await scheduleSession(api, trainer, course, { capacity: 2 });
      const learners = await createLearners(api.app, 3);
      for (const l of learners) await requestEnrolment(api, l, course.id, session.id);
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
});
