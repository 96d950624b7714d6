import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/app';
import { completeCourse } from '../../factories/completion.factory';
import { insertCourse, insertOnlineCourse } from '../../factories/course.factory';
import { requestEnrolment } from '../../factories/enrolment.factory';
import { createTrainer } from '../../factories/organisation.factory';
import { outboxRows } from '../../factories/outbox-event.factory';
import { createLearners, createPerson, Person } from '../../factories/person.factory';
import { insertSessionIn, scheduleSession, sessionState } from '../../factories/session.factory';

const iso = (ms: number) => new Date(ms).toISOString();

describe('enrolment in a session: the rules', () => {
  let api: TestApi;
  let trainer: Person;

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    trainer = await createTrainer(api.app);
  });
  afterAll(() => api.close());

  describe('enrolment rules', () => {
    it('refuses after the deadline or the start (422), and a cancelled session (409)', async () => {
      const course = await insertCourse(api.app, { author: trainer });
      const [learner] = await createLearners(api.app, 1);
      const late = await scheduleSession(api, trainer, course, { enrolmentDeadline: iso(Date.now() + 1000) });
      const cancelled = await scheduleSession(api, trainer, course);
      const started = await scheduleSession(api, trainer, course);
      await api.app.get(DataSource).query(`UPDATE sessions SET enrolment_deadline = now() - interval '1 minute' WHERE id = $1`, [late.id]);
      await api.app.get(DataSource).query(`UPDATE sessions SET starts_at = now() - interval '1 minute' WHERE id = $1`, [started.id]);
      expect((await api.http().post(`/api/sessions/${cancelled.id}/cancel`).set(trainer.auth)).status).toBe(200);

      expect((await requestEnrolment(api, learner, course.id, late.id)).status).toBe(422);
      expect((await requestEnrolment(api, learner, course.id, started.id)).status).toBe(422);
      expect((await requestEnrolment(api, learner, course.id, cancelled.id)).status).toBe(409);
      const unknown = await requestEnrolment(api, learner, course.id, '6f1c2a8e-2d7b-4a58-9a53-0c9c8b1d2e3f');
      expect(unknown.status).toBe(404);
      expect(await api.app.get(DataSource).query(`SELECT 1 FROM enrolments WHERE user_id = $1`, [learner.user.id])).toHaveLength(0);
    });

    it("checks the course before the seat, in the seat statement: not published, a prerequisite missing, online, or by organisation only", async () => {
      const db = api.app.get(DataSource);
      const [learner] = await createLearners(api.app, 1);
      const unknownSession = '6f1c2a8e-2d7b-4a58-9a53-0c9c8b1d2e3f';
      const refused = async (courseId: string, sessionId: string, status: number, code: string) => {
        const response = await requestEnrolment(api, learner, courseId, sessionId);
        expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
        return response;
      };

      // The course's refusals come first, also for a session that does not exist.
      const draft = await insertCourse(api.app, { author: trainer, status: 'draft' });
      const draftSession = await insertSessionIn(api.app, draft.id, 48);
      await refused(draft.id, draftSession.id, 404, 'enrolment.course-not-found');
      await refused(draft.id, unknownSession, 404, 'enrolment.course-not-found');

      const first = await insertOnlineCourse(api.app, { author: trainer });
      const next = await insertCourse(api.app, { author: trainer });
      await db.query(`INSERT INTO course_prerequisites (course_id, prerequisite_id) VALUES ($1, $2)`, [next.id, first.id]);
      const nextSession = await insertSessionIn(api.app, next.id, 48);
      const missing = await refused(next.id, nextSession.id, 422, 'enrolment.prerequisite-missing');
      expect(missing.body.message).toContain(first.title);
      await refused(next.id, unknownSession, 422, 'enrolment.prerequisite-missing');

      const online = await insertOnlineCourse(api.app, { author: trainer });
      await refused(online.id, (await insertSessionIn(api.app, online.id, 48)).id, 400, 'enrolment.online-has-no-sessions');

      const byOrganisation = await insertCourse(api.app, { author: trainer, access: 'by-organisation' });
      const openSession = await insertSessionIn(api.app, byOrganisation.id, 48);
      await refused(byOrganisation.id, openSession.id, 403, 'enrolment.seat-required');

      // Nothing was written by a refusal; with the prerequisite met the seat is taken.
      expect(await db.query(`SELECT 1 FROM enrolments WHERE user_id = $1`, [learner.user.id])).toHaveLength(0);
      for (const id of [draftSession.id, nextSession.id, openSession.id]) expect((await sessionState(api.app, id)).session.confirmed_count).toBe(0);
      await completeCourse(api.app, learner.user.id, first.id);
      const accepted = await requestEnrolment(api, learner, next.id, nextSession.id);
      expect({ status: accepted.status, state: accepted.body.status }).toEqual({ status: 201, state: 'confirmed' });
      expect((await sessionState(api.app, nextSession.id)).session.confirmed_count).toBe(1);
    });

    it('one learner sending 50 parallel enrolments gets one row, and the same enrolment back', async () => {
      const course = await insertCourse(api.app, { author: trainer });
      const session = await scheduleSession(api, trainer, course, { capacity: 5 });
      const learner = await createPerson(api.app);
      const responses = await Promise.all(Array.from({ length: 50 }, () => requestEnrolment(api, learner, course.id, session.id)));
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
      const course = await insertCourse(api.app, { author: trainer });
      const [a, b] = await Promise.all([scheduleSession(api, trainer, course), scheduleSession(api, trainer, course)]);
      const learners = await createLearners(api.app, 10);
      const results = await Promise.all(learners.flatMap((l) => [requestEnrolment(api, l, course.id, a.id), requestEnrolment(api, l, course.id, b.id)]));
      expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      expect(results.filter((r) => r.status === 201)).toHaveLength(10);
      const [row] = await api.app.get(DataSource).query(
        `SELECT count(*)::int AS n, count(DISTINCT user_id)::int AS people FROM enrolments WHERE course_id = $1`, [course.id]);
      expect(row).toEqual({ n: 10, people: 10 });
      const [sa, sb] = await Promise.all([sessionState(api.app, a.id), sessionState(api.app, b.id)]);
      expect(sa.session.confirmed_count + sb.session.confirmed_count).toBe(10);
    });
  });
});
