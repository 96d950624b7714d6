import { startApi, TestApi } from '../../support/app';
import { insertCourse } from '../../factories/course.factory';
import { requestEnrolment } from '../../factories/enrolment.factory';
import { createTenant, createTrainer, Tenant } from '../../factories/organisation.factory';
import { Person } from '../../factories/person.factory';
import { scheduleSession } from '../../factories/session.factory';

const DAY = 24 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('sessions: who sees which session', () => {
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

  describe('visibility', () => {
    it('shows open sessions to anyone and in-company ones only to members and trainers (404 otherwise)', async () => {
      const course = await insertCourse(api.app, { author: trainer });
      const open = await scheduleSession(api, trainer, course);
      const internal = await scheduleSession(api, tenant.trainer, course, { visibility: 'in-company', organisationId: tenant.organisation.id, trainerIds: [trainer.user.id] });

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
      const course = await insertCourse(api.app);
      const internal = await scheduleSession(api, tenant.trainer, course, { visibility: 'in-company', organisationId: tenant.organisation.id, trainerIds: [trainer.user.id] });
      expect((await requestEnrolment(api, other.learner, course.id, internal.id)).status).toBe(404);
      const ok = await requestEnrolment(api, tenant.learner, course.id, internal.id);
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ status: 'confirmed', sessionId: internal.id });
    });
  });
});
