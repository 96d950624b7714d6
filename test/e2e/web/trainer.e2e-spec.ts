import { DataSource } from 'typeorm';
import { startApi, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { formFields, PageClient, pageText } from '../../support/page-client';
import { createOnlineCourse, insertCourse } from '../../factories/course.factory';
import { enrol } from '../../factories/enrolment.factory';
import { createTenant, createTrainer } from '../../factories/organisation.factory';
import { createPerson, TEST_PASSWORD, type Person } from '../../factories/person.factory';
import { meetingsHaveStarted, scheduleSession, sessionEndedDaysAgo, sessionState } from '../../factories/session.factory';

const DAY = 24 * 3_600_000;
const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length;
const notFound = (response: { status: number; text: string }) => {
  expect(response.status).toBe(404);
  expect(pageText(response.text)).toMatch(/niet gevonden/i);
};

/** Issue 13, the trainer's pages: "Mijn sessies", a new session, one session (roster, waitlist, capacity, cancel, attendance), authoring. */
describe('web: the trainer pages', () => {
  let dropDatabase: () => Promise<void>;
  let api: TestApi;

  beforeAll(async () => {
    dropDatabase = await isolateRun('web-trainer');
    api = await startApi();
  });
  afterAll(async () => {
    await api?.close();
    await dropDatabase?.();
  });

  async function signedIn(person: Person): Promise<PageClient> {
    const browser = new PageClient(api);
    await browser.signIn(person.user.email, TEST_PASSWORD);
    return browser;
  }

  const attendanceRows = (sessionId: string) =>
    api.app.get(DataSource).query(
      `SELECT a.enrolment_id, a.meeting_id, a.present FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id WHERE e.session_id = $1 ORDER BY 1, 2`,
      [sessionId],
    ) as Promise<Array<{ enrolment_id: string; meeting_id: string; present: boolean }>>;

  describe('Mijn sessies', () => {
    it('shows an empty trainer the way to plan a session', async () => {
      const trainer = await createTrainer(api.app);
      const page = await (await signedIn(trainer)).get('/trainer');
      expect(page.status).toBe(200);
      expect(h1Count(page.text)).toBe(1);
      expect(page.text).toMatch(/<h1[^>]*>Mijn sessies<\/h1>/);
      expect(page.text).toContain('href="/trainer/sessions/new">Nieuwe sessie</a>');
      expect(pageText(page.text)).toContain('Je hebt nog geen komende sessies');
    });

    it('lists upcoming and past sessions with confirmed/capacity and the waitlist, in English too', async () => {
      const trainer = await createTrainer(api.app);
      const course = await insertCourse(api.app, { author: trainer, title: 'Het eerste gesprek live' });
      const upcoming = await scheduleSession(api, trainer, course, { capacity: 1 });
      const [a, b] = await Promise.all([createPerson(api.app), createPerson(api.app)]);
      await enrol(api, a, course.id, upcoming.id);
      await enrol(api, b, course.id, upcoming.id);
      const past = await scheduleSession(api, trainer, await insertCourse(api.app, { author: trainer, title: 'Oude cursus' }));
      await sessionEndedDaysAgo(api.app, past.id, 3);
      const other = await createTrainer(api.app);
      await scheduleSession(api, other, await insertCourse(api.app, { author: other, title: 'Niet van mij' }));

      const browser = await signedIn(trainer);
      const text = pageText((await browser.get('/trainer')).text);
      expect(text).toMatch(/Komende sessies.*Het eerste gesprek live.*1 van 1 plaatsen bezet.*1 op de wachtlijst.*Afgelopen sessies.*Oude cursus/);
      expect(text).not.toContain('Niet van mij');

      await browser.get('/language?lang=en&next=/trainer');
      const english = pageText((await browser.get('/trainer')).text);
      expect(english).toContain('1 of 1 places taken');
      expect(english).toContain('New session');
    });

    it('is the "niet gevonden" page for a learner on every trainer path, and asks a visitor to sign in', async () => {
      const { learner } = await createTenant(api.app);
      const trainer = await createTrainer(api.app);
      const course = await insertCourse(api.app, { author: trainer });
      const session = await scheduleSession(api, trainer, course);
      const browser = await signedIn(learner);
      for (const path of ['/trainer', '/trainer/sessions/new', `/trainer/sessions/${session.id}`, `/trainer/sessions/${session.id}/cancel`, '/trainer/courses', `/trainer/courses/${course.id}`, `/trainer/courses/${course.id}/quiz`]) {
        notFound(await browser.get(path));
      }
      expect((await browser.submit('/me', {}, `/trainer/sessions/${session.id}/cancel`)).status).toBe(404);
      expect((await sessionState(api.app, session.id)).session.status).toBe('scheduled');
      const visitor = await new PageClient(api).get('/trainer');
      expect(visitor.status).toBe(303);
      expect(visitor.headers.location).toBe('/login?next=%2Ftrainer');
    });
  });

  describe('Nieuwe sessie', () => {
    it('says per field what is wrong, in plain Dutch, and keeps what was typed', async () => {
      const trainer = await createTrainer(api.app);
      await insertCourse(api.app, { author: trainer, title: 'Live cursus A' });
      const browser = await signedIn(trainer);
      const form = await browser.get('/trainer/sessions/new');
      expect(form.status).toBe(200);
      expect(h1Count(form.text)).toBe(1);
      for (const label of ['Cursus *', 'Datum', 'Begintijd', 'Eindtijd', 'Plaats (adres of zaal)', 'Aantal plaatsen *']) expect(form.text).toContain(`>${label}</label>`);
      expect(form.text).toMatch(/<legend[^>]*>Bijeenkomsten<\/legend>/);
      expect(form.text).toContain('>Sessie plannen</button>');

      const refused = await browser.submit('/trainer/sessions/new', { meetingCount: '1', 'date-0': '2030-02-30', 'start-0': '10:00', 'end-0': '09:00', capacity: 'twintig', location: 'Buurthuis' });
      expect(refused.status).toBe(400);
      const text = pageText(refused.text);
      expect(text).toContain('Kies een cursus.');
      expect(text).toContain('Vul de datum van bijeenkomst 1 in.');
      expect(text).toContain('Vul het aantal plaatsen in: een heel getal van 1 of meer.');
      expect(refused.text).toContain('href="#courseId"');
      expect(refused.text).toContain('value="Buurthuis"');
      expect(text).not.toMatch(/session\.|common\.|must be/);

      const times = await browser.submit('/trainer/sessions/new', { meetingCount: '1', 'date-0': '2030-03-04', 'start-0': '10:00', 'end-0': '09:00', capacity: '12' });
      expect(pageText(times.text)).toContain('De eindtijd van bijeenkomst 1 moet na de begintijd liggen.');
      expect(pageText(times.text)).toContain('Vul een plaats in of een link voor online.');
    });

    it('adds a meeting row without script and plans a two-meeting session, then shows its page', async () => {
      const trainer = await createTrainer(api.app);
      const course = await insertCourse(api.app, { author: trainer, title: 'Live cursus B' });
      const browser = await signedIn(trainer);
      const first = { courseId: course.id, meetingCount: '1', 'date-0': '2030-03-04', 'start-0': '09:30', 'end-0': '12:00', capacity: '12', location: 'Buurthuis De Linde', visibility: 'open' };
      const more = await browser.submit('/trainer/sessions/new', { ...first, action: 'addMeeting' });
      expect(more.status).toBe(200);
      expect(more.text).toContain('id="date-1"');
      expect(more.text).toContain('value="09:30"');
      expect(pageText(more.text)).toContain('Bijeenkomst 2');

      const planned = await browser.submit('/trainer/sessions/new', { ...first, meetingCount: '2', 'date-1': '2030-03-11', 'start-1': '09:30', 'end-1': '12:00', deadline: '2030-03-01', action: 'plan' });
      expect(planned.status).toBe(303);
      const id = /^\/trainer\/sessions\/([0-9a-f-]{36})$/.exec(planned.headers.location)?.[1];
      expect(id).toBeDefined();
      const page = await browser.get(planned.headers.location);
      const text = pageText(page.text);
      expect(text).toContain('De sessie is gepland.');
      expect(text).toContain('maandag 4 maart 2030, 09:30–12:00');
      expect(text).toContain('maandag 11 maart 2030, 09:30–12:00');
      expect(text).toContain('Buurthuis De Linde');
      expect(text).toContain('0 van 12 plaatsen bezet');
      const stored = await api.http().get(`/api/sessions/${id}`);
      expect(stored.body.meetings.map((m: { startsAt: string }) => m.startsAt)).toEqual(['2030-03-04T08:30:00.000Z', '2030-03-11T08:30:00.000Z']);
      expect(stored.body.enrolmentDeadline).toBe('2030-03-01T22:59:00.000Z');
    });

    it('plans in-company only for an organisation the trainer trains for, and tells a course it may not plan openly', async () => {
      const tenant = await createTenant(api.app);
      const author = await createTrainer(api.app);
      const course = await insertCourse(api.app, { author, title: 'Cursus van een ander' });
      const browser = await signedIn(tenant.trainer);
      const base = { courseId: course.id, meetingCount: '1', 'date-0': '2030-05-06', 'start-0': '13:00', 'end-0': '16:00', capacity: '8', location: 'Stadskantoor' };
      const open = await browser.submit('/trainer/sessions/new', { ...base, visibility: 'open' });
      expect(open.status).toBe(400);
      expect(pageText(open.text)).toContain('Alleen de maker van deze cursus plant open sessies.');
      const noOrg = await browser.submit('/trainer/sessions/new', { ...base, visibility: 'in-company' });
      expect(pageText(noOrg.text)).toContain('Kies de organisatie waarvoor je deze sessie geeft.');
      const elsewhere = await createTenant(api.app);
      const foreign = await browser.submit('/trainer/sessions/new', { ...base, visibility: 'in-company', organisationId: elsewhere.organisation.id });
      expect(pageText(foreign.text)).toContain('Voor deze organisatie mag je geen sessies plannen.');
      const planned = await browser.submit('/trainer/sessions/new', { ...base, visibility: 'in-company', organisationId: tenant.organisation.id });
      expect(planned.status).toBe(303);
      expect(pageText((await browser.get(planned.headers.location)).text)).toContain(`In-company voor ${tenant.organisation.name}`);
    });
  });

  describe('one session', () => {
    it('is the "niet gevonden" page for another trainer, for her forms too', async () => {
      const trainer = await createTrainer(api.app);
      const course = await insertCourse(api.app, { author: trainer });
      const session = await scheduleSession(api, trainer, course, { capacity: 5 });
      const other = await signedIn(await createTrainer(api.app));
      notFound(await other.get(`/trainer/sessions/${session.id}`));
      notFound(await other.get('/trainer/sessions/not-an-id'));
      expect((await other.submit('/trainer', { capacity: '1' }, `/trainer/sessions/${session.id}/capacity`)).status).toBe(404);
      expect((await sessionState(api.app, session.id)).session.capacity).toBe(5);
    });

    it('shows the roster and the waitlist in order, and "Bevestigen" gives a freed seat by hand inside the cutoff', async () => {
      const trainer = await createTrainer(api.app);
      const course = await insertCourse(api.app, { author: trainer });
      const session = await scheduleSession(api, trainer, course, { capacity: 1, inDays: 0.5 });
      const [anna, bram, cor] = await Promise.all([
        createPerson(api.app, { name: 'Anna Aalbers' }), createPerson(api.app, { name: 'Bram Bos' }), createPerson(api.app, { name: 'Cor de Wit' }),
      ]);
      const annaEnrolment = await enrol(api, anna, course.id, session.id);
      await enrol(api, bram, course.id, session.id);
      await enrol(api, cor, course.id, session.id);
      const browser = await signedIn(trainer);
      const page = await browser.get(`/trainer/sessions/${session.id}`);
      expect(h1Count(page.text)).toBe(1);
      expect(pageText(page.text)).toMatch(/Deelnemers.*Anna Aalbers.*Wachtlijst.*Plek 1 : Bram Bos.*Plek 2 : Cor de Wit/);
      expect(page.text.match(/>Bevestigen<\/button>/g)).toHaveLength(2);

      const state = await sessionState(api.app, session.id);
      const [bramRow] = state.waitlisted;
      const full = await browser.submit(`/trainer/sessions/${session.id}`, {}, `/trainer/sessions/${session.id}/waitlist/${bramRow.id}/confirm`);
      expect(full.status).toBe(409);
      expect(pageText(full.text)).toContain('Er is geen plaats vrij.');

      expect((await api.http().post(`/api/enrolments/${annaEnrolment}/cancel`).set(anna.auth)).status).toBe(200);
      expect((await sessionState(api.app, session.id)).waitlisted).toHaveLength(2); // inside the cutoff: nobody moves up by themselves
      const confirmed = await browser.submit(`/trainer/sessions/${session.id}`, {}, `/trainer/sessions/${session.id}/waitlist/${bramRow.id}/confirm`);
      expect(confirmed.status).toBe(303);
      const after = await sessionState(api.app, session.id);
      expect(after.confirmed.map((e) => e.user_id)).toEqual([bram.user.id]);
      expect(after.positions).toEqual([1]);
      expect(pageText((await browser.get(confirmed.headers.location)).text)).toMatch(/Bevestigd: deze persoon heeft nu een plaats.*Deelnemers.*Bram Bos.*Wachtlijst.*Plek 1 : Cor de Wit/);
    });

    it('changes the capacity (not below the confirmed count) and cancels only after the confirm step', async () => {
      const trainer = await createTrainer(api.app);
      const course = await insertCourse(api.app, { author: trainer, title: 'Cursus om te annuleren' });
      const session = await scheduleSession(api, trainer, course, { capacity: 2 });
      const people = await Promise.all([createPerson(api.app), createPerson(api.app), createPerson(api.app)]);
      for (const p of people) await enrol(api, p, course.id, session.id);
      const browser = await signedIn(trainer);
      const page = `/trainer/sessions/${session.id}`;

      const below = await browser.submit(page, { capacity: '1' }, `${page}/capacity`);
      expect(below.status).toBe(400);
      expect(pageText(below.text)).toContain('Er hebben al 2 mensen een plaats. Kies 2 of meer.');
      const word = await browser.submit(page, { capacity: 'veel' }, `${page}/capacity`);
      expect(pageText(word.text)).toContain('Vul het aantal plaatsen in: een heel getal van 1 of meer.');
      const raised = await browser.submit(page, { capacity: '3' }, `${page}/capacity`);
      expect(raised.status).toBe(303);
      const state = await sessionState(api.app, session.id);
      expect([state.session.capacity, state.session.confirmed_count, state.session.waitlist_count]).toEqual([3, 3, 0]);

      const ask = await browser.get(`${page}/cancel`);
      expect(ask.status).toBe(200);
      expect(h1Count(ask.text)).toBe(1);
      expect(pageText(ask.text)).toContain('Weet je zeker dat je Cursus om te annuleren');
      expect(pageText(ask.text)).toContain('3 deelnemers en 0 mensen op de wachtlijst krijgen bericht.');
      expect((await sessionState(api.app, session.id)).session.status).toBe('scheduled');
      const cancelled = await browser.submit(`${page}/cancel`, {});
      expect(cancelled.status).toBe(303);
      expect((await sessionState(api.app, session.id)).session.status).toBe('cancelled');
      const after = pageText((await browser.get(page)).text);
      expect(after).toContain('De sessie is geannuleerd.');
      expect(after).not.toContain('Aantal plaatsen opslaan');
    });

    it('says in words that attendance waits for the start, then saves the sheet per meeting; saving twice changes nothing', async () => {
      const trainer = await createTrainer(api.app);
      const course = await insertCourse(api.app, { author: trainer });
      const session = await scheduleSession(api, trainer, course, { capacity: 5 });
      const [anna, bram] = await Promise.all([createPerson(api.app, { name: 'Anna Aanwezig' }), createPerson(api.app, { name: 'Bram Afwezig' })]);
      const annaEnrolment = await enrol(api, anna, course.id, session.id);
      const bramEnrolment = await enrol(api, bram, course.id, session.id);
      const browser = await signedIn(trainer);
      const page = `/trainer/sessions/${session.id}`;

      const before = await browser.get(page);
      expect(pageText(before.text)).toContain('Deze bijeenkomst is nog niet begonnen. Je kunt de aanwezigheid invullen vanaf het begin');
      expect(before.text).not.toContain('Aanwezigheid opslaan');

      await meetingsHaveStarted(api.app, session.id);
      const sheet = await browser.get(page);
      expect(sheet.text.match(/>Aanwezigheid opslaan<\/button>/g)).toHaveLength(2);
      const [first, second] = session.meetings.map((m) => m.id);
      // Each checkbox sits inside its <label>: the whole row is the target.
      expect(sheet.text).toMatch(new RegExp(`<label class="schakel-choice" for="present-${first}-${annaEnrolment}">\\s*<input[^>]+type="checkbox"[^>]+name="present" value="${annaEnrolment}"[^>]*>\\s*<span>Anna Aanwezig</span>`));
      expect(sheet.text).toMatch(/<legend[^>]*>Bijeenkomst 1: /);

      const fields = { listed: [annaEnrolment, bramEnrolment], present: [annaEnrolment] };
      const saved = await browser.submit(page, fields, `${page}/attendance/${first}`);
      expect(saved.status).toBe(303);
      const once = await attendanceRows(session.id);
      expect(once).toEqual(
        [{ enrolment_id: annaEnrolment, meeting_id: first, present: true }, { enrolment_id: bramEnrolment, meeting_id: first, present: false }].sort((a, b) => a.enrolment_id.localeCompare(b.enrolment_id)),
      );
      await browser.submit(page, fields, `${page}/attendance/${first}`);
      expect(await attendanceRows(session.id)).toEqual(once);

      const shown = await browser.get(page);
      expect(pageText(shown.text)).toContain('De aanwezigheid is opgeslagen.');
      expect(shown.text).toMatch(new RegExp(`id="present-${first}-${annaEnrolment}" name="present" value="${annaEnrolment}" checked`));
      expect(shown.text).not.toMatch(new RegExp(`id="present-${first}-${bramEnrolment}" name="present" value="${bramEnrolment}" checked`));
      expect(shown.text).not.toMatch(new RegExp(`id="present-${second}-${annaEnrolment}" name="present" value="${annaEnrolment}" checked`));
    });
  });

  describe('authoring', () => {
    it('lists her courses, creates one, adds, edits and reorders lessons, writes the quiz and publishes', async () => {
      const trainer = await createTrainer(api.app);
      const browser = await signedIn(trainer);
      const empty = await browser.get('/trainer/courses');
      expect(empty.status).toBe(200);
      expect(pageText(empty.text)).toContain('Je hebt nog geen cursussen gemaakt.');

      const wrong = await browser.submit('/trainer/courses', { title: 'X', slug: 'Geen Slug!', format: 'online' });
      expect(wrong.status).toBe(400);
      expect(pageText(wrong.text)).toContain('Vul een titel in van minstens 2 tekens.');
      expect(pageText(wrong.text)).toContain('Kies minstens één rol.');

      const slug = `luisteren-${Date.now()}`;
      const created = await browser.submit('/trainer/courses', { title: 'Luisteren zonder oordeel', slug, format: 'online', chainRoles: ['first-conversation'] });
      expect(created.status).toBe(303);
      const coursePath = created.headers.location as string;
      const courseId = coursePath.split('/').pop()!;

      const early = await browser.submit(coursePath, { status: 'published' }, `${coursePath}/status`);
      expect(early.status).toBe(409);
      expect(pageText(early.text)).toContain('Een online cursus heeft minstens één les nodig');

      expect(pageText((await browser.submit(coursePath, { title: '', body: 'x' }, `${coursePath}/lessons`)).text)).toContain('Vul een titel in voor de les.');
      await browser.submit(coursePath, { title: 'Les een', body: 'Eerste tekst' }, `${coursePath}/lessons`);
      await browser.submit(coursePath, { title: 'Les twee', body: 'Tweede tekst', videoUrl: 'https://video.example.nl/2' }, `${coursePath}/lessons`);
      const lessons = (await api.http().get(`/api/courses/${courseId}/lessons`).set(trainer.auth)).body.items as Array<{ id: string; title: string; videoUrl: string | null }>;
      expect(lessons.map((l) => l.title)).toEqual(['Les een', 'Les twee']);
      expect(lessons[1].videoUrl).toBe('https://video.example.nl/2');

      expect((await browser.submit(coursePath, { direction: 'up' }, `${coursePath}/lessons/${lessons[1].id}/move`)).status).toBe(303);
      const edited = await browser.submit(`${coursePath}/lessons/${lessons[0].id}`, { title: 'Les een (nieuw)', body: 'Nieuwe tekst', videoUrl: '' });
      expect(edited.status).toBe(303);
      const reordered = (await api.http().get(`/api/courses/${courseId}/lessons`).set(trainer.auth)).body.items as Array<{ title: string; body: string; videoUrl: string | null }>;
      expect(reordered.map((l) => [l.title, l.body, l.videoUrl])).toEqual([['Les twee', 'Tweede tekst', 'https://video.example.nl/2'], ['Les een (nieuw)', 'Nieuwe tekst', null]]);

      const quizForm = await browser.get(`${coursePath}/quiz`);
      expect(quizForm.status).toBe(200);
      expect(quizForm.text).toContain('>Antwoord A</label>');
      const noAnswer = await browser.submit(`${coursePath}/quiz`, { questionCount: '1', passMark: '70', maxAttempts: '3', 'prompt-0': 'Wat doe je eerst?', 'option-0-0': 'Luisteren', 'option-0-1': 'Praten' });
      expect(noAnswer.status).toBe(400);
      expect(pageText(noAnswer.text)).toContain('Vink bij vraag 1 minstens één goed antwoord aan.');
      const quiz = await browser.submit(`${coursePath}/quiz`, {
        questionCount: '2', passMark: '60', maxAttempts: '2',
        'prompt-0': 'Wat doe je eerst?', 'option-0-0': 'Luisteren', 'option-0-1': 'Praten', 'correct-0': '0',
        'prompt-1': '', action: 'save',
      });
      expect(quiz.status).toBe(303);
      const stored = (await api.http().get(`/api/courses/${courseId}/quiz`).set(trainer.auth)).body;
      expect(stored).toMatchObject({ passMark: 60, maxAttempts: 2, questions: [{ prompt: 'Wat doe je eerst?', options: ['Luisteren', 'Praten'], correct: [0] }] });

      const published = await browser.submit(coursePath, { status: 'published' }, `${coursePath}/status`);
      expect(published.status).toBe(303);
      const page = pageText((await browser.get(coursePath)).text);
      expect(page).toContain('De cursus is gepubliceerd.');
      expect(page).toContain('Status: Gepubliceerd');
      expect(page).toContain('1 vragen, geslaagd vanaf 60%, 2 pogingen');
      expect(pageText((await browser.get('/trainer/courses')).text)).toContain('Luisteren zonder oordeel');
    });

    it('keeps every answer and question of a stored quiz, and "Nog een antwoord" adds one up to ten', async () => {
      const trainer = await createTrainer(api.app);
      const course = await insertCourse(api.app, { author: trainer, format: 'online', status: 'draft' });
      const browser = await signedIn(trainer);
      const quizPath = `/trainer/courses/${course.id}/quiz`;
      const letters = 'ABCDEFGHIJ'.split('');
      const questions = [
        { prompt: 'Wat doe je eerst?', options: letters.slice(0, 6).map((l) => `Keuze ${l}`), correct: [5] },
        { prompt: 'Welke zijn goed?', options: letters.map((l) => `Optie ${l}`), correct: [0, 9] },
      ];
      const put = await api.http().put(`/api/courses/${course.id}/quiz`).set(trainer.auth).send({ passMark: 70, maxAttempts: 3, questions });
      expect(put.status).toBe(200);
      const stored = async () => (await api.http().get(`/api/courses/${course.id}/quiz`).set(trainer.auth)).body.questions;

      // Every stored answer is on the page (six, ten), and the page saved as it stands changes nothing.
      const shown = await browser.get(quizPath);
      expect(pageText(shown.text)).toContain('Antwoord F');
      expect(shown.text).toContain('value="Optie J"');
      expect(shown.text).toContain('value="addOption-0"');
      expect(shown.text).not.toContain('value="addOption-1"'); // ten answers: the most a question may have
      expect(shown.text).toContain('aria-label="Nog een antwoord bij vraag 1"');
      const unchanged = await browser.submit(quizPath, { ...formFields(shown.text), action: 'save' });
      expect(unchanged.status).toBe(303);
      expect(await stored()).toEqual(questions.map((q) => expect.objectContaining(q)));

      // "Nog een antwoord" on question 1: a seventh field, kept filled in; then saved.
      const more = await browser.submit(quizPath, { ...formFields((await browser.get(quizPath)).text), action: 'addOption-0' });
      expect(more.status).toBe(200);
      expect(more.text).toContain('id="option-0-6"');
      expect(more.text).not.toContain('id="option-0-7"');
      const fields = { ...formFields(more.text), 'option-0-6': 'Keuze G', action: 'save' };
      expect((await browser.submit(quizPath, fields)).status).toBe(303);
      expect((await stored())[0]).toMatchObject({ options: letters.slice(0, 7).map((l) => `Keuze ${l}`), correct: [5] });
    });

    it('deletes a lesson after a confirm step, and keeps a published online course\'s last lesson', async () => {
      const trainer = await createTrainer(api.app);
      const course = await createOnlineCourse(api, trainer, { lessons: 2 });
      const browser = await signedIn(trainer);
      const [first, second] = course.lessonIds;
      const lessonPage = await browser.get(`/trainer/courses/${course.id}/lessons/${second}`);
      expect(lessonPage.text).toContain(`href="/trainer/courses/${course.id}/lessons/${second}/remove"`);
      expect(pageText(lessonPage.text)).toContain('Les verwijderen');
      const confirm = await browser.get(`/trainer/courses/${course.id}/lessons/${second}/remove`);
      expect(confirm.status).toBe(200);
      expect(pageText(confirm.text)).toContain('Wat deelnemers in deze les al deden, vervalt.');
      expect(pageText(confirm.text)).toContain('Ja, verwijder de les');
      const lessons = async () => (await api.http().get(`/api/courses/${course.id}/lessons`).set(trainer.auth)).body.items as Array<{ id: string }>;
      expect(await lessons()).toHaveLength(2); // looking at the confirm step deletes nothing

      const removed = await browser.submit(`/trainer/courses/${course.id}/lessons/${second}/remove`, {});
      expect(removed.status).toBe(303);
      expect(removed.headers.location).toBe(`/trainer/courses/${course.id}#lessons`);
      expect(pageText((await browser.get(`/trainer/courses/${course.id}`)).text)).toContain('De les is verwijderd.');
      expect((await lessons()).map((l) => l.id)).toEqual([first]);

      const last = await browser.submit(`/trainer/courses/${course.id}/lessons/${first}/remove`, {});
      expect(last.status).toBe(409);
      expect(pageText(last.text)).toContain('Een gepubliceerde online cursus heeft minstens één les nodig.');
      expect((await lessons()).map((l) => l.id)).toEqual([first]);
      notFound(await (await signedIn(await createTrainer(api.app))).get(`/trainer/courses/${course.id}/lessons/${first}/remove`));
    });

    it('is the "niet gevonden" page for another trainer\'s course', async () => {
      const author = await createTrainer(api.app);
      const draft = await insertCourse(api.app, { author, status: 'draft' });
      const published = await insertCourse(api.app, { author });
      const other = await signedIn(await createTrainer(api.app));
      notFound(await other.get(`/trainer/courses/${draft.id}`));
      notFound(await other.get(`/trainer/courses/${published.id}`));
      expect((await other.submit('/trainer/courses', { status: 'archived' }, `/trainer/courses/${published.id}/status`)).status).toBe(404);
    });
  });
});
