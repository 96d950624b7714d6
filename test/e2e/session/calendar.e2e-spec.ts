import ICAL from 'ical.js';
import { startApi, TestApi } from '../../support/app';
import { insertCourse } from '../../factories/course.factory';
import { requestEnrolment } from '../../factories/enrolment.factory';
import { createTrainer } from '../../factories/organisation.factory';
import { createPerson, type Person } from '../../factories/person.factory';
import { scheduleSession } from '../../factories/session.factory';

interface ParsedEvent { uid: string; sequence: number; start: string; end: string; status: string }

function parse(text: string): { method: string | null; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return {
    method: calendar.getFirstPropertyValue('method') as string | null,
    events: calendar.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return { uid: e.uid, sequence: e.sequence, start: e.startDate.toJSDate().toISOString(), end: e.endDate.toJSDate().toISOString(), status: v.getFirstPropertyValue('status') as string };
    }),
  };
}

/** Reads a response body as text whatever its content type. */
const text = (r: { text: string }) => r.text;

describe('calendars: session invites and personal feeds', () => {
  let api: TestApi;
  let trainer: Person;

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    trainer = await createTrainer(api.app);
  });
  afterAll(() => api.close());

  it('puts meetings on the last Sundays of March and October at the right instants; changes keep the UID with a higher SEQUENCE; cancellation is marked', async () => {
    const course = await insertCourse(api.app, { author: trainer, title: 'Zie mij' });
    // 28 March 2027 and 31 October 2027 are the last Sundays: 10:00–12:00 in Amsterdam each time
    const session = await scheduleSession(api, trainer, course, {
      meetings: [
        { startsAt: '2027-03-28T10:00:00+02:00', endsAt: '2027-03-28T12:00:00+02:00' },
        { startsAt: '2027-10-31T10:00:00+01:00', endsAt: '2027-10-31T12:00:00+01:00' },
      ],
    });
    const response = await api.http().get(`/api/sessions/${session.id}/calendar.ics`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    const ics = text(response);
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam');
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20270328T100000');
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20271031T100000');
    const before = parse(ics);
    expect(before.method).toBe('PUBLISH');
    expect(before.events).toEqual([
      { uid: `${session.meetings[0].id}@schakel`, sequence: 0, start: '2027-03-28T08:00:00.000Z', end: '2027-03-28T10:00:00.000Z', status: 'CONFIRMED' },
      { uid: `${session.meetings[1].id}@schakel`, sequence: 0, start: '2027-10-31T09:00:00.000Z', end: '2027-10-31T11:00:00.000Z', status: 'CONFIRMED' },
    ]);

    const [m1, m2] = session.meetings;
    const patched = await api.http().patch(`/api/sessions/${session.id}`).set(trainer.auth).send({
      meetings: [{ id: m1.id, startsAt: m1.startsAt, endsAt: m1.endsAt }, { id: m2.id, startsAt: '2027-10-31T13:00:00+01:00', endsAt: '2027-10-31T15:00:00+01:00' }],
    });
    expect(patched.status).toBe(200);
    const after = parse(text(await api.http().get(`/api/sessions/${session.id}/calendar.ics`)));
    expect(after.events.map((e) => [e.uid, e.start])).toEqual([[before.events[0].uid, '2027-03-28T08:00:00.000Z'], [before.events[1].uid, '2027-10-31T12:00:00.000Z']]);
    expect(after.events[0].sequence).toBeGreaterThan(before.events[0].sequence);
    expect(after.events[1].sequence).toBeGreaterThan(after.events[0].sequence);

    // dropping a meeting cancels just that event, under the same UID
    const dropped = await api.http().patch(`/api/sessions/${session.id}`).set(trainer.auth).send({ meetings: [{ id: m1.id, startsAt: m1.startsAt, endsAt: m1.endsAt }] });
    expect(dropped.status).toBe(200);
    const partly = parse(text(await api.http().get(`/api/sessions/${session.id}/calendar.ics`)));
    expect(partly.events.map((e) => [e.uid, e.status])).toEqual([[before.events[0].uid, 'CONFIRMED'], [before.events[1].uid, 'CANCELLED']]);
    expect(partly.events[1].sequence).toBeGreaterThan(after.events[1].sequence);

    await api.http().post(`/api/sessions/${session.id}/cancel`).set(trainer.auth).expect(200);
    const cancelled = parse(text(await api.http().get(`/api/sessions/${session.id}/calendar.ics`)));
    expect(cancelled.method).toBe('CANCEL');
    expect(cancelled.events.every((e) => e.status === 'CANCELLED')).toBe(true);
    expect(cancelled.events[0].sequence).toBeGreaterThan(partly.events[0].sequence);
  });

  it('a personal feed: secret URL, confirmed sessions only, stable until rotated, revocable', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const other = await insertCourse(api.app, { author: trainer });
    const seat = await scheduleSession(api, trainer, course, { capacity: 5 });
    const full = await scheduleSession(api, trainer, other, { capacity: 1 });
    const [learner, someoneElse] = await Promise.all([createPerson(api.app), createPerson(api.app)]);
    await requestEnrolment(api, someoneElse, other.id, full.id);
    await requestEnrolment(api, learner, course.id, seat.id);
    expect((await requestEnrolment(api, learner, other.id, full.id)).body.status).toBe('waitlisted');

    const feed = await api.http().get('/api/me/calendar-feed').set(learner.auth);
    expect(feed.status).toBe(200);
    const url = new URL(feed.body.url);
    const token = url.pathname.match(/^\/api\/calendar\/([A-Za-z0-9_-]+)\.ics$/)![1];
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect((await api.http().get('/api/me/calendar-feed').set(learner.auth)).body.url).toBe(feed.body.url);

    const ics = await api.http().get(url.pathname);
    expect(ics.status).toBe(200);
    const events = parse(text(ics)).events;
    expect(events.map((e) => e.uid).sort()).toEqual(seat.meetings.map((m) => `${m.id}@schakel`).sort());
    expect((await api.http().get(`/api/calendar/${token.slice(0, -2)}xx.ics`)).status).toBe(404);

    const rotated = await api.http().post('/api/me/calendar-feed/rotate').set(learner.auth);
    expect(rotated.body.url).not.toBe(feed.body.url);
    expect((await api.http().get(url.pathname)).status).toBe(404);
    const newPath = new URL(rotated.body.url).pathname;
    expect((await api.http().get(newPath)).status).toBe(200);
    expect((await api.http().delete('/api/me/calendar-feed').set(learner.auth)).status).toBe(204);
    expect((await api.http().get(newPath)).status).toBe(404);
    expect((await api.http().delete('/api/me/calendar-feed').set(learner.auth)).status).toBe(404);
  });
});
