import { DateTime } from 'luxon';
import type { INestApplicationContext } from '@nestjs/common';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { AppConfig } from '@schakel/config';
import { JobProducer, OutboxRelay } from '@schakel/jobs';
import { MailerService } from '../../../libs/messaging/src/mailer.service';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { deliveryStates } from '../../support/message-deliveries';
import { type SmtpSink, startSmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import { insertCertificate } from '../../factories/certificate.factory';
import { insertCourse } from '../../factories/course.factory';
import { insertEnrolment } from '../../factories/enrolment.factory';
import { addMember, createOrganisation } from '../../factories/organisation.factory';
import { publishEvent } from '../../factories/outbox-event.factory';
import { createPerson, type Person } from '../../factories/person.factory';
import { insertSession, insertSessionIn } from '../../factories/session.factory';

const calendarOf = (mail: ParsedMail) => {
  const attachment = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!attachment) throw new Error(`no calendar in "${mail.subject}"`);
  const calendar = new ICAL.Component(ICAL.parse(attachment.content.toString('utf8')));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar;
};

describe('messages: the right mail, once, in the learner’s language (real SMTP)', () => {
  let dropDatabase: () => Promise<void>;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  const relay = () => worker.get(OutboxRelay).relayDue();
  const arrived = (person: Person, count = 1) =>
    waitFor(async () => sink.to(person.user.email), (mails) => mails.length >= count, { what: `${count} mail(s) for ${person.user.email}`, timeoutMs: 20_000 });

  beforeAll(async () => {
    dropDatabase = await isolateRun('msg');
    sink = await startSmtpSink();
    process.env.SMTP_URL = sink.url;
    process.env.SWEEP_INTERVAL_SECONDS = '3600';
    process.env.MESSAGE_RETRY_DELAY_MS = '200';
    api = await startApi();
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.stop();
    await dropDatabase?.();
  });

  it('sends the confirmation with a valid .ics for the right instants, place and cancel link', async () => {
    const learner = await createPerson(api.app, { name: 'Anna de Vries' });
    const course = await insertCourse(api.app, { title: 'Het eerste gesprek' });
    const session = await insertSession(api.app, course.id, [
      [new Date('2030-03-05T09:00:00Z'), new Date('2030-03-05T15:00:00Z')],
      [new Date('2030-04-02T08:00:00Z'), new Date('2030-04-02T12:30:00Z')],
    ]);
    const enrolmentId = await insertEnrolment(api.app, { userId: learner.user.id, courseId: course.id, sessionId: session.id, status: 'confirmed' });
    await publishEvent(api.app, 'enrolment.confirmed', { enrolmentId, userId: learner.user.id });
    await relay();

    const [mail] = await arrived(learner);
    expect(mail.subject).toBe('U bent ingeschreven: Het eerste gesprek');
    expect(mail.text).toContain('dinsdag 5 maart 2030, 10:00–16:00');
    expect(mail.text).toContain('dinsdag 2 april 2030, 10:00–14:30');
    expect(mail.text).toContain('Waar: Buurthuis De Linde, Utrecht');
    expect(mail.text).toMatch(/http:\/\/schakel\.test\/cancel-enrolment\?token=\S+/);
    expect(mail.html).toContain('<html lang="nl">');

    const calendar = calendarOf(mail);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.uid, e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString()])).toEqual([
      [`${session.meetingIds[0]}@schakel`, '2030-03-05T09:00:00.000Z', '2030-03-05T15:00:00.000Z'],
      [`${session.meetingIds[1]}@schakel`, '2030-04-02T08:00:00.000Z', '2030-04-02T12:30:00.000Z'],
    ]);
    expect(events[0].startDate.zone?.tzid).toBe('Europe/Amsterdam');
    expect(events[0].startDate.toString()).toBe('2030-03-05T10:00:00');
    expect(events[0].location).toBe('Buurthuis De Linde, Utrecht');
    expect(mail.headerLines.some((h) => h.key === 'list-unsubscribe')).toBe(false);

    // The same event relayed again (a second outbox row, a duplicate job) sends nothing more.
    await publishEvent(api.app, 'enrolment.confirmed', { enrolmentId, userId: learner.user.id });
    await relay();
    await waitFor(() => api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM outbox_events WHERE processed_at IS NULL`), (r) => r[0].n === 0);
    expect(sink.to(learner.user.email)).toHaveLength(1);
  });

  it('gives English and Dutch users their own language, with the waitlist position', async () => {
    const [dutch, english] = await Promise.all([createPerson(api.app, { name: 'Joke' }), createPerson(api.app, { name: 'John', locale: 'en' })]);
    const course = await insertCourse(api.app, { title: 'Intake en verwijzing' });
    // 10:00–14:00 Amsterdam time, a month ahead: one day whatever the hour the test runs.
    const start = DateTime.now().setZone('Europe/Amsterdam').plus({ days: 30 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    const session = await insertSession(api.app, course.id, [[start.toJSDate(), start.plus({ hours: 4 }).toJSDate()]], {
      location: null,
      onlineUrl: 'https://meet.example.nl/intake',
    });
    for (const [person, position] of [[dutch, 1], [english, 2]] as const) {
      const enrolmentId = await insertEnrolment(api.app, { userId: person.user.id, courseId: course.id, sessionId: session.id, status: 'waitlisted', waitlistPosition: position });
      await publishEvent(api.app, 'enrolment.waitlisted', { enrolmentId, userId: person.user.id });
    }
    await relay();
    const [nl] = await arrived(dutch);
    const [en] = await arrived(english);
    expect(nl.subject).toBe('U staat op de wachtlijst: Intake en verwijzing');
    expect(nl.text).toContain('U bent nummer 1.');
    expect(nl.text).toContain('Online: https://meet.example.nl/intake');
    expect(en.subject).toBe('You are on the waiting list: Intake en verwijzing');
    expect(en.text).toContain('at number 2');
    expect(en.text).toMatch(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d+ \w+ \d{4}, 10:00–14:00/);
    expect(en.html).toContain('<html lang="en">');
    expect(nl.attachments).toHaveLength(0);
  });

  it('tells about promotion (with .ics), a change (updated .ics) and a cancellation (METHOD:CANCEL), and not what no longer applies', async () => {
    const [promoted, stillWaiting, other] = await Promise.all([createPerson(api.app), createPerson(api.app), createPerson(api.app)]);
    const course = await insertCourse(api.app);
    const session = await insertSessionIn(api.app, course.id, 24 * 20, { sequence: 3 });
    const promotedId = await insertEnrolment(api.app, { userId: promoted.user.id, courseId: course.id, sessionId: session.id, status: 'confirmed' });
    const waitingId = await insertEnrolment(api.app, { userId: stillWaiting.user.id, courseId: course.id, sessionId: session.id, status: 'waitlisted' });
    const otherId = await insertEnrolment(api.app, { userId: other.user.id, courseId: course.id, sessionId: session.id, status: 'confirmed' });
    await publishEvent(api.app, 'enrolment.promoted', { enrolmentId: promotedId, userId: promoted.user.id });
    // A promotion that was undone before the mail went: nothing is sent.
    await publishEvent(api.app, 'enrolment.promoted', { enrolmentId: waitingId, userId: stillWaiting.user.id });
    // The sessions domain tells each confirmed learner.
    for (const [person, enrolmentId] of [[promoted, promotedId], [other, otherId]] as const) {
      await publishEvent(api.app, 'session.changed', { sessionId: session.id, enrolmentId, userId: person.user.id, sequence: 3 });
    }
    await relay();

    const mails = await arrived(promoted, 2);
    const promotion = mails.find((m) => m.subject?.startsWith('Er is een plek voor u'))!;
    const change = mails.find((m) => m.subject?.startsWith('Gewijzigd'))!;
    expect(calendarOf(promotion).getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendarOf(change).getFirstSubcomponent('vevent')?.getFirstPropertyValue('sequence')).toBe(3);
    await arrived(other);
    await waitFor(() => deliveryStates(api.app, `enrolment-promoted:${waitingId}`), (s) => Object.values(s)[0] === 'skipped');
    expect(sink.to(stillWaiting.user.email)).toHaveLength(0);

    await api.app.get(DataSource).query(`UPDATE sessions SET status = 'cancelled', sequence = 4, updated_at = now() WHERE id = $1`, [session.id]);
    for (const [person, enrolmentId] of [[promoted, promotedId], [stillWaiting, waitingId]] as const) {
      await publishEvent(api.app, 'session.cancelled', { sessionId: session.id, enrolmentId, userId: person.user.id, sequence: 4 });
    }
    await relay();
    const [, , cancelled] = await arrived(promoted, 3);
    expect(cancelled.subject).toMatch(/^Gaat niet door/);
    const calendar = calendarOf(cancelled);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(calendar.getFirstSubcomponent('vevent')?.getFirstPropertyValue('status')).toBe('CANCELLED');
    await arrived(stillWaiting); // waitlisted people hear about it too
  });

  it('mails a certificate link, invites a new organisation member, and asks an existing account to consent', async () => {
    const learner = await createPerson(api.app, { locale: 'en' });
    const course = await insertCourse(api.app, { format: 'online', title: 'Deeper conversation' });
    const certificate = await insertCertificate(api.app, { userId: learner.user.id, courseId: course.id, expiresAt: new Date('2032-06-01T10:00:00Z') });
    await publishEvent(api.app, 'certificate.issued', { certificateId: certificate.id, userId: learner.user.id });

    const organisation = await createOrganisation(api.app, 'Gemeente Zwolle');
    const admin = await createPerson(api.app);
    await addMember(api.app, organisation, admin, ['org-admin']);
    const email = `nieuw-${Date.now()}@zwolle.test`;
    const added = await api.http().post(`/api/organisations/${organisation.id}/members`).set(admin.auth).send({ email, name: 'Nieuwe Vrijwilliger', roles: ['learner'], chainRoles: [] });
    expect(added.status).toBe(201);
    const existing = await createPerson(api.app);
    const linked = await api.http().post(`/api/organisations/${organisation.id}/members`).set(admin.auth)
      .send({ email: existing.user.email, name: 'X', roles: ['learner'], chainRoles: [] });
    expect(linked.status).toBe(201);
    await relay();

    const [issued] = await arrived(learner);
    expect(issued.subject).toBe('Your certificate: Deeper conversation');
    expect(issued.text).toContain(`http://schakel.test/api/certificates/${certificate.id}/pdf`);
    expect(issued.text).toContain(`http://schakel.test/api/verify/${certificate.code}`);
    expect(issued.text).toContain('valid until 1 June 2032');
    const invitation = await waitFor(async () => sink.to(email), (m) => m.length === 1, { what: 'the invitation' });
    expect(invitation[0].subject).toBe('Welkom bij Schakel, namens Gemeente Zwolle');
    // An existing account is not invited (it has a password) but asked to accept the membership.
    const request = await waitFor(async () => sink.to(existing.user.email), (m) => m.length === 1, { what: 'the membership request' });
    expect(request[0].subject).toBe('Gemeente Zwolle wil u toevoegen aan hun organisatie op Schakel');
    expect(request[0].text).toContain('http://schakel.test/accept-membership?token=');
  });

  it('retries while SMTP is down and delivers every message exactly once when it is back', async () => {
    const people = await Promise.all([1, 2, 3, 4].map(() => createPerson(api.app)));
    const course = await insertCourse(api.app);
    const session = await insertSessionIn(api.app, course.id, 24 * 40);
    await sink.stop();
    for (const person of people) {
      const enrolmentId = await insertEnrolment(api.app, { userId: person.user.id, courseId: course.id, sessionId: session.id, status: 'confirmed' });
      await publishEvent(api.app, 'enrolment.confirmed', { enrolmentId, userId: person.user.id });
    }
    await relay();
    const keys = `enrolment-confirmed:`;
    const ds = api.app.get(DataSource);
    const failedTwice = () =>
      ds.query(`SELECT count(*)::int AS n FROM message_deliveries WHERE key LIKE $1 || '%' AND user_id = ANY($2) AND attempts >= 2 AND state = 'failed'`, [
        keys,
        people.map((p) => p.user.id),
      ]);
    await waitFor(failedTwice, (r) => r[0].n === people.length, { what: 'every send to fail twice' });
    await sink.start(); // the same port
    for (const person of people) await arrived(person);
    await waitFor(
      () => ds.query(`SELECT count(*)::int AS n FROM message_deliveries WHERE user_id = ANY($1) AND state <> 'sent'`, [people.map((p) => p.user.id)]),
      (r) => r[0].n === 0,
    );
    const left = await worker.get(JobProducer).queue('messages').getJobs(['waiting', 'active', 'delayed']);
    expect(left.filter((job) => job && job.name !== 'messages.sweep')).toHaveLength(0);
    for (const person of people) expect(sink.to(person.user.email)).toHaveLength(1);
  });

  it('keeps mail without SMTP_URL and shows it on the development page', async () => {
    const config = api.app.get(AppConfig);
    const catcher = new MailerService(new AppConfig({ ...config, smtpUrl: undefined }), api.app.get(DataSource));
    const subject = `Proefbericht ${Date.now()}`;
    await catcher.send({
      to: { name: 'Piet', address: 'piet@example.nl' },
      subject,
      text: 'Hallo Piet',
      html: '<p>Hallo <b>Piet</b></p>',
      headers: {},
      attachments: [{ filename: 'invite.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', contentType: 'text/calendar' }],
      messageId: '<proef@schakel>',
    });
    catcher.onApplicationShutdown();
    // Outside the embedded development default the page does not exist.
    expect((await api.http().get('/dev/mail')).status).toBe(404);
    const dev = await startApi({ SCHAKEL_EMBEDDED: 'true' });
    try {
      await showsCaughtMail(dev, subject);
    } finally {
      await dev.close();
    }
  });

  const showsCaughtMail = async (api: TestApi, subject: string) => {
    const list = await api.http().get('/dev/mail');
    expect(list.status).toBe(200);
    expect(list.headers['content-type']).toMatch(/text\/html/);
    const link = new RegExp(`href="(/dev/mail/[0-9a-f-]+)">${subject}<`).exec(list.text);
    expect(link).not.toBeNull();
    const one = await api.http().get(link![1]);
    expect(one.status).toBe(200);
    expect(one.text).toContain('Hallo Piet');
    expect(one.text).toContain('invite.ics');
    expect(one.text).toContain(`Subject: ${subject}`);
    expect((await api.http().get('/dev/mail/not-a-uuid')).status).toBe(400);
  };
});
