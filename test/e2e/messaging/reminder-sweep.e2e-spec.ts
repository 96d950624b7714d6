import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { ParsedMail } from 'mailparser';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { JobProducer, OutboxRelay } from '@schakel/jobs';
import { SweepService } from '@schakel/messaging';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { deliveryStates } from '../../support/message-deliveries';
import { type SmtpSink, startSmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import { insertCertificate } from '../../factories/certificate.factory';
import { insertCourse } from '../../factories/course.factory';
import { insertEnrolment } from '../../factories/enrolment.factory';
import { publishEvent } from '../../factories/outbox-event.factory';
import { createPerson, type Person } from '../../factories/person.factory';
import { insertSessionIn } from '../../factories/session.factory';

const DAY = 24 * 3600 * 1000;
/** The header as sent (mailparser folds List-* headers into a structured "list" header). */
const header = (mail: ParsedMail, key: string) => {
  const line = mail.headerLines.find((h) => h.key === key)?.line;
  return line?.slice(line.indexOf(':') + 1).trim();
};

describe('reminders and nudges: swept from PostgreSQL, sent once (real SMTP)', () => {
  let dropDatabase: () => Promise<void>;
  let sink: SmtpSink;
  let api: TestApi;
  let child: ChildProcess | undefined;
  const workers: INestApplicationContext[] = [];
  const sweep = () => api.app.get(SweepService).sweep();
  const db = () => api.app.get(DataSource);
  const ensureWorkers = async () => {
    while (workers.length < 2) workers.push(await startWorker());
  };
  /** Sweeps until no delivery is unfinished (a sweep also re-enqueues claims whose worker died). */
  const settle = () =>
    waitFor(
      async () => {
        await sweep();
        return db().query(`SELECT count(*)::int AS n FROM message_deliveries WHERE state IN ('pending', 'claimed', 'failed')`);
      },
      (rows) => rows[0].n === 0,
      { timeoutMs: 30_000, intervalMs: 500, what: 'every delivery to finish' },
    );
  const mailsTo = (person: Person) => sink.to(person.user.email);
  /** What a Dutch reminder for this session must say now: "Vandaag om 14:00" or "Morgen om 14:00" (Amsterdam). */
  const reminderSubject = async (sessionId: string, course: string) => {
    const [{ starts_at }]: Array<{ starts_at: Date }> = await db().query(`SELECT starts_at FROM sessions WHERE id = $1`, [sessionId]);
    const start = DateTime.fromJSDate(starts_at, { zone: 'Europe/Amsterdam' });
    const days = Math.round(start.startOf('day').diff(DateTime.now().setZone('Europe/Amsterdam').startOf('day'), 'days').days);
    if (days > 1) return `Over ${days} dagen: ${course}`;
    return `${days === 0 ? 'Vandaag' : 'Morgen'} om ${start.toFormat('HH:mm')}: ${course}`;
  };

  beforeAll(async () => {
    dropDatabase = await isolateRun('msg');
    sink = await startSmtpSink();
    Object.assign(process.env, {
      SMTP_URL: sink.url,
      SWEEP_INTERVAL_SECONDS: '3600',
      MESSAGE_RETRY_DELAY_MS: '200',
      MESSAGE_CLAIM_LEASE_SECONDS: '3',
      MESSAGE_DAILY_LIMIT: '3',
    });
    api = await startApi();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    for (const worker of workers) await worker.close();
    await api?.close();
    await sink?.stop();
    await dropDatabase?.();
  });

  it('three sweeps at once, every job twice, a worker killed mid-send: one reminder per confirmed learner', async () => {
    const soon = await insertCourse(api.app, { title: 'Het eerste gesprek' });
    const later = await insertCourse(api.app, { title: 'Verdiepend gesprek' });
    const far = await insertCourse(api.app);
    const tomorrow = await insertSessionIn(api.app, soon.id, 20); // enrolled 20 hours ahead: only the 1-day reminder
    const inThreeDays = await insertSessionIn(api.app, later.id, 72);
    const inTenDays = await insertSessionIn(api.app, far.id, 240);

    const confirmed = await Promise.all([1, 2, 3, 4, 5, 6].map(() => createPerson(api.app)));
    const [cancelled, waitlisted, weekAhead1, weekAhead2, tooEarly] = await Promise.all([1, 2, 3, 4, 5].map(() => createPerson(api.app)));
    const enrolmentIds: string[] = [];
    for (const person of confirmed) {
      enrolmentIds.push(await insertEnrolment(api.app, { userId: person.user.id, courseId: soon.id, sessionId: tomorrow.id, status: 'confirmed' }));
    }
    await insertEnrolment(api.app, { userId: cancelled.user.id, courseId: soon.id, sessionId: tomorrow.id, status: 'cancelled' });
    await insertEnrolment(api.app, { userId: waitlisted.user.id, courseId: soon.id, sessionId: tomorrow.id, status: 'waitlisted' });
    for (const person of [weekAhead1, weekAhead2]) {
      await insertEnrolment(api.app, { userId: person.user.id, courseId: later.id, sessionId: inThreeDays.id, status: 'confirmed' });
    }
    await insertEnrolment(api.app, { userId: tooEarly.user.id, courseId: far.id, sessionId: inTenDays.id, status: 'confirmed' });

    // Three sweeps at once: the delivery keys let only one of them decide each reminder.
    const results = await Promise.all([sweep(), sweep(), sweep()]);
    expect(results.reduce((sum, r) => sum + r.due, 0)).toBe(8);
    const keys = await deliveryStates(api.app, 'session-reminder:');
    expect(Object.keys(keys).filter((k) => k.includes(tomorrow.id)).every((k) => k.startsWith('session-reminder:1d:'))).toBe(true);
    expect(Object.keys(keys).filter((k) => k.includes(inThreeDays.id)).every((k) => k.startsWith('session-reminder:7d:'))).toBe(true);
    expect(Object.keys(keys).some((k) => k.includes(inTenDays.id))).toBe(false);

    // Every job enqueued a second time under another id.
    const rows: Array<{ id: string }> = await db().query(`SELECT id FROM message_deliveries WHERE kind = 'session-reminder'`);
    for (const { id } of rows) await api.app.get(JobProducer).enqueue('message.send', { deliveryId: id }, { jobId: `dup.${id}` });
    // Someone cancels after the sweep, before the send: the check at send time stops the mail.
    await db().query(`UPDATE enrolments SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [enrolmentIds[5]]);

    // A real worker process takes the jobs; it is killed while its mails are in flight.
    sink.delayMs = 1_500;
    child = spawn(process.execPath, [join(__dirname, '..', '..', '..', 'dist', 'apps', 'worker', 'src', 'main.js')], { env: process.env, stdio: 'ignore' });
    await waitFor(async () => sink.receiving, (n) => n >= 3, { timeoutMs: 30_000, what: 'the worker process to be mid-send' });
    child.kill('SIGKILL');
    await waitFor(async () => sink.dropped, (n) => n >= 1, { what: 'the in-flight mails to be dropped' });
    sink.delayMs = 50;

    // Two more workers carry on; the dead worker's claims are taken over only after their lease.
    await ensureWorkers();
    await settle();

    // 20 hours ahead is today or tomorrow depending on the hour this runs: the subject says which, with the time.
    const expected = await reminderSubject(tomorrow.id, 'Het eerste gesprek');
    for (const person of confirmed.slice(0, 5)) {
      const mails = mailsTo(person);
      expect(mails.map((m) => m.subject)).toEqual([expected]);
      // A reminder is not a nudge: "nudges off" does not silence it, so it offers no unsubscribe.
      expect(header(mails[0], 'list-unsubscribe')).toBeUndefined();
    }
    expect(mailsTo(confirmed[5])).toHaveLength(0);
    expect(mailsTo(cancelled)).toHaveLength(0);
    expect(mailsTo(waitlisted)).toHaveLength(0);
    expect(mailsTo(tooEarly)).toHaveLength(0);
    for (const person of [weekAhead1, weekAhead2]) expect(mailsTo(person).map((m) => m.subject)).toEqual(['Over 3 dagen: Verdiepend gesprek']);

    // Jobs that arrive late (a retry, a stalled job handed back) find the reminder sent.
    const queue = api.app.get(JobProducer).queue('messages');
    for (const { id } of rows) await api.app.get(JobProducer).enqueue('message.send', { deliveryId: id }, { jobId: `late.${id}` });
    await waitFor(
      async () => (await Promise.all(rows.map(({ id }) => queue.getJob(`late.${id}`)))).filter(Boolean).length,
      (left) => left === 0,
      { what: 'the late jobs to finish' },
    );
    // Later sweeps find nothing new.
    expect((await sweep()).due).toBe(0);
    expect(sink.mails.filter((m) => m.subject === expected)).toHaveLength(5);
  });

  it('holds reminders beyond the daily limit, but never a session change', async () => {
    await ensureWorkers();
    const busy = await createPerson(api.app);
    const courses = await Promise.all([1, 2, 3, 4, 5].map((i) => insertCourse(api.app, { title: `Dag ${i}` })));
    const sessions = [];
    for (const course of courses.slice(0, 4)) {
      const session = await insertSessionIn(api.app, course.id, 10);
      const enrolmentId = await insertEnrolment(api.app, { userId: busy.user.id, courseId: course.id, sessionId: session.id, status: 'confirmed' });
      sessions.push({ ...session, enrolmentId });
    }
    const confirmation = await insertSessionIn(api.app, courses[4].id, 24 * 30);
    const enrolmentId = await insertEnrolment(api.app, { userId: busy.user.id, courseId: courses[4].id, sessionId: confirmation.id, status: 'confirmed' });
    await publishEvent(api.app, 'enrolment.confirmed', { enrolmentId, userId: busy.user.id });
    await workers[0].get(OutboxRelay).relayDue();
    await waitFor(async () => mailsTo(busy), (m) => m.length === 1, { what: 'the confirmation' });

    await sweep();
    await settle();
    const states = Object.values(await deliveryStates(api.app, 'session-reminder:1d:')).filter(Boolean);
    const mine: Array<{ state: string; note: string | null }> = await db().query(
      `SELECT state, note FROM message_deliveries WHERE user_id = $1 AND kind = 'session-reminder' ORDER BY state`,
      [busy.user.id],
    );
    expect(states.length).toBeGreaterThan(0);
    expect(mine.map((r) => r.state)).toEqual(['held', 'held', 'sent', 'sent']); // limit 3: the confirmation + 2 reminders
    expect(mine[0].note).toBe('daily limit of 3 reached');
    expect(mailsTo(busy)).toHaveLength(3);

    await db().query(`UPDATE sessions SET sequence = 1, location = 'Bibliotheek, zaal 1' WHERE id = $1`, [sessions[0].id]);
    await publishEvent(api.app, 'session.changed', { sessionId: sessions[0].id, enrolmentId: sessions[0].enrolmentId, userId: busy.user.id, sequence: 1 });
    await workers[0].get(OutboxRelay).relayDue();
    const mails = await waitFor(async () => mailsTo(busy), (m) => m.length === 4, { what: 'the change beyond the limit' });
    expect(mails[3].subject).toBe('Gewijzigd: Dag 1');
    expect(mails[3].text).toContain('Waar: Bibliotheek, zaal 1');
  });

  it('nudges a quiet online module at most twice, warns before a certificate expires, and stops after unsubscribe', async () => {
    await ensureWorkers();
    const learner = await createPerson(api.app, { locale: 'en' });
    const online = await insertCourse(api.app, { format: 'online', title: 'Loneliness basics' });
    const enrolmentId = await insertEnrolment(api.app, { userId: learner.user.id, courseId: online.id, status: 'active', lastActivityAt: new Date(Date.now() - 15 * DAY) });
    const recent = await insertCourse(api.app, { format: 'online' });
    await insertEnrolment(api.app, { userId: learner.user.id, courseId: recent.id, status: 'active', lastActivityAt: new Date(Date.now() - 3 * DAY) });

    await sweep();
    await settle();
    expect(mailsTo(learner).map((m) => m.subject)).toEqual(['Will you continue with Loneliness basics?']);
    await sweep();
    await settle();
    expect(mailsTo(learner)).toHaveLength(1); // not again within 14 days

    const ageNudges = () => db().query(`UPDATE message_deliveries SET created_at = created_at - interval '15 days' WHERE key LIKE $1`, [`module-nudge:${enrolmentId}:%`]);
    await ageNudges();
    await sweep();
    await settle();
    expect(mailsTo(learner)).toHaveLength(2);
    await ageNudges();
    await sweep();
    await settle();
    expect(mailsTo(learner)).toHaveLength(2); // never a third
    expect(Object.keys(await deliveryStates(api.app, `module-nudge:${enrolmentId}`))).toEqual([`module-nudge:${enrolmentId}:1`, `module-nudge:${enrolmentId}:2`]);

    const certified = await insertCourse(api.app, { title: 'Intake' });
    const certificate = await insertCertificate(api.app, { userId: learner.user.id, courseId: certified.id, expiresAt: new Date(Date.now() + 30 * DAY) });
    await sweep();
    await settle();
    const warning = mailsTo(learner)[2];
    expect(warning.subject).toMatch(/^Your certificate expires on \d+ \w+ \d{4}: Intake$/);
    expect(Object.keys(await deliveryStates(api.app, 'certificate-expiring:'))).toEqual([`certificate-expiring:60d:${certificate.id}`]);

    expect(header(warning, 'list-unsubscribe')).toBeUndefined();

    // One click on the nudge's List-Unsubscribe link (RFC 8058 POST) switches nudges off.
    const link = /^<(.+)>$/.exec(String(header(mailsTo(learner)[0], 'list-unsubscribe')))![1];
    const forged = await api.http().post(`/api/unsubscribe?token=${learner.user.id}.AAAA`).send('List-Unsubscribe=One-Click');
    expect(forged.status).toBe(404);
    const clicked = await api.http().post(link.replace('http://schakel.test', '')).type('form').send('List-Unsubscribe=One-Click');
    expect(clicked.status).toBe(200);
    expect((await api.http().get('/api/me/preferences').set(learner.auth)).body).toEqual({ nudges: false });

    await db().query(`UPDATE enrolments SET last_activity_at = now() - interval '20 days' WHERE user_id = $1 AND course_id = $2`, [learner.user.id, recent.id]);
    await sweep();
    await settle();
    expect(mailsTo(learner)).toHaveLength(3);
    expect(Object.keys(await deliveryStates(api.app, 'module-nudge:'))).toHaveLength(2);
  });

  it('"nudges off" silences nudges only: session reminders and expiry notices still arrive', async () => {
    await ensureWorkers();
    const learner = await createPerson(api.app);
    expect((await api.http().patch('/api/me/preferences').set(learner.auth).send({ nudges: false })).status).toBe(200);
    const live = await insertCourse(api.app, { title: 'Zonder geheugensteuntjes' });
    const session = await insertSessionIn(api.app, live.id, 10);
    await insertEnrolment(api.app, { userId: learner.user.id, courseId: live.id, sessionId: session.id, status: 'confirmed' });
    const online = await insertCourse(api.app, { format: 'online', title: 'Stille module' });
    await insertEnrolment(api.app, { userId: learner.user.id, courseId: online.id, status: 'active', lastActivityAt: new Date(Date.now() - 15 * DAY) });
    const certified = await insertCourse(api.app, { title: 'Verloopt bijna' });
    await insertCertificate(api.app, { userId: learner.user.id, courseId: certified.id, expiresAt: new Date(Date.now() + 30 * DAY) });

    await sweep();
    await settle();
    const subjects = mailsTo(learner).map((m) => m.subject).sort();
    expect(subjects).toEqual([await reminderSubject(session.id, 'Zonder geheugensteuntjes'), expect.stringMatching(/^Uw certificaat verloopt op .*: Verloopt bijna$/)].sort());
    const kinds: Array<{ kind: string }> = await db().query(`SELECT kind FROM message_deliveries WHERE user_id = $1 ORDER BY kind`, [learner.user.id]);
    expect(kinds.map((k) => k.kind)).toEqual(['certificate-expiring', 'session-reminder']);
  });

  it('reminds of a rescheduled session on its new date (and not of the old one again)', async () => {
    await ensureWorkers();
    const learner = await createPerson(api.app);
    const course = await insertCourse(api.app, { title: 'Verzet' });
    const session = await insertSessionIn(api.app, course.id, 10);
    await insertEnrolment(api.app, { userId: learner.user.id, courseId: course.id, sessionId: session.id, status: 'confirmed' });
    await sweep();
    await settle();
    const first = await reminderSubject(session.id, 'Verzet');
    expect(mailsTo(learner).map((m) => m.subject)).toEqual([first]);

    // The trainer moves the meeting five days on; the 7-day reminder of the new date is due now.
    for (const table of ['sessions', 'meetings']) {
      await db().query(`UPDATE ${table} SET starts_at = starts_at + interval '5 days', ends_at = ends_at + interval '5 days' WHERE ${table === 'sessions' ? 'id' : 'session_id'} = $1`, [session.id]);
    }
    await db().query(`UPDATE sessions SET sequence = sequence + 1 WHERE id = $1`, [session.id]);
    await sweep();
    await settle();
    const second = await reminderSubject(session.id, 'Verzet');
    expect(second).toMatch(/^Over \d dagen: Verzet$/);
    expect(mailsTo(learner).map((m) => m.subject)).toEqual([first, second]);
    // Moved back one day before: the 1-day reminder for that date comes, once.
    for (const table of ['sessions', 'meetings']) {
      await db().query(`UPDATE ${table} SET starts_at = starts_at - interval '4 days 12 hours', ends_at = ends_at - interval '4 days 12 hours' WHERE ${table === 'sessions' ? 'id' : 'session_id'} = $1`, [session.id]);
    }
    await sweep();
    await settle();
    await sweep();
    await settle();
    const third = await reminderSubject(session.id, 'Verzet');
    expect(mailsTo(learner).map((m) => m.subject)).toEqual([first, second, third]);
  });

  it('sends a reminder held by the daily limit once the limit allows it', async () => {
    await ensureWorkers();
    const busy = await createPerson(api.app);
    const courses = await Promise.all([1, 2, 3, 4].map((i) => insertCourse(api.app, { title: `Vol ${i}` })));
    for (const course of courses) {
      const session = await insertSessionIn(api.app, course.id, 10 + courses.indexOf(course));
      await insertEnrolment(api.app, { userId: busy.user.id, courseId: course.id, sessionId: session.id, status: 'confirmed' });
    }
    await sweep();
    await settle();
    const states = async () =>
      ((await db().query(`SELECT state FROM message_deliveries WHERE user_id = $1 ORDER BY state`, [busy.user.id])) as Array<{ state: string }>).map((r) => r.state);
    expect(await states()).toEqual(['held', 'sent', 'sent', 'sent']); // limit 3
    expect(mailsTo(busy)).toHaveLength(3);
    await sweep();
    await settle();
    expect(await states()).toEqual(['held', 'sent', 'sent', 'sent']); // still no room

    // A day later the three count no more: the next sweep releases the held reminder and it goes.
    await db().query(`UPDATE message_deliveries SET sent_at = sent_at - interval '25 hours', updated_at = updated_at - interval '25 hours' WHERE user_id = $1 AND state = 'sent'`, [busy.user.id]);
    expect((await sweep()).released).toBe(1);
    await settle();
    expect(await states()).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(mailsTo(busy)).toHaveLength(4);
  });

  it('lets a learner read and change the nudge preference (confirmations cannot be switched off)', async () => {
    const learner = await createPerson(api.app);
    expect((await api.http().get('/api/me/preferences')).status).toBe(401);
    expect((await api.http().get('/api/me/preferences').set(learner.auth)).body).toEqual({ nudges: true });
    const off = await api.http().patch('/api/me/preferences').set(learner.auth).send({ nudges: false });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ nudges: false });
    const bad = await api.http().patch('/api/me/preferences').set(learner.auth).send({ nudges: 'no', confirmations: false });
    expect(bad.status).toBe(400);
    const page = await api.http().get(`/api/unsubscribe?token=nonsense`);
    expect(page.status).toBe(404);
  });
});
