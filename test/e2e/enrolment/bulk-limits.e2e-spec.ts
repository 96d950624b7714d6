import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { daysFromNow } from '../../support/values';
import { waitFor } from '../../support/wait-for';
import { insertCourse, insertOnlineCourse } from '../../factories/course.factory';
import { insertLicence } from '../../factories/order.factory';
import { addMember, createOrganisation, createTenant, createTrainer, type Tenant } from '../../factories/organisation.factory';
import { createPerson, type Person } from '../../factories/person.factory';
import { insertSessionIn, meetingsHaveStarted, scheduleSession } from '../../factories/session.factory';

/**
 * Trust 17: a bulk row gets exactly the answer a single enrolment of the same person would
 * get. Every refusal of a single enrolment is put in one file, between good rows, through
 * both bulk paths (POST /api/enrolments/bulk and the import job); each bad row fails with the
 * single path's code and message, the good rows go through, and the refused rows change no
 * enrolment, session counter, licence or outbox row. (A full session is no refusal: sessions
 * always take a waitlist, in file order; bulk-enrolment.e2e-spec.ts proves that.)
 */
interface Limit {
  name: string;
  code: string;
  courseId: string;
  sessionId?: string;
  licenceId?: string;
  /** An existing account outside the organisation, instead of a new address. */
  outsider?: boolean;
}

interface SingleAnswer {
  statusCode: number;
  code: string;
  message: string;
}

