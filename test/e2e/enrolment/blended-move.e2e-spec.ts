import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/app';
import { createCourse, createOnlineCourse, publish, type TestCourse } from '../../factories/course.factory';
import { enrol, requestEnrolment } from '../../factories/enrolment.factory';
import { addLessons } from '../../factories/lesson.factory';
import { createTrainer } from '../../factories/organisation.factory';
import { outboxRows } from '../../factories/outbox-event.factory';
import { createPerson, Person } from '../../factories/person.factory';
import { putQuiz, QUIZ_WRONG } from '../../factories/quiz.factory';
import { scheduleSession, sessionState } from '../../factories/session.factory';

/** Issue 12: a learner doing the online part of a blended course who picks a session is moved into it. */
describe('blended courses: from the online part into a session', () => {
  let api: TestApi;
  let db: DataSource;
  let trainer: Person;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    trainer = await createTrainer(api.app);
  });
  afterAll(() => api.close());

  async function blendedCourse(): Promise<TestCourse> {
    const course = await createCourse(api, trainer, { format: 'blended' });
    await addLessons(api, trainer, course, 3);
    await putQuiz(api, trainer, course.id);
    await publish(api, trainer, course.id);
    return course;
  }

  const completeLesson = (who: Person, enrolmentId: string, lessonId: string) =>
    api.http().post(`/api/enrolments/${enrolmentId}/lessons/${lessonId}/complete`).set(who.auth);

  it('moves the online enrolment into the session (same id, 200), keeping lessons and quiz attempts', async () => {
    const course = await blendedCourse();
    const session = await scheduleSession(api, trainer, course, { capacity: 5 });
    const learner = await createPerson(api.app);
    const enrolmentId = await enrol(api, learner, course.id);
    expect((await completeLesson(learner, enrolmentId, course.lessonIds[0])).status).toBe(200);
    expect((await completeLesson(learner, enrolmentId, course.lessonIds[1])).status).toBe(200);
    expect((await api.http().post(`/api/enrolments/${enrolmentId}/quiz-attempts`).set(learner.auth).send({ answers: QUIZ_WRONG })).status).toBe(201);

    const moved = await requestEnrolment(api, learner, course.id, session.id);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: enrolmentId, sessionId: session.id, status: 'confirmed' });

    const detail = await api.http().get(`/api/enrolments/${enrolmentId}`).set(learner.auth);
    expect(detail.body).toMatchObject({ status: 'confirmed', sessionId: session.id, progress: { lessonsCompleted: 2, lessonCount: 3, attemptsUsed: 1 } });
    expect(await db.query(`SELECT id FROM enrolments WHERE user_id = $1`, [learner.user.id])).toHaveLength(1);
    const state = await sessionState(api.app, session.id);
    expect(state.session).toMatchObject({ confirmed_count: 1, waitlist_count: 0 });
    expect(await outboxRows(api.app, 'enrolment.confirmed', session.id)).toEqual([expect.objectContaining({ enrolmentId, userId: learner.user.id })]);

    // The same request again is the same answer; the online part asked for again is still 409.
    const again = await requestEnrolment(api, learner, course.id, session.id);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(enrolmentId);
    expect((await requestEnrolment(api, learner, course.id)).status).toBe(409);
    expect((await sessionState(api.app, session.id)).session.confirmed_count).toBe(1);
    // The learner goes on with the module in the session.
    expect((await completeLesson(learner, enrolmentId, course.lessonIds[2])).status).toBe(200);
  });

  it('puts her at the end of the line when the session is full, and another session of the course stays 409', async () => {
    const course = await blendedCourse();
    const session = await scheduleSession(api, trainer, course, { capacity: 1 });
    const other = await scheduleSession(api, trainer, course, { capacity: 5, inDays: 40 });
    const first = await createPerson(api.app);
    await enrol(api, first, course.id, session.id);
    const learner = await createPerson(api.app);
    const enrolmentId = await enrol(api, learner, course.id);
    await completeLesson(learner, enrolmentId, course.lessonIds[0]);

    const moved = await requestEnrolment(api, learner, course.id, session.id);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: enrolmentId, status: 'waitlisted', waitlistPosition: 1 });
    expect((await sessionState(api.app, session.id)).session).toMatchObject({ confirmed_count: 1, waitlist_count: 1 });
    expect((await db.query(`SELECT 1 FROM lesson_progress WHERE enrolment_id = $1`, [enrolmentId])).length).toBe(1);

    const elsewhere = await requestEnrolment(api, learner, course.id, other.id);
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.code).toBe('enrolment.already-enrolled');
  });

  it('moves once when the same move arrives twice at once (one seat counted)', async () => {
    const course = await blendedCourse();
    const session = await scheduleSession(api, trainer, course, { capacity: 3 });
    const learner = await createPerson(api.app);
    const enrolmentId = await enrol(api, learner, course.id);
    const answers = await Promise.all([1, 2, 3].map(() => requestEnrolment(api, learner, course.id, session.id)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.id))).toEqual(new Set([enrolmentId]));
    const state = await sessionState(api.app, session.id);
    expect(state.session).toMatchObject({ confirmed_count: 1, waitlist_count: 0 });
    expect(state.enrolments).toHaveLength(1);
    expect(await outboxRows(api.app, 'enrolment.confirmed', session.id)).toHaveLength(1);
  });

  it('keeps refusing a session move for a cancelled session, and keeps the online enrolment as it was', async () => {
    const course = await blendedCourse();
    const session = await scheduleSession(api, trainer, course);
    expect((await api.http().post(`/api/sessions/${session.id}/cancel`).set(trainer.auth).send({})).status).toBeLessThan(300);
    const learner = await createPerson(api.app);
    const enrolmentId = await enrol(api, learner, course.id);
    expect((await requestEnrolment(api, learner, course.id, session.id)).status).toBe(409);
    const [row] = await db.query(`SELECT status, session_id FROM enrolments WHERE id = $1`, [enrolmentId]);
    expect(row).toEqual({ status: 'active', session_id: null });
  });

  it('does not touch an online course: a session there is still refused', async () => {
    const course = await createOnlineCourse(api, trainer, { lessons: 1 });
    const learner = await createPerson(api.app);
    await enrol(api, learner, course.id);
    expect((await requestEnrolment(api, learner, course.id, '00000000-0000-4000-8000-000000000000')).status).toBe(400);
  });
});
