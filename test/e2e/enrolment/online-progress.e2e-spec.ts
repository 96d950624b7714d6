import { DataSource } from 'typeorm';
import { CompletionService } from '@schakel/enrolment';
import { OutboxRelay } from '@schakel/jobs';
import { startApi, startWorker, TestApi } from '../../support/app';
import { waitFor } from '../../support/wait-for';
import { createOnlineCourse } from '../../factories/course.factory';
import { enrol } from '../../factories/enrolment.factory';
import { createTenant, Tenant, grantPlatformTrainer } from '../../factories/organisation.factory';
import { createPerson, createPlatformAdmin, Person } from '../../factories/person.factory';
import { QUIZ_RIGHT, QUIZ_WRONG } from '../../factories/quiz.factory';

describe('online modules: progress and completion', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: Tenant;
  let admin: Person;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    [tenant, admin] = await Promise.all([createTenant(api.app), createPlatformAdmin(api.app)]);
    await grantPlatformTrainer(api.app, tenant.trainer); // authors the suite's courses
  });
  afterAll(() => api.close());

  const completeLesson = (who: Person, enrolmentId: string, lessonId: string) =>
    api.http().post(`/api/enrolments/${enrolmentId}/lessons/${lessonId}/complete`).set(who.auth);
  const submit = (who: Person, enrolmentId: string, answers: unknown) =>
    api.http().post(`/api/enrolments/${enrolmentId}/quiz-attempts`).set(who.auth).send({ answers });

  describe('progress and completion', () => {
    it('records a lesson once (idempotent), updates last activity, and shows progress', async () => {
      const course = await createOnlineCourse(api, tenant.trainer, { lessons: 2 });
      const learner = await createPerson(api.app);
      const enrolmentId = await enrol(api, learner, course.id);
      await db.query(`UPDATE enrolments SET last_activity_at = now() - interval '3 days' WHERE id = $1`, [enrolmentId]);
      const once = await completeLesson(learner, enrolmentId, course.lessonIds[0]);
      const twice = await completeLesson(learner, enrolmentId, course.lessonIds[0]);
      expect(once.status).toBe(200);
      expect(twice.body.completedAt).toBe(once.body.completedAt);
      expect(await db.query(`SELECT 1 FROM lesson_progress WHERE enrolment_id = $1`, [enrolmentId])).toHaveLength(1);
      const [row] = await db.query(`SELECT last_activity_at > now() - interval '1 minute' AS recent FROM enrolments WHERE id = $1`, [enrolmentId]);
      expect(row.recent).toBe(true);
      const detail = await api.http().get(`/api/enrolments/${enrolmentId}`).set(learner.auth);
      expect(detail.body).toMatchObject({
        status: 'active', completedLessonIds: [course.lessonIds[0]],
        progress: { lessonsCompleted: 1, lessonCount: 2, hasQuiz: true, quizPassed: false, attemptsUsed: 0 },
      });
      const mine = await api.http().get('/api/me/enrolments').set(learner.auth);
      expect(mine.body).toMatchObject({ total: 1, items: [{ id: enrolmentId, course: { id: course.id, title: course.title } }] });
    });

    it('lets only the owner record progress (others: 404), never on a cancelled enrolment (409) or for a lesson of another course', async () => {
      const course = await createOnlineCourse(api, tenant.trainer, { lessons: 1 });
      const other = await createOnlineCourse(api, tenant.trainer, { lessons: 1 });
      const learner = await createPerson(api.app);
      const enrolmentId = await enrol(api, learner, course.id);
      for (const intruder of [tenant.learner, admin, tenant.trainer]) {
        expect((await completeLesson(intruder, enrolmentId, course.lessonIds[0])).status).toBe(404);
        expect((await submit(intruder, enrolmentId, QUIZ_RIGHT)).status).toBe(404);
      }
      expect((await completeLesson(learner, enrolmentId, other.lessonIds[0])).status).toBe(404);
      expect(await db.query(`SELECT 1 FROM lesson_progress WHERE enrolment_id = $1`, [enrolmentId])).toHaveLength(0);
      await db.query(`UPDATE enrolments SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [enrolmentId]);
      expect((await completeLesson(learner, enrolmentId, course.lessonIds[0])).status).toBe(409);
      expect((await submit(learner, enrolmentId, QUIZ_RIGHT)).status).toBe(409);
    });

    it('completes exactly once, with one course.completed event, when the last lesson and the passing quiz arrive together', async () => {
      const course = await createOnlineCourse(api, tenant.trainer, { lessons: 3 });
      const learners = await Promise.all(Array.from({ length: 4 }, () => createPerson(api.app)));
      const enrolmentIds = await Promise.all(learners.map((l) => enrol(api, l, course.id)));
      await Promise.all(learners.map(async (l, i) => {
        await completeLesson(l, enrolmentIds[i], course.lessonIds[0]).expect(200);
        await completeLesson(l, enrolmentIds[i], course.lessonIds[1]).expect(200);
      }));
      // per learner: the last lesson twice and the passing quiz twice, all at once
      const responses = await Promise.all(learners.flatMap((l, i) => [
        completeLesson(l, enrolmentIds[i], course.lessonIds[2]),
        submit(l, enrolmentIds[i], QUIZ_RIGHT),
        completeLesson(l, enrolmentIds[i], course.lessonIds[2]),
        submit(l, enrolmentIds[i], QUIZ_RIGHT),
      ]));
      expect(responses.map((r) => r.status).sort()).toEqual([...Array(8).fill(200), ...Array(8).fill(201)]);
      for (const enrolmentId of enrolmentIds) {
        const completions = await db.query(`SELECT id FROM completions WHERE enrolment_id = $1`, [enrolmentId]);
        expect(completions).toHaveLength(1);
        const outbox = await db.query(`SELECT 1 FROM outbox_events WHERE topic = 'course.completed' AND payload->>'completionId' = $1`, [completions[0].id]);
        expect(outbox).toHaveLength(1);
        const [enrolment] = await db.query(`SELECT status, completed_at IS NOT NULL AS done FROM enrolments WHERE id = $1`, [enrolmentId]);
        expect(enrolment).toEqual({ status: 'completed', done: true });
      }
    });

    it('does not complete before the quiz is passed', async () => {
      const course = await createOnlineCourse(api, tenant.trainer, { lessons: 1 });
      const learner = await createPerson(api.app);
      const enrolmentId = await enrol(api, learner, course.id);
      expect((await completeLesson(learner, enrolmentId, course.lessonIds[0])).body.enrolmentStatus).toBe('active');
      expect((await submit(learner, enrolmentId, QUIZ_WRONG)).body.enrolmentStatus).toBe('active');
      expect(await db.query(`SELECT 1 FROM completions WHERE enrolment_id = $1`, [enrolmentId])).toHaveLength(0);
      expect((await submit(learner, enrolmentId, QUIZ_RIGHT)).body.enrolmentStatus).toBe('completed');
    });
  });

  describe('a lesson removed', () => {
    it('completes the learners who had done every other step (through the worker), keeps the others going, and keeps a published course\'s last lesson', async () => {
      const course = await createOnlineCourse(api, tenant.trainer, { lessons: 2 });
      const [ready, halfway, onlyRemoved] = await Promise.all([1, 2, 3].map(() => createPerson(api.app)));
      const enrolments = await Promise.all([ready, halfway, onlyRemoved].map((who) => enrol(api, who, course.id)));
      const [first, removed] = course.lessonIds;
      await completeLesson(ready, enrolments[0], first).expect(200);
      await submit(ready, enrolments[0], QUIZ_RIGHT).expect(201);
      await completeLesson(halfway, enrolments[1], first).expect(200);
      await completeLesson(onlyRemoved, enrolments[2], removed).expect(200);
      await submit(onlyRemoved, enrolments[2], QUIZ_RIGHT).expect(201);
      const status = async (id: string) => (await db.query(`SELECT status FROM enrolments WHERE id = $1`, [id]))[0].status;
      expect(await status(enrolments[0])).toBe('active');

      expect((await api.http().delete(`/api/courses/${course.id}/lessons/${removed}`).set(tenant.learner.auth)).status).toBe(403);
      expect((await api.http().delete(`/api/courses/${course.id}/lessons/${removed}`).set(tenant.trainer.auth)).status).toBe(204);
      expect(await db.query(`SELECT 1 FROM lesson_progress WHERE lesson_id = $1`, [removed])).toHaveLength(0);
      const worker = await startWorker();
      try {
        await waitFor(async () => { await worker.get(OutboxRelay).relayDue(); return status(enrolments[0]); }, (s) => s === 'completed', { what: 'the ready learner completed', timeoutMs: 30_000 });
        // Checked again (a repeated event): nobody completes twice.
        expect(await worker.get(CompletionService).completeWhereDone(course.id)).toBe(0);
      } finally {
        await worker.close();
      }
      expect(await db.query(`SELECT 1 FROM completions WHERE enrolment_id = ANY($1)`, [enrolments])).toHaveLength(1);
      expect([await status(enrolments[1]), await status(enrolments[2])]).toEqual(['active', 'active']);
      const [event] = await db.query(`SELECT payload FROM outbox_events WHERE topic = 'course.completed' AND payload->>'userId' = $1`, [ready.user.id]);
      expect(event).toBeDefined();

      const last = await api.http().delete(`/api/courses/${course.id}/lessons/${first}`).set(tenant.trainer.auth);
      expect(last.status).toBe(409);
      expect(last.body.code).toBe('catalogue.last-lesson');
      expect((await api.http().get(`/api/courses/${course.id}/lessons`).set(tenant.trainer.auth)).body.items).toHaveLength(1);
    });
  });

  describe('tenancy', () => {
    it("lets the enrolling organisation's admin read an enrolment, and answers 404 to another organisation's admin", async () => {
      const other = await createTenant(api.app);
      const course = await createOnlineCourse(api, tenant.trainer, { lessons: 1 });
      const created = await api.http().post('/api/enrolments').set(tenant.admin.auth).send({ courseId: course.id, userId: tenant.learner.user.id });
      expect(created.status).toBe(201);
      const path = `/api/enrolments/${created.body.id}`;
      expect((await api.http().get(path).set(tenant.admin.auth)).status).toBe(200);
      expect((await api.http().get(path).set(tenant.learner.auth)).status).toBe(200);
      expect((await api.http().get(path).set(admin.auth)).status).toBe(200);
      for (const outsider of [other.admin, other.learner, tenant.trainer]) {
        const response = await api.http().get(path).set(outsider.auth);
        expect(response.status).toBe(404);
        expect(JSON.stringify(response.body)).not.toContain(tenant.learner.user.id);
        expect((await api.http().get(`${path}/quiz`).set(outsider.auth)).status).toBe(404);
      }
      // an org admin reads, but does not record progress for the learner
      expect((await completeLesson(tenant.admin, created.body.id, course.lessonIds[0])).status).toBe(404);
      const list = await api.http().get('/api/me/enrolments').set(other.admin.auth);
      expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(created.body.id);
    });
  });
});
