import { startApi, TestApi } from '../../support/app';
import { insertCourse } from '../../factories/course.factory';
import { requestEnrolment } from '../../factories/enrolment.factory';
import { addMember, createTenant, createTrainer, Tenant } from '../../factories/organisation.factory';
import { createPerson, Person } from '../../factories/person.factory';
import { scheduleSession } from '../../factories/session.factory';

describe('enrolment: the session roster', () => {
  let api: TestApi;
  let trainer: Person;
  let tenant: Tenant;

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    [trainer, tenant] = await Promise.all([createTrainer(api.app), createTenant(api.app)]);
  });
  afterAll(() => api.close());

  describe('the roster', () => {
    it('shows everyone to trainers, the enrolments their organisation made to org admins, 403 to others who can see it', async () => {
      const course = await insertCourse(api.app, { author: trainer });
      const session = await scheduleSession(api, trainer, course);
      const outsider = await createPerson(api.app);
      const byAdmin = await api.http().post('/api/enrolments').set(tenant.admin.auth).send({ courseId: course.id, sessionId: session.id, userId: tenant.learner.user.id });
      expect(byAdmin.status).toBe(201);
      await requestEnrolment(api, outsider, course.id, session.id);
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
