import { DataSource } from 'typeorm';
import { startApi, TestApi } from './helpers/app';
import {
  allKeys, createCourse, createOnlineCourse, enrol, finishCourse, QUIZ_QUESTIONS, QUIZ_RIGHT, QUIZ_WRONG, TestCourse,
} from './helpers/catalogue.factories';
import { createPerson, createPlatformAdmin, createTenant, Person, Tenant } from './helpers/factories';

describe('online modules: enrolment, progress, quiz, completion', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: Tenant;
  let admin: Person;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    [tenant, admin] = await Promise.all([createTenant(api.app), createPlatformAdmin(api.app)]);
  });
  afterAll(() => api.close());

  const completeLesson = (who: Person, enrolmentId: string, lessonId: string) =>
    api.http().post(`/api/enrolments/${enrolmentId}/lessons/${lessonId}/complete`).set(who.auth);
  const submit = (who: Person, enrolmentId: string, answers: unknown) =>
    api.http().post(`/api/enrolments/${enrolmentId}/quiz-attempts`).set(who.auth).send({ answers });

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

  describe('quiz', () => {
    it('grades single and multiple choice on the server, and passes exactly at the pass mark', async () => {
      // 4 questions, pass mark 75: three right passes, two right fails
      const course = await createOnlineCourse(api, tenant.trainer, { lessons: 1, passMark: 75 });
      const learner = await createPerson(api.app);
      const enrolmentId = await enrol(api, learner, course.id);

      const allWrong = await submit(learner, enrolmentId, QUIZ_WRONG);
      expect(allWrong.status).toBe(201);
      expect(allWrong.body).toEqual({ score: 0, passed: false, attemptNumber: 1, attemptsLeft: null, enrolmentStatus: 'active' });

      // multiple choice: a subset or a superset of the right options is wrong
      const partial = await submit(learner, enrolmentId, [[1], [0], [0], [1, 2, 0]]);
      expect(partial.body).toMatchObject({ score: 50, passed: false, attemptNumber: 2 });

      const twoRight = await submit(learner, enrolmentId, [QUIZ_RIGHT[0], QUIZ_RIGHT[1], [1], [0]]);
      expect(twoRight.body).toMatchObject({ score: 50, passed: false });

      const threeRight = await submit(learner, enrolmentId, [QUIZ_RIGHT[0], [3, 0], QUIZ_RIGHT[2], [2]]);
      expect(threeRight.body).toMatchObject({ score: 75, passed: true, attemptNumber: 4 });

      const stored = await db.query(`SELECT attempt_number, score, passed FROM quiz_attempts WHERE enrolment_id = $1 ORDER BY attempt_number`, [enrolmentId]);
      expect(stored).toEqual([
        { attempt_number: 1, score: 0, passed: false },
        { attempt_number: 2, score: 50, passed: false },
        { attempt_number: 3, score: 50, passed: false },
        { attempt_number: 4, score: 75, passed: true },
      ]);
    });

    it('refuses answers that do not fit the quiz with 400 naming the field', async () => {
      const course = await createOnlineCourse(api, tenant.trainer, { lessons: 1 });
      const learner = await createPerson(api.app);
      const enrolmentId = await enrol(api, learner, course.id);
      const tooFew = await submit(learner, enrolmentId, [[1]]);
      expect(tooFew.status).toBe(400);
      expect(tooFew.body.details).toEqual([{ field: 'answers', problem: 'must have one entry per question (4)' }]);
      const outside = await submit(learner, enrolmentId, [[1], [0, 9], [0], ['x']]);
      expect(outside.status).toBe(400);
      expect(outside.body.details.map((d: { field: string }) => d.field)).toEqual(['answers[1][1]', 'answers[3][0]']);
      for (const junk of [null, 'abc', [1, 2, 3, 4], {}]) expect((await submit(learner, enrolmentId, junk)).status).toBe(400);
      expect(await db.query(`SELECT 1 FROM quiz_attempts WHERE enrolment_id = $1`, [enrolmentId])).toHaveLength(0);
    });

    it('creates exactly 3 attempts from 10 parallel submissions against a limit of 3', async () => {
      const course = await createOnlineCourse(api, tenant.trainer, { lessons: 1, maxAttempts: 3 });
      const learner = await createPerson(api.app);
      const enrolmentId = await enrol(api, learner, course.id);
      const responses = await Promise.all(Array.from({ length: 10 }, () => submit(learner, enrolmentId, QUIZ_WRONG)));
      const accepted = responses.filter((r) => r.status === 201);
      const refused = responses.filter((r) => r.status === 409);
      expect(accepted).toHaveLength(3);
      expect(refused).toHaveLength(7);
      for (const r of refused) expect(r.body.code).toBe('enrolment.quiz-attempts-exhausted');
      expect(accepted.map((r) => r.body.attemptNumber).sort()).toEqual([1, 2, 3]);
      expect(accepted.map((r) => r.body.attemptsLeft).sort()).toEqual([0, 1, 2]);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE enrolment_id = $1`, [enrolmentId]);
      expect(n).toBe(3);
      // the right answers are too late now
      expect((await submit(learner, enrolmentId, QUIZ_RIGHT)).status).toBe(409);
    });

    it('never sends the correct answers in any learner-facing response', async () => {
      const course = await createOnlineCourse(api, tenant.trainer, { lessons: 2, maxAttempts: 5, chainRoles: ['deeper-conversation'] });
      const learner = await createPerson(api.app);
      const enrolmentId = await enrol(api, learner, course.id);
      const responses = [
        await api.http().get('/api/courses?limit=100&chainRole=deeper-conversation'),
        await api.http().get(`/api/courses/${course.id}`).set(learner.auth),
        await api.http().get(`/api/courses/${course.slug}`),
        await api.http().get(`/api/courses/${course.id}/lessons`).set(learner.auth),
        await api.http().get(`/api/courses/${course.id}/lessons/${course.lessonIds[0]}`).set(learner.auth),
        await api.http().get(`/api/courses/${course.id}/quiz`).set(learner.auth),
        await api.http().get(`/api/courses/${course.id}/quiz`).set(tenant.learner.auth),
        await api.http().get('/api/learning-paths/deeper-conversation').set(learner.auth),
        await api.http().get(`/api/enrolments/${enrolmentId}/quiz`).set(learner.auth),
        await submit(learner, enrolmentId, QUIZ_WRONG),
        await completeLesson(learner, enrolmentId, course.lessonIds[0]),
        await submit(learner, enrolmentId, QUIZ_RIGHT),
        await api.http().get(`/api/enrolments/${enrolmentId}`).set(learner.auth),
        await api.http().get('/api/me/enrolments').set(learner.auth),
      ];
      for (const [i, response] of responses.entries()) {
        expect({ call: i, ok: response.status < 300 }).toEqual({ call: i, ok: true });
        const keys = allKeys(response.body);
        for (const forbidden of ['correct', 'answers', 'correctAnswers', 'solution']) expect(keys.has(forbidden)).toBe(false);
      }
      const quiz = responses[5].body;
      expect(quiz.questions).toEqual(QUIZ_QUESTIONS.map((q, i) => ({ prompt: q.prompt, options: q.options, kind: i % 2 ? 'multiple' : 'single' })));
    });
  });

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
