import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@schakel/jobs';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { PageClient, pageText } from '../../support/page-client';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import { insertCourse } from '../../factories/course.factory';
import { enrol } from '../../factories/enrolment.factory';
import { createTenant, createTrainer } from '../../factories/organisation.factory';
import { createPerson, TEST_PASSWORD, type Person } from '../../factories/person.factory';
import { scheduleSession, sessionState } from '../../factories/session.factory';

const ZONE = 'Europe/Amsterdam';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });

interface MeetingRow {
  id: string;
  starts_at: Date;
  ends_at: Date;
  sequence: number;
  cancelled_at: Date | null;
}

/** Issue 13: a trainer changes the meetings of a session she trains; the people with a place are told. */
describe('web: a trainer changes the meetings of a session', () => {
  let dropDatabase: () => Promise<void>;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    dropDatabase = await isolateRun('web-meetings');
    sink = await startSmtpSink();
    process.env.SMTP_URL = sink.url;
    process.env.SWEEP_INTERVAL_SECONDS = '3600';
    api = await startApi();
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.stop();
    await dropDatabase?.();
  });

  async function signedIn(person: Person): Promise<PageClient> {
    const browser = new PageClient(api);
    await browser.signIn(person.user.email, TEST_PASSWORD);
    return browser;
  }

  const meetings = (sessionId: string) =>
    api.app.get(DataSource).query(`SELECT id, starts_at, ends_at, sequence, cancelled_at FROM meetings WHERE session_id = $1 ORDER BY starts_at`, [sessionId]) as Promise<MeetingRow[]>;

  /** A trainer's session with two meetings and one learner who has a place. */
  async function sessionWithLearner() {
    const trainer = await createTrainer(api.app);
    const course = await insertCourse(api.app, { author: trainer, title: `Verdiepend gesprek ${Date.now()}` });
    const session = await scheduleSession(api, trainer, course, { inDays: 20 });
    const learner = await createPerson(api.app);
    await enrol(api, learner, course.id, session.id);
    return { trainer, course, session, learner };
  }

  /** The form's fields for the session's current meetings, as the page fills them in. */
  function formOf(rows: MeetingRow[]): Record<string, string> {
    const fields: Record<string, string> = { rowCount: String(rows.length + 1), action: 'save' };
    rows.forEach((m, i) => {
      fields[`id-${i}`] = m.id;
      fields[`date-${i}`] = local(m.starts_at.toISOString()).toFormat('yyyy-MM-dd');
      fields[`start-${i}`] = local(m.starts_at.toISOString()).toFormat('HH:mm');
      fields[`end-${i}`] = local(m.ends_at.toISOString()).toFormat('HH:mm');
    });
    return fields;
  }

  it('shows each meeting in Amsterdam time with an empty row, Enter saves, and a moved date is saved and mailed to the learner', async () => {
    const { trainer, course, session, learner } = await sessionWithLearner();
    const browser = await signedIn(trainer);
    const sessionPage = await browser.get(`/trainer/sessions/${session.id}`);
    expect(sessionPage.text).toContain(`href="/trainer/sessions/${session.id}/meetings">Bijeenkomsten wijzigen</a>`);

    const before = await meetings(session.id);
    const form = await browser.get(`/trainer/sessions/${session.id}/meetings`);
    expect(form.status).toBe(200);
    expect((form.text.match(/<h1[\s>]/g) ?? []).length).toBe(1);
    expect(form.text).toMatch(/<h1[^>]*>Bijeenkomsten wijzigen<\/h1>/);
    // The hidden default button comes before every other button, so Enter in a field saves.
    const ownForm = form.text.slice(form.text.indexOf(`action="/trainer/sessions/${session.id}/meetings"`));
    const firstButton = /<button[^>]*>/.exec(ownForm)?.[0] ?? '';
    expect(firstButton).toContain('value="save"');
    expect(form.text).toContain(`name="id-0" value="${before[0].id}"`);
    expect(form.text).toContain(`value="${local(before[0].starts_at.toISOString()).toFormat('yyyy-MM-dd')}"`);
    expect(form.text).toContain(`value="${local(before[0].starts_at.toISOString()).toFormat('HH:mm')}"`);
    expect(form.text).toContain('name="rowCount" value="3"');
    expect(pageText(form.text)).toContain('Nieuwe bijeenkomst (3)');
    expect(pageText(form.text)).toContain('Bijeenkomst 2 laten vervallen');
    expect(form.text).toContain('>Bijeenkomsten opslaan</button>');

    const fields = formOf(before);
    const moved = local(before[0].starts_at.toISOString()).plus({ days: 1 });
    fields['date-0'] = moved.toFormat('yyyy-MM-dd');
    fields['start-0'] = '13:30';
    fields['end-0'] = '16:00';
    const saved = await browser.submit(`/trainer/sessions/${session.id}/meetings`, fields);
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/trainer/sessions/${session.id}`);
    expect(pageText((await browser.get(`/trainer/sessions/${session.id}`)).text)).toContain('De bijeenkomsten zijn opgeslagen.');

    const after = await meetings(session.id);
    expect(after.map((m) => m.id)).toEqual(before.map((m) => m.id)); // same meetings: their calendar UIDs stay
    expect(after[0].starts_at.toISOString()).toBe(moved.set({ hour: 13, minute: 30, second: 0, millisecond: 0 }).toUTC().toISO());
    expect(after[0].ends_at.toISOString()).toBe(moved.set({ hour: 16, minute: 0, second: 0, millisecond: 0 }).toUTC().toISO());
    expect(after[0].sequence).toBe(before[0].sequence + 1);
    expect(after[1]).toEqual(before[1]);
    expect((await sessionState(api.app, session.id)).session.status).toBe('scheduled');

    await worker.get(OutboxRelay).relayDue();
    const changed = await waitFor(
      async () => sink.to(learner.user.email).filter((m) => (m.subject ?? '').startsWith('Gewijzigd:')),
      (mails) => mails.length >= 1,
      { what: 'the session-changed mail to the learner', timeoutMs: 20_000 },
    );
    expect(changed[0].subject).toBe(`Gewijzigd: ${course.title}`);
    const ics = changed[0].attachments.find((a) => a.filename?.endsWith('.ics'))?.content.toString('utf8') ?? '';
    expect(ics).toContain(`UID:${before[0].id}@schakel`);
    expect(ics).toContain(`DTSTART;TZID=Europe/Amsterdam:${moved.toFormat('yyyyMMdd')}T133000`);
    // The trainer is not mailed about her own change.
    expect(sink.to(trainer.user.email).filter((m) => (m.subject ?? '').startsWith('Gewijzigd:'))).toHaveLength(0);
  });

  it('adds a meeting in the empty row and drops one that is ticked', async () => {
    const { trainer, session } = await sessionWithLearner();
    const browser = await signedIn(trainer);
    const before = await meetings(session.id);
    const fields = { ...formOf(before), remove: '1', 'date-2': local(before[1].starts_at.toISOString()).plus({ days: 7 }).toFormat('yyyy-MM-dd'), 'start-2': '09:00', 'end-2': '12:00' };
    const saved = await browser.submit(`/trainer/sessions/${session.id}/meetings`, fields);
    expect(saved.status).toBe(303);

    const after = await meetings(session.id);
    expect(after).toHaveLength(3);
    const byId = new Map(after.map((m) => [m.id, m]));
    expect(byId.get(before[0].id)?.cancelled_at).toBeNull();
    expect(byId.get(before[1].id)?.cancelled_at).not.toBeNull(); // cancelled, not deleted: its calendar UID gets the cancellation
    const added = after.find((m) => !before.some((b) => b.id === m.id))!;
    expect(local(added.starts_at.toISOString()).toFormat('HH:mm')).toBe('09:00');
    const page = pageText((await browser.get(`/trainer/sessions/${session.id}/meetings`)).text);
    expect(page).toContain('Bijeenkomst 2 laten vervallen');
    expect(page).not.toContain('Bijeenkomst 3 laten vervallen');
  });

  it('says per field what is wrong in plain Dutch, keeps what was typed, and never drops the last meeting', async () => {
    const { trainer, session } = await sessionWithLearner();
    const browser = await signedIn(trainer);
    const before = await meetings(session.id);
    const path = `/trainer/sessions/${session.id}/meetings`;

    const wrong = await browser.submit(path, { ...formOf(before), 'date-0': '2030-02-30', 'end-1': '01:00', 'date-2': '2030-05-01', 'start-2': 'half tien' });
    expect(wrong.status).toBe(400);
    const text = pageText(wrong.text);
    expect(text).toContain('Vul de datum van bijeenkomst 1 in.');
    expect(text).toContain('De eindtijd van bijeenkomst 2 moet na de begintijd liggen.');
    expect(text).toContain('Vul de begintijd van bijeenkomst 3 in, bijvoorbeeld 09:30.');
    expect(wrong.text).toContain('href="#date-0"');
    expect(wrong.text).toContain('value="2030-02-30"');
    expect(wrong.text).toContain('value="half tien"');
    expect(text).not.toMatch(/session\.|must be|invalid/);

    const all = await browser.submit(path, { ...formOf(before), remove: ['0', '1'] });
    expect(all.status).toBe(400);
    expect(pageText(all.text)).toContain('Een sessie heeft minstens één bijeenkomst. Laat er een staan.');
    expect(all.text).toContain('href="#remove-0"');

    expect(await meetings(session.id)).toEqual(before);
  });

  it('is the "niet gevonden" page for another trainer and for a learner, and changes nothing', async () => {
    const { session, learner } = await sessionWithLearner();
    const other = await createTrainer(api.app);
    const { admin } = await createTenant(api.app);
    const before = await meetings(session.id);
    const path = `/trainer/sessions/${session.id}/meetings`;
    for (const person of [other, learner, admin]) {
      const browser = await signedIn(person);
      const page = await browser.get(path);
      expect(page.status).toBe(404);
      expect(pageText(page.text)).toMatch(/niet gevonden/i);
      const posted = await browser.submit('/me', { ...formOf(before), 'start-0': '06:00' }, path);
      expect(posted.status).toBe(404);
    }
    expect(await meetings(session.id)).toEqual(before);
    const visitor = await new PageClient(api).get(path);
    expect(visitor.status).toBe(303);
  });
});
