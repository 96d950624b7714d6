import { DataSource } from 'typeorm';
import { startApi, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { PageClient, pageText } from '../../support/page-client';
import { insertCourse, insertOnlineCourse } from '../../factories/course.factory';
import { enrol, insertEnrolment } from '../../factories/enrolment.factory';
import { createPerson, TEST_PASSWORD, type Person } from '../../factories/person.factory';
import { insertSession, sessionState } from '../../factories/session.factory';

const MEETING: [Date, Date] = [new Date('2030-03-05T09:00:00Z'), new Date('2030-03-05T11:30:00Z')];

/** Issue 12, "Mijn trainingen": the person's enrolments, their calendar files, cancelling with a confirm step. */
describe('web: Mijn trainingen', () => {
  let dropDatabase: () => Promise<void>;
  let api: TestApi;

  beforeAll(async () => {
    dropDatabase = await isolateRun('web-trainings');
    api = await startApi();
  });
  afterAll(async () => {
    await api?.close();
    await dropDatabase?.();
  });

  const db = () => api.app.get(DataSource);
  const signedIn = async (person?: Person) => {
    const learner = person ?? (await createPerson(api.app));
    const browser = new PageClient(api);
    await browser.signIn(learner.user.email, TEST_PASSWORD);
    return { learner, browser };
  };
  const statusOf = async (enrolmentId: string): Promise<string> => (await db().query(`SELECT status FROM enrolments WHERE id = $1`, [enrolmentId]))[0].status;

  it('sends a visitor to sign in and back to /me/trainings', async () => {
    const response = await new PageClient(api).get('/me/trainings');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/login?next=%2Fme%2Ftrainings');
  });

  it('says so in words when she has no trainings yet, with a way to find one', async () => {
    const { browser } = await signedIn();
    const page = await browser.get('/me/trainings');
    expect(page.status).toBe(200);
    expect(page.text.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(pageText(page.text)).toContain('Mijn trainingen');
    expect(pageText(page.text)).toContain('Je bent nog niet aangemeld voor een training.');
    expect(page.text).toContain('href="/courses">Bekijk alle trainingen</a>');
  });

  it('lists her enrolments with status, dates written out, place or meeting link, "Zet in je agenda" and "Afmelden"', async () => {
    const { learner, browser } = await signedIn();
    const live = await insertCourse(api.app, { title: 'Training in het buurthuis' });
    const liveSession = await insertSession(api.app, live.id, [MEETING], { location: 'Buurthuis De Linde, Utrecht', capacity: 10 });
    const confirmed = await enrol(api, learner, live.id, liveSession.id);

    const remote = await insertCourse(api.app, { title: 'Training op afstand' });
    const remoteSession = await insertSession(api.app, remote.id, [MEETING], { location: null, onlineUrl: 'https://meet.example/schakel-123', capacity: 1 });
    await enrol(api, await createPerson(api.app), remote.id, remoteSession.id);
    const waitlisted = await enrol(api, learner, remote.id, remoteSession.id);

    const online = await insertOnlineCourse(api.app, { title: 'Online module' });
    const active = await insertEnrolment(api.app, { userId: learner.user.id, courseId: online.id });

    const old = await insertCourse(api.app, { title: 'Oude training' });
    await insertEnrolment(api.app, { userId: learner.user.id, courseId: old.id, status: 'cancelled' });

    const page = await browser.get('/me/trainings');
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    expect(text).toMatch(/Training in het buurthuis Status: Aangemeld .*dinsdag 5 maart 2030, 10:00–12:30 .*Buurthuis De Linde, Utrecht/);
    expect(text).toMatch(/Training op afstand Status: Op de wachtlijst, nummer 1 .*Online .*De link naar de online bijeenkomst krijg je als je een plek hebt\./);
    expect(page.text).not.toContain('meet.example');
    expect(text).toMatch(/Online module Status: Bezig/);
    expect(page.text).toContain(`href="/learn/${active}"`);
    expect(text).toMatch(/Eerder .*Oude training Status: Afgemeld/);

    expect(page.text).toContain(`href="/me/trainings/${confirmed}/calendar.ics"`);
    expect(page.text).toContain(`href="/me/trainings/${waitlisted}/calendar.ics"`);
    expect(text).toContain('Zet in je agenda');
    for (const id of [confirmed, waitlisted, active]) expect(page.text).toContain(`<form method="get" action="/me/trainings/${id}/cancel">`);
    expect(page.text.match(/>Afmelden<\/button>/g)).toHaveLength(3);

    // Once she holds a seat, the meeting link is hers.
    await db().query(`UPDATE enrolments SET status = 'confirmed', waitlist_position = NULL, confirmed_at = now() WHERE id = $1`, [waitlisted]);
    expect((await browser.get('/me/trainings')).text).toContain('href="https://meet.example/schakel-123"');
  });

  it('serves the .ics of her session to the page session, with the meeting link once she holds a seat', async () => {
    const { learner, browser } = await signedIn();
    const course = await insertCourse(api.app, { title: 'Agenda training' });
    const session = await insertSession(api.app, course.id, [MEETING], { location: null, onlineUrl: 'https://meet.example/agenda', capacity: 5 });
    const enrolmentId = await enrol(api, learner, course.id, session.id);
    const ics = await browser.get(`/me/trainings/${enrolmentId}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.headers['content-disposition']).toContain('attachment');
    expect(ics.text).toContain('BEGIN:VCALENDAR');
    expect(ics.text).toContain('Agenda training');
    expect(ics.text).toContain('https://meet.example/agenda');

    const online = await insertOnlineCourse(api.app);
    const noSession = await insertEnrolment(api.app, { userId: learner.user.id, courseId: online.id });
    expect((await browser.get(`/me/trainings/${noSession}/calendar.ics`)).status).toBe(404);
  });

  it('asks "Weet je het zeker?" first, then cancels with the same rules as the API: the seat goes to the first in line', async () => {
    const { learner, browser } = await signedIn();
    const course = await insertCourse(api.app, { title: 'Afmelden training' });
    const session = await insertSession(api.app, course.id, [MEETING], { capacity: 1 });
    const enrolmentId = await enrol(api, learner, course.id, session.id);
    const next = await createPerson(api.app);
    const nextInLine = await enrol(api, next, course.id, session.id);

    const ask = await browser.get(`/me/trainings/${enrolmentId}/cancel`);
    expect(ask.status).toBe(200);
    expect(ask.text.match(/<h1[\s>]/g)).toHaveLength(1);
    const text = pageText(ask.text);
    expect(text).toContain('Weet je het zeker?');
    expect(text).toContain('Je meldt je af voor Afmelden training.');
    expect(text).toContain('dinsdag 5 maart 2030, 10:00–12:30');
    expect(ask.text).toMatch(/<button[^>]*type="submit"[^>]*>Ja, meld mij af<\/button>/);
    expect(ask.text).toContain('href="/me/trainings">Nee, ik blijf aangemeld</a>');
    expect(await statusOf(enrolmentId)).toBe('confirmed');

    const done = await browser.submit(`/me/trainings/${enrolmentId}/cancel`, {});
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/me/trainings');
    expect(pageText((await browser.get('/me/trainings')).text)).toContain('Je bent afgemeld.');
    expect(await statusOf(enrolmentId)).toBe('cancelled');
    const state = await sessionState(api.app, session.id);
    expect(state.confirmed.map((e) => e.id)).toEqual([nextInLine]);

    // Again (a second click, or the back button): said in words, nothing changes.
    const again = await browser.submit(`/me/trainings/${enrolmentId}/cancel`, {});
    expect(again.status).toBe(200);
    expect(pageText(again.text)).toContain('Je bent al afgemeld voor deze training.');
  });

  it('refuses to cancel a completed training, in words', async () => {
    const { learner, browser } = await signedIn();
    const course = await insertOnlineCourse(api.app, { title: 'Al klaar' });
    const enrolmentId = await insertEnrolment(api.app, { userId: learner.user.id, courseId: course.id });
    await db().query(`UPDATE enrolments SET status = 'completed', completed_at = now() WHERE id = $1`, [enrolmentId]);
    const ask = await browser.get(`/me/trainings/${enrolmentId}/cancel`);
    expect(pageText(ask.text)).toContain('Deze training heb je al afgerond. Afmelden kan niet meer.');
    expect(ask.text).not.toContain('Ja, meld mij af');
    const posted = await browser.submit('/me/trainings', {}, `/me/trainings/${enrolmentId}/cancel`);
    expect(posted.status).toBe(409);
    expect(pageText(posted.text)).toContain('Afmelden kan niet meer.');
    expect(await statusOf(enrolmentId)).toBe('completed');
  });

  it("answers another person's enrolment, and an id that is none, with the \"niet gevonden\" page and changes nothing", async () => {
    const other = await createPerson(api.app);
    const course = await insertCourse(api.app);
    const session = await insertSession(api.app, course.id, [MEETING]);
    const theirs = await enrol(api, other, course.id, session.id);
    const { browser } = await signedIn();
    for (const path of [`/me/trainings/${theirs}/cancel`, `/me/trainings/${theirs}/calendar.ics`, '/me/trainings/niet-een-id/cancel']) {
      const page = await browser.get(path);
      expect(page.status).toBe(404);
      expect(pageText(page.text)).toContain('Niet gevonden');
    }
    const posted = await browser.submit('/me/trainings', {}, `/me/trainings/${theirs}/cancel`);
    expect(posted.status).toBe(404);
    expect(pageText(posted.text)).toContain('Niet gevonden');
    expect(await statusOf(theirs)).toBe('confirmed');
  });
});