describe('bulk enrolment applies every limit of a single enrolment (trust 17)', () => {
  let dropDatabase: () => Promise<void>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let tenant: Tenant;
  let trainer: Person;

  beforeAll(async () => {
    dropDatabase = await isolateRun('blim');
    api = await startApi();
    worker = await startWorker();
    [tenant, trainer] = await Promise.all([createTenant(api.app, 'Gemeente Grensdam'), createTrainer(api.app)]);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await dropDatabase?.();
  });

  const db = () => api.app.get(DataSource);

  /** Fresh courses, sessions and licences per run, each in the state that makes single enrolment refuse. */
  async function limits(): Promise<Limit[]> {
    const app = api.app;
    const done = await insertOnlineCourse(app, { title: 'Eerst dit' });
    const needsIt = await insertOnlineCourse(app, { title: 'Daarna dat' });
    await db().query(`INSERT INTO course_prerequisites (course_id, prerequisite_id) VALUES ($1, $2)`, [needsIt.id, done.id]);

    const live = await insertCourse(app, { author: trainer, format: 'live' });
    const [deadline, started, cancelled] = await Promise.all([1, 2, 3].map(() => scheduleSession(api, trainer, live, { capacity: 5 })));
    await db().query(`UPDATE sessions SET enrolment_deadline = now() - interval '1 day' WHERE id = $1`, [deadline.id]);
    await meetingsHaveStarted(app, started.id);
    await db().query(`UPDATE sessions SET status = 'cancelled' WHERE id = $1`, [cancelled.id]);

    const byOrgOnline = await insertOnlineCourse(app, { access: 'by-organisation' });
    const byOrgLive = await insertCourse(app, { author: trainer, format: 'live', access: 'by-organisation' });
    const openSessionOfByOrg = await scheduleSession(api, trainer, byOrgLive, { capacity: 5 });

    const usedUp = await insertOnlineCourse(app, { access: 'by-organisation' });
    const usedUpLicence = await insertLicence(app, { organisationId: tenant.organisation.id, courseId: usedUp.id, seats: 1 });
    const holder = await newMember();
    expect((await single(holder, usedUp.id)).status).toBe(201); // the one seat is taken before the file

    const expired = await insertOnlineCourse(app, { access: 'by-organisation' });
    const expiredLicence = await insertLicence(app, { organisationId: tenant.organisation.id, courseId: expired.id, seats: 10, expiresAt: daysFromNow(-1) });

    const open = await insertOnlineCourse(app);
    const draft = await insertOnlineCourse(app, { status: 'draft' });
    const otherLive = await insertCourse(app, { author: trainer, format: 'live' });
    const elsewhere = await insertSessionIn(app, otherLive.id, 24 * 30);
    const otherOrganisation = await createOrganisation(app);
    await db().query(`UPDATE sessions SET visibility = 'in-company', organisation_id = $2 WHERE id = $1`, [elsewhere.id, otherOrganisation.id]);
    const someSession = await scheduleSession(api, trainer, live, { capacity: 5 });

    return [
      { name: 'prerequisite missing', code: 'enrolment.prerequisite-missing', courseId: needsIt.id },
      { name: 'enrolment deadline passed', code: 'enrolment.deadline-passed', courseId: live.id, sessionId: deadline.id },
      { name: 'session started', code: 'enrolment.session-started', courseId: live.id, sessionId: started.id },
      { name: 'session cancelled', code: 'enrolment.session-cancelled', courseId: live.id, sessionId: cancelled.id },
      { name: 'by-organisation online course without a licence', code: 'enrolment.seat-required', courseId: byOrgOnline.id },
      { name: 'by-organisation course, open session, no licence', code: 'enrolment.seat-required', courseId: byOrgLive.id, sessionId: openSessionOfByOrg.id },
      { name: 'licence seats used up', code: 'licence.no-seats-left', courseId: usedUp.id, licenceId: usedUpLicence },
      { name: 'licence expired', code: 'licence.expired', courseId: expired.id, licenceId: expiredLicence },
      { name: 'not a member of the organisation (an existing account)', code: 'enrolment.learner-not-found', courseId: open.id, outsider: true },
      { name: 'course not published', code: 'enrolment.course-not-found', courseId: draft.id },
      { name: 'course does not exist', code: 'enrolment.course-not-found', courseId: randomUUID() },
      { name: 'session does not exist', code: 'enrolment.session-not-found', courseId: live.id, sessionId: randomUUID() },
      { name: "session of another course", code: 'enrolment.session-not-found', courseId: otherLive.id, sessionId: someSession.id },
      { name: "another organisation's in-company session", code: 'enrolment.learner-not-found', courseId: otherLive.id, sessionId: elsewhere.id },
      { name: 'live course without a session', code: 'enrolment.session-required', courseId: live.id },
      { name: 'online course with a session', code: 'enrolment.online-has-no-sessions', courseId: open.id, sessionId: someSession.id },
    ];
  }

  async function newMember(): Promise<Person> {
    const person = await createPerson(api.app);
    await addMember(api.app, tenant.organisation, person, ['learner']);
    return person;
  }

  const single = (learner: Person, courseId: string, sessionId?: string) =>
    api.http().post('/api/enrolments').set(tenant.admin.auth).send({ courseId, userId: learner.user.id, ...(sessionId ? { sessionId } : {}) });

  /** What a single enrolment answers a person in the row's place (a fresh member, or a fresh outsider). */
  async function singleAnswer(limit: Limit): Promise<SingleAnswer> {
    const twin = limit.outsider ? await createPerson(api.app) : await newMember();
    const response = await single(twin, limit.courseId, limit.sessionId);
    const { statusCode, code, message } = response.body as SingleAnswer;
    return { statusCode, code, message };
  }

  /** Everything a refused row could have touched: the course's enrolments, the session's counters, the licence. */
  async function footprint(limits: Limit[]): Promise<unknown> {
    return db().query(
      `SELECT l.ord,
              (SELECT count(*)::int FROM enrolments e WHERE e.course_id = l.course_id) AS enrolments,
              (SELECT row(s.confirmed_count, s.waitlist_count)::text FROM sessions s WHERE s.id = l.session_id) AS session,
              (SELECT used FROM licences WHERE id = l.licence_id) AS used
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) WITH ORDINALITY AS l(course_id, session_id, licence_id, ord) ORDER BY l.ord`,
      [limits.map((l) => l.courseId), limits.map((l) => l.sessionId ?? null), limits.map((l) => l.licenceId ?? null)],
    );
  }

  /** Rows: good, bad, good, bad, …, good. Returns the file's lines (without header) and who is on each. */
  async function file(limits: Limit[], goodCourseId: string, tag: string): Promise<Array<{ email: string; courseId: string; sessionId: string; limit?: Limit }>> {
    const rows: Array<{ email: string; courseId: string; sessionId: string; limit?: Limit }> = [];
    const good = (i: number) => ({ email: `goed-${tag}-${i}@grensdam.test`, courseId: goodCourseId, sessionId: '' });
    rows.push(good(0));
    for (const [i, limit] of limits.entries()) {
      const email = limit.outsider ? (await createPerson(api.app)).user.email : `fout-${tag}-${i}@grensdam.test`;
      rows.push({ email, courseId: limit.courseId, sessionId: limit.sessionId ?? '', limit });
      rows.push(good(i + 1));
    }
    return rows;
  }

  async function refusedLeftNoTrace(emails: string[]): Promise<void> {
    const [{ enrolments, told }] = await db().query(
      `SELECT (SELECT count(*)::int FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email = ANY($1)) AS enrolments,
              (SELECT count(*)::int FROM outbox_events o JOIN users u ON u.id::text = o.payload->>'userId'
                WHERE u.email = ANY($1) AND o.topic LIKE 'enrolment.%') AS told`,
      [emails],
    );
    expect({ enrolments, told }).toEqual({ enrolments: 0, told: 0 });
  }

  it('POST /api/enrolments/bulk: each bad row fails with the single path\'s status, code and message; the good rows between them are enrolled', async () => {
    const cases = await limits();
    const goodCourse = await insertOnlineCourse(api.app);
    const rows = await file(cases, goodCourse.id, 'bulk');
    const before = await footprint(cases);

    const csv = ['email,name,courseId,sessionId', ...rows.map((r) => `${r.email},Iemand Uit Grensdam,${r.courseId},${r.sessionId}`)].join('\n');
    const response = await api.http().post(`/api/enrolments/bulk?organisationId=${tenant.organisation.id}`).set(tenant.admin.auth).set('Content-Type', 'text/csv').send(csv);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ total: rows.length, enrolled: cases.length + 1, failed: cases.length });
    const results = response.body.rows as Array<{ row: number; outcome: string; status?: string; error?: SingleAnswer }>;

    expect(await footprint(cases)).toEqual(before);
    await refusedLeftNoTrace(rows.filter((r) => r.limit).map((r) => r.email));

    const got: Array<[string, unknown]> = [];
    const want: Array<[string, unknown]> = [];
    for (const [index, row] of rows.entries()) {
      const result = results[index];
      expect(result.row).toBe(index + 1);
      if (!row.limit) {
        expect(result).toMatchObject({ outcome: 'enrolled', status: 'active' });
        continue;
      }
      const answer = await singleAnswer(row.limit);
      expect({ limit: row.limit.name, code: answer.code }).toEqual({ limit: row.limit.name, code: row.limit.code });
      got.push([row.limit.name, { outcome: result.outcome, ...result.error }]);
      want.push([row.limit.name, { outcome: 'failed', ...answer }]);
    }
    expect(got).toEqual(want);
  });

  it('the import job: each bad row fails with the single path\'s message; the good rows between them are enrolled', async () => {
    const cases = await limits();
    const goodCourse = await insertOnlineCourse(api.app);
    const rows = await file(cases, goodCourse.id, 'import');
    const before = await footprint(cases);

    const csv = ['email,name,chainRoles,courseId,sessionId', ...rows.map((r) => `${r.email},Iemand Uit Grensdam,,${r.courseId},${r.sessionId}`)].join('\n');
    const base = `/api/organisations/${tenant.organisation.id}/imports`;
    const started = await api.http().post(`${base}?dryRun=false`).set(tenant.admin.auth).set('Content-Type', 'text/csv').send(csv);
    expect(started.status).toBe(202);
    await waitFor(async () => (await api.http().get(`${base}/${started.body.id}`).set(tenant.admin.auth)).body,
      (s) => s.state === 'done', { what: 'the import done', timeoutMs: 30_000 });
    const result = await api.http().get(`${base}/${started.body.id}/result.csv`).set(tenant.admin.auth);
    const lines = parse(result.text, { columns: true }) as Array<{ row: string; outcome: string; problem: string }>;
    expect(lines).toHaveLength(rows.length);

    expect(await footprint(cases)).toEqual(before);
    await refusedLeftNoTrace(rows.filter((r) => r.limit).map((r) => r.email));

    const got: Array<[string, unknown]> = [];
    const want: Array<[string, unknown]> = [];
    for (const [index, row] of rows.entries()) {
      const line = lines[index];
      expect(line.row).toBe(String(index + 1));
      if (!row.limit) {
        expect({ row: line.row, outcome: line.outcome }).toEqual({ row: line.row, outcome: 'enrolled' });
        continue;
      }
      const answer = await singleAnswer(row.limit);
      expect({ limit: row.limit.name, code: answer.code }).toEqual({ limit: row.limit.name, code: row.limit.code });
      got.push([row.limit.name, { outcome: line.outcome, problem: line.problem }]);
      want.push([row.limit.name, { outcome: 'failed', problem: answer.message }]);
    }
    expect(got).toEqual(want);
  });

});
