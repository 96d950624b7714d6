import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/app';
import { insertCourse } from '../../factories/course.factory';
import { requestEnrolment } from '../../factories/enrolment.factory';
import { createTenant, createTrainer } from '../../factories/organisation.factory';
import { createPerson, createPlatformAdmin, type Person } from '../../factories/person.factory';
import { meetingsHaveStarted, scheduleSession, type SessionBody } from '../../factories/session.factory';

describe('attendance and completion of live courses', () => {
  let api: TestApi;
  let trainer: Person;

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    trainer = await createTrainer(api.app);
  });
  afterAll(() => api.close());

  const mark = (person: Person, session: SessionBody, records: object[]) =>
    api.http().post(`/api/sessions/${session.id}/attendance`).set(person.auth).send({ records });

  const completions = async (enrolmentId: string) => {
    const ds = api.app.get(DataSource);
    const rows: Array<{ id: string }> = await ds.query(`SELECT id FROM completions WHERE enrolment_id = $1`, [enrolmentId]);
    const outbox: unknown[] = await ds.query(
      `SELECT 1 FROM outbox_events WHERE topic = 'course.completed' AND payload->>'completionId' = ANY($1)`, [rows.map((r) => r.id)]);
    return { completions: rows.length, certificateJobs: outbox.length };
  };

  it('only the session trainers mark: a learner or a trainer of another session who can see it gets 403, outsiders 404', async () => {
    const tenant = await createTenant(api.app);
    const course = await insertCourse(api.app, { author: trainer });
    const open = await scheduleSession(api, trainer, course);
    // Only the organisation's own trainer schedules in-company; she adds the platform trainer.
    const internal = await scheduleSession(api, tenant.trainer, course, { visibility: 'in-company', organisationId: tenant.organisation.id, trainerIds: [trainer.user.id] });
    const learner = await createPerson(api.app);
    const enrolment = (await requestEnrolment(api, learner, course.id, open.id)).body;
    const otherTrainer = await createTrainer(api.app);
    await scheduleSession(api, otherTrainer, await insertCourse(api.app, { author: otherTrainer }));
    const records = [{ enrolmentId: enrolment.id, present: true }];

    expect((await mark(learner, open, records)).status).toBe(403);
    expect((await mark(otherTrainer, open, records)).status).toBe(403);
    expect((await mark(await createPlatformAdmin(api.app), open, records)).status).toBe(403);
    expect((await mark(otherTrainer, internal, records)).status).toBe(404);
    expect((await mark(learner, internal, records)).status).toBe(404);
    expect(await api.app.get(DataSource).query(`SELECT 1 FROM attendance WHERE enrolment_id = $1`, [enrolment.id])).toHaveLength(0);
  });

  it('completes a live course when every meeting is attended, and writes the certificate row once', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const session = await scheduleSession(api, trainer, course);
    const learner = await createPerson(api.app);
    const enrolment = (await requestEnrolment(api, learner, course.id, session.id)).body;
    const [m1, m2] = session.meetings;
    await meetingsHaveStarted(api.app, session.id);

    const first = await mark(trainer, session, [{ enrolmentId: enrolment.id, meetingId: m1.id, present: true }, { enrolmentId: enrolment.id, meetingId: m2.id, present: false }]);
    expect(first.body).toEqual({ recorded: 2, completedEnrolmentIds: [] });
    expect(await completions(enrolment.id)).toEqual({ completions: 0, certificateJobs: 0 });

    const second = await mark(trainer, session, [{ enrolmentId: enrolment.id, meetingId: m2.id, present: true }]);
    expect(second.body).toEqual({ recorded: 1, completedEnrolmentIds: [enrolment.id] });
    expect(await completions(enrolment.id)).toEqual({ completions: 1, certificateJobs: 1 });
    const again = await mark(trainer, session, [{ enrolmentId: enrolment.id, present: true }]);
    expect(again.body).toEqual({ recorded: 2, completedEnrolmentIds: [] });
    expect(await completions(enrolment.id)).toEqual({ completions: 1, certificateJobs: 1 });
  });

  it('marking twice in parallel: one record per meeting, one completion', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const session = await scheduleSession(api, trainer, course);
    const learners = await Promise.all(Array.from({ length: 5 }, () => createPerson(api.app)));
    const enrolments = [];
    for (const l of learners) enrolments.push((await requestEnrolment(api, l, course.id, session.id)).body);
    await meetingsHaveStarted(api.app, session.id);
    const records = enrolments.map((e) => ({ enrolmentId: e.id, present: true }));
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => mark(trainer, session, i % 2 ? [...records].reverse() : records)));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const completedBy = results.flatMap((r) => r.body.completedEnrolmentIds as string[]);
    expect(completedBy.sort()).toEqual(enrolments.map((e) => e.id).sort());
    for (const e of enrolments) {
      expect(await completions(e.id)).toEqual({ completions: 1, certificateJobs: 1 });
      const rows = await api.app.get(DataSource).query(`SELECT meeting_id FROM attendance WHERE enrolment_id = $1`, [e.id]);
      expect(rows).toHaveLength(2);
    }
  });

  it('refuses waitlisted people, enrolments of another session and unknown meetings', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const session = await scheduleSession(api, trainer, course, { capacity: 1 });
    const elsewhere = await scheduleSession(api, trainer, await insertCourse(api.app, { author: trainer }));
    const [a, b, c] = await Promise.all([createPerson(api.app), createPerson(api.app), createPerson(api.app)]);
    await requestEnrolment(api, a, course.id, session.id);
    const waiting = (await requestEnrolment(api, b, course.id, session.id)).body;
    const foreign = (await requestEnrolment(api, c, elsewhere.courseId, elsewhere.id)).body;
    await meetingsHaveStarted(api.app, session.id);
    expect((await mark(trainer, session, [{ enrolmentId: waiting.id, present: true }])).status).toBe(422);
    expect((await mark(trainer, session, [{ enrolmentId: foreign.id, present: true }])).status).toBe(404);
    const unknownMeeting = await mark(trainer, session, [{ enrolmentId: waiting.id, meetingId: elsewhere.meetings[0].id, present: true }]);
    expect(unknownMeeting.status).toBe(400);
    expect(unknownMeeting.body.details).toEqual([{ field: 'records[0].meetingId', problem: 'is not a meeting of this session' }]);
  });

  it('refuses attendance for a meeting that has not started (422), and only marks the meetings that have', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const start = Date.now() + 2 * 3_600_000;
    const session = await scheduleSession(api, trainer, course, {
      meetings: [
        { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString() },
        { startsAt: new Date(start + 7 * 86_400_000).toISOString(), endsAt: new Date(start + 7 * 86_400_000 + 3_600_000).toISOString() },
      ],
    });
    const learner = await createPerson(api.app);
    const enrolment = (await requestEnrolment(api, learner, course.id, session.id)).body;
    const [m1, m2] = session.meetings;

    const early = await mark(trainer, session, [{ enrolmentId: enrolment.id, meetingId: m1.id, present: true }]);
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'enrolment.meeting-not-started', details: [{ field: 'records[0].meetingId', problem: 'has not started yet' }] });
    const all = await mark(trainer, session, [{ enrolmentId: enrolment.id, present: true }]);
    expect(all.status).toBe(422);

    // The first meeting began ten minutes ago; the second is next week.
    const ds = api.app.get(DataSource);
    await ds.query(`UPDATE meetings SET starts_at = now() - interval '10 minutes', ends_at = now() + interval '50 minutes' WHERE id = $1`, [m1.id]);
    expect((await mark(trainer, session, [{ enrolmentId: enrolment.id, meetingId: m2.id, present: true }])).status).toBe(422);
    const now = await mark(trainer, session, [{ enrolmentId: enrolment.id, present: true }]);
    expect(now.body).toEqual({ recorded: 1, completedEnrolmentIds: [] });
    expect(await ds.query(`SELECT meeting_id AS "meetingId" FROM attendance WHERE enrolment_id = $1`, [enrolment.id])).toEqual([{ meetingId: m1.id }]);
  });

  it('a trainer cannot mark her own enrolment in a session she trains (403); a co-trainer can', async () => {
    const coTrainer = await createTrainer(api.app);
    const course = await insertCourse(api.app, { author: trainer });
    const session = await scheduleSession(api, trainer, course, { trainerIds: [coTrainer.user.id] });
    const own = (await requestEnrolment(api, trainer, course.id, session.id)).body;
    await meetingsHaveStarted(api.app, session.id);

    const self = await mark(trainer, session, [{ enrolmentId: own.id, present: true }]);
    expect(self.status).toBe(403);
    expect(self.body).toMatchObject({ code: 'enrolment.own-attendance', details: [{ field: 'records[0].enrolmentId', problem: 'is your own enrolment' }] });
    expect(await api.app.get(DataSource).query(`SELECT 1 FROM attendance WHERE enrolment_id = $1`, [own.id])).toHaveLength(0);
    expect((await mark(coTrainer, session, [{ enrolmentId: own.id, present: true }])).status).toBe(200);
  });
});
