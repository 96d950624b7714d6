import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/app';
import { finishCourse } from '../../factories/completion.factory';
import { createCourse, createOnlineCourse, TestCourse } from '../../factories/course.factory';
import { enrol } from '../../factories/enrolment.factory';
import { createTenant, Tenant, grantPlatformTrainer } from '../../factories/organisation.factory';
import { createPerson, Person } from '../../factories/person.factory';

describe('online modules: prerequisites', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: Tenant;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    tenant = await createTenant(api.app);
    await grantPlatformTrainer(api.app, tenant.trainer); // authors the suite's courses
  });
  afterAll(() => api.close());

  describe('prerequisites', () => {
    let first: TestCourse;
    let intake: TestCourse;

    beforeAll(async () => {
      first = await createOnlineCourse(api, tenant.trainer, { title: `Het eerste gesprek ${Date.now()}`, lessons: 2 });
      intake = await createCourse(api, tenant.trainer, { format: 'online', chainRoles: ['intake-referral'], prerequisiteIds: [first.id] });
      await createOnlineLessonsAndPublish(intake);
    });

    async function createOnlineLessonsAndPublish(course: TestCourse) {
      await api.http().post(`/api/courses/${course.id}/lessons`).set(tenant.trainer.auth).send({ title: 'Les', body: 'Tekst' }).expect(201);
      await api.http().patch(`/api/courses/${course.id}`).set(tenant.trainer.auth).send({ status: 'published' }).expect(200);
    }

    it('refuses intake-referral without the first-conversation course (422 naming it), and accepts it once completed (201)', async () => {
      const learner = await createPerson(api.app);
      const refused = await api.http().post('/api/enrolments').set(learner.auth).send({ courseId: intake.id });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('enrolment.prerequisite-missing');
      expect(refused.body.message).toContain(first.title);
      expect(await db.query(`SELECT 1 FROM enrolments WHERE user_id = $1`, [learner.user.id])).toHaveLength(0);

      const enrolmentId = await enrol(api, learner, first.id);
      await finishCourse(api, learner, enrolmentId, first);
      const accepted = await api.http().post('/api/enrolments').set(learner.auth).send({ courseId: intake.id });
      expect(accepted.status).toBe(201);
      expect(accepted.body.status).toBe('active');
    });

    it('accepts a valid certificate for the prerequisite, but not a revoked or expired one', async () => {
      const [valid, revoked, expired] = await Promise.all([createPerson(api.app), createPerson(api.app), createPerson(api.app)]);
      const other = await createOnlineCourse(api, tenant.trainer, { lessons: 1 });
      const certify = async (person: Person, extra: string) => {
        // A certificate for the prerequisite that came from elsewhere (no completion of it here).
        const enrolmentId = await enrol(api, person, other.id);
        await finishCourse(api, person, enrolmentId, other);
        const [completion] = await db.query(`SELECT id FROM completions WHERE enrolment_id = $1`, [enrolmentId]);
        await db.query(
          `INSERT INTO certificates (completion_id, user_id, course_id, code, state, valid_from, issued_at, expires_at, revoked_at)
           VALUES ($1, $2, $3, md5(random()::text), 'issued', now() - interval '2 years', now() - interval '2 years', ${extra})`,
          [completion.id, person.user.id, first.id],
        );
      };
      await certify(valid, `now() + interval '1 year', NULL`);
      await certify(revoked, `now() + interval '1 year', now()`);
      await certify(expired, `now() - interval '1 day', NULL`);
      expect((await api.http().post('/api/enrolments').set(valid.auth).send({ courseId: intake.id })).status).toBe(201);
      expect((await api.http().post('/api/enrolments').set(revoked.auth).send({ courseId: intake.id })).status).toBe(422);
      expect((await api.http().post('/api/enrolments').set(expired.auth).send({ courseId: intake.id })).status).toBe(422);
    });
  });
});
