import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/app';
import { allKeys } from '../../support/values';
import { createOnlineCourse } from '../../factories/course.factory';
import { enrol } from '../../factories/enrolment.factory';
import { createTenant, Tenant, grantPlatformTrainer } from '../../factories/organisation.factory';
import { createPerson, Person } from '../../factories/person.factory';
import { QUIZ_QUESTIONS, QUIZ_RIGHT, QUIZ_WRONG } from '../../factories/quiz.factory';

describe('online modules: the quiz', () => {
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

  const completeLesson = (who: Person, enrolmentId: string, lessonId: string) =>
    api.http().post(`/api/enrolments/${enrolmentId}/lessons/${lessonId}/complete`).set(who.auth);
  const submit = (who: Person, enrolmentId: string, answers: unknown) =>
    api.http().post(`/api/enrolments/${enrolmentId}/quiz-attempts`).set(who.auth).send({ answers });

  describe('quiz', () => {
    it('grades single and multiple choice on the server, and passes exactly at the pass mark', async () => {
      // 4 questions, pass mark 75: three right passes, two right fails
      const course = await createOnlineCourse(api, tenant.trainer, { lessons: 1, passMark: 75, maxAttempts: 5 });
      const learner = await createPerson(api.app);
      const enrolmentId = await enrol(api, learner, course.id);

      const allWrong = await submit(learner, enrolmentId, QUIZ_WRONG);
      expect(allWrong.status).toBe(201);
      expect(allWrong.body).toEqual({ score: 0, passed: false, correctCount: 0, questionCount: 4, attemptNumber: 1, attemptsLeft: 4, enrolmentStatus: 'active' });

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

    it('a quiz saved without a limit allows 3 attempts, and a failed attempt says how many are right, not which', async () => {
      const course = await createOnlineCourse(api, tenant.trainer, { lessons: 1, passMark: 100 });
      const quiz = await api.http().get(`/api/courses/${course.id}/quiz`).set(tenant.trainer.auth);
      expect(quiz.body.maxAttempts).toBe(3);
      const learner = await createPerson(api.app);
      const enrolmentId = await enrol(api, learner, course.id);

      const oneWrong = [QUIZ_RIGHT[0], QUIZ_RIGHT[1], QUIZ_RIGHT[2], QUIZ_WRONG[3]];
      const first = await submit(learner, enrolmentId, oneWrong);
      // exactly these keys: nothing per question (no "results", "correct", "wrongQuestions")
      expect(first.body).toEqual({ score: 75, passed: false, correctCount: 3, questionCount: 4, attemptNumber: 1, attemptsLeft: 2, enrolmentStatus: 'active' });
      expect((await submit(learner, enrolmentId, QUIZ_WRONG)).body).toMatchObject({ correctCount: 0, attemptsLeft: 1 });
      expect((await submit(learner, enrolmentId, QUIZ_WRONG)).body).toMatchObject({ attemptNumber: 3, attemptsLeft: 0 });
      const fourth = await submit(learner, enrolmentId, QUIZ_RIGHT);
      expect(fourth.status).toBe(409);
      expect(fourth.body.code).toBe('enrolment.quiz-attempts-exhausted');
      const detail = await api.http().get(`/api/enrolments/${enrolmentId}`).set(learner.auth);
      expect(detail.body).toMatchObject({ maxAttempts: 3, attemptsLeft: 0 });
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
});
