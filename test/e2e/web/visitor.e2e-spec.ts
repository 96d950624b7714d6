import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { CatalogueCache, CourseService } from '@schakel/catalogue';
import { AppConfig } from '@schakel/config';
import { PageRenderer } from '@schakel/web';
import { startApi, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { PageClient, pageText } from '../../support/page-client';
import { insertCourse, insertOnlineCourse } from '../../factories/course.factory';
import { requestEnrolment } from '../../factories/enrolment.factory';
import { createPerson, TEST_PASSWORD, type Person } from '../../factories/person.factory';
import { insertSession, sessionState } from '../../factories/session.factory';

const TUESDAY = (day: number): [Date, Date] => {
  const date = `2030-03-${String(day).padStart(2, '0')}`;
  return [new Date(`${date}T09:00:00Z`), new Date(`${date}T11:30:00Z`)];
};

/** Issue 12, the visitor's pages: the catalogue, a course page with enrolling, a role's learning path. */
describe('web: catalogue, course page and learning path', () => {
  let dropDatabase: () => Promise<void>;
  let api: TestApi;
  let redis: Redis;

  beforeAll(async () => {
    dropDatabase = await isolateRun('web-visitor');
    api = await startApi();
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  afterAll(async () => {
    redis?.disconnect();
    await api?.close();
    await dropDatabase?.();
  });

  /** Rows written straight into the table do not pass the catalogue's cache invalidation. */
  const catalogueChanged = () => redis.incr(`${api.app.get(AppConfig).queuePrefix}:catalogue:version`);
  const db = () => api.app.get(DataSource);
  const signedIn = async (person?: Person) => {
    const learner = person ?? (await createPerson(api.app));
    const browser = new PageClient(api);
    await browser.signIn(learner.user.email, TEST_PASSWORD);
    return { learner, browser };
  };

  describe('/courses', () => {
    it('lists published courses, each linking to its page, and filters by role and format with a plain GET form', async () => {
      const online = await insertCourse(api.app, { title: 'Catalogus online coördinator', format: 'online', chainRoles: ['coordinator'] });
      const live = await insertCourse(api.app, { title: 'Catalogus live coördinator', format: 'live', chainRoles: ['coordinator', 'intake-referral'] });
      const draft = await insertCourse(api.app, { title: 'Catalogus concept', status: 'draft', chainRoles: ['coordinator'] });
      await catalogueChanged();
      const visitor = new PageClient(api);

      const all = await visitor.get('/courses');
      expect(all.status).toBe(200);
      expect(all.text.match(/<h1[\s>]/g)).toHaveLength(1);
      expect(all.text).toContain('<form class="schakel-panel schakel-filters" method="get" action="/courses"');
      expect(all.text).toMatch(/<label class="utrecht-form-label" for="role">Rol<\/label>/);
      expect(all.text).toMatch(/<label class="utrecht-form-label" for="format">Vorm<\/label>/);
      for (const format of ['Online', 'Live', 'Gemengd']) expect(all.text).toContain(`>${format}</option>`);
      expect(all.text).toContain(`href="/courses/${online.slug}">${online.title}</a>`);
      expect(all.text).toContain(`href="/courses/${live.slug}">${live.title}</a>`);
      expect(all.text).not.toContain(draft.title);
      expect(String(all.headers['set-cookie'] ?? '')).not.toContain('schakel.sid');

      const coordinatorLive = await visitor.get('/courses?role=coordinator&format=live');
      expect(pageText(coordinatorLive.text)).toContain(live.title);
      expect(pageText(coordinatorLive.text)).not.toContain(online.title);
      expect(coordinatorLive.text).toMatch(/<option value="coordinator" selected>/);
      expect(coordinatorLive.text).toMatch(/<option value="live" selected>Live<\/option>/);

      const intakeOnline = await visitor.get('/courses?role=intake-referral&format=online');
      expect(pageText(intakeOnline.text)).not.toContain(live.title);
    });

    it('says so in words when nothing matches, with a way back to every course, and ignores a filter value it does not know', async () => {
      await catalogueChanged();
      const visitor = new PageClient(api);
      const none = await visitor.get('/courses?role=deeper-conversation&format=blended');
      expect(none.status).toBe(200);
      expect(pageText(none.text)).toContain('Er zijn geen trainingen die passen bij je keuze.');
      expect(none.text).toContain('href="/courses">Toon alle trainingen</a>');
      await visitor.get('/language?lang=en&next=%2Fcourses');
      const english = await visitor.get('/courses?role=deeper-conversation&format=blended');
      expect(english.text).toContain('<html lang="en">');
      expect(pageText(english.text)).toContain('No courses match your choice.');
      expect(english.text).toMatch(/<option value="blended" selected>Blended<\/option>/);
      const odd = await visitor.get('/courses?role=astronaut&format=%3Cscript%3E');
      expect(odd.status).toBe(200);
      expect(odd.text).not.toContain('<script>');
    });
    it('a signed-out visitor gets the page the controller rendered for this address and language from the edge, until a course changes', async () => {
      await catalogueChanged();
      const url = '/courses?role=first-conversation&format=online';
      const remembered = (lang: string) => api.app.get(CatalogueCache).remembered(`page:${api.app.get(PageRenderer).buildId}:${lang}:${url}`);
      const first = await new PageClient(api).get(url);
      expect(first.status).toBe(200);
      expect(await remembered('nl')).toBe(first.text);
      const controllerPath = jest.spyOn(api.app.get(CourseService), 'listJson');
      const second = await new PageClient(api).get(url);
      expect(controllerPath).not.toHaveBeenCalled(); // answered before the framework
      controllerPath.mockRestore();
      const headersOf = (response: { headers: Record<string, unknown> }) => {
        const { date: _date, 'x-request-id': _id, ...rest } = response.headers;
        return rest;
      };
      expect(second.text).toBe(first.text);
      expect(headersOf(second)).toEqual(headersOf(first));
      expect(second.headers.etag).toBeDefined();

      // Another language is another page; a visitor with a session goes to the controller, which keeps nothing for her.
      const english = new PageClient(api);
      await english.get('/language?lang=en&next=%2Fcourses');
      expect((await english.get(url)).text).toContain('<html lang="en">');
      const { browser } = await signedIn();
      const hers = await browser.get(url);
      expect(hers.text).toContain('href="/me"');
      expect(await remembered('nl')).toBe(first.text);

      // An address with anything the page does not read is answered, but never kept.
      const odd = `${url}&utm=${Date.now()}`;
      expect((await new PageClient(api).get(odd)).status).toBe(200);
      expect(await api.app.get(CatalogueCache).remembered(`page:${api.app.get(PageRenderer).buildId}:nl:${odd}`)).toBeNull();

      // A course published (through the service, which moves the catalogue version) shows at once.
      const course = await insertCourse(api.app, { title: 'Net gepubliceerd voor bezoekers', format: 'online', chainRoles: ['first-conversation'] });
      await catalogueChanged();
      expect(await remembered('nl')).toBeNull();
      expect((await new PageClient(api).get(url)).text).toContain(course.title);
    });
  });

  describe('/courses/:slug', () => {
    it('shows the description, roles, format, prerequisites and each upcoming session with dates written out, place and free seats', async () => {
      const basics = await insertCourse(api.app, { title: 'Luisteren voor beginners', chainRoles: ['first-conversation'] });
      const course = await insertCourse(api.app, {
        title: 'Het verdiepende gesprek',
        summary: 'Je oefent een tweede gesprek over wat iemand mist.',
        chainRoles: ['deeper-conversation', 'intake-referral'],
        format: 'live',
        durationHours: 5,
      });
      await db().query(`INSERT INTO course_prerequisites (course_id, prerequisite_id) VALUES ($1, $2)`, [course.id, basics.id]);
      await insertSession(api.app, course.id, [TUESDAY(5), TUESDAY(12)], { location: 'Buurthuis De Linde, Utrecht', capacity: 12 });
      await insertSession(api.app, course.id, [TUESDAY(19)], { location: null, onlineUrl: 'https://meet.example/geheim', capacity: 8 });
      const past = await insertSession(api.app, course.id, [[new Date(Date.now() - 86_400_000), new Date(Date.now() - 80_000_000)]], { location: 'Vroeger' });

      const page = await new PageClient(api).get(`/courses/${course.slug}`);
      expect(page.status).toBe(200);
      expect(page.text.match(/<h1[\s>]/g)).toHaveLength(1);
      const text = pageText(page.text);
      expect(text).toContain('Het verdiepende gesprek');
      expect(text).toContain('Je oefent een tweede gesprek over wat iemand mist.');
      expect(text).toMatch(/Voor wie Verdiepend gesprek ?, Intake en verwijzing/);
      expect(text).toContain('Live: Je leert samen met anderen');
      expect(text).toContain('5 uur');
      expect(page.text).toContain(`href="/courses/${basics.slug}">Luisteren voor beginners</a>`);
      expect(text).toContain('dinsdag 5 maart 2030, 10:00–12:30');
      expect(text).toContain('dinsdag 12 maart 2030, 10:00–12:30');
      expect(text).toContain('Buurthuis De Linde, Utrecht');
      expect(text).toContain('Nog 12 plekken vrij');
      expect(text).toContain('dinsdag 19 maart 2030, 10:00–12:30');
      expect(text).toMatch(/Plaats Online/);
      expect(text).toContain('Nog 8 plekken vrij');
      expect(page.text).not.toContain('meet.example');
      expect(text).not.toContain('Vroeger');
      expect(page.text).not.toContain(past.id);
      // A visitor's "Aanmelden" leads to signing in and back here.
      const back = `/login?next=${encodeURIComponent(`/courses/${course.slug}`)}`;
      expect(page.text.split(`href="${back}"`).length - 1).toBe(2);
      expect(text).toContain('Aanmelden');
      expect(String(page.headers['set-cookie'] ?? '')).not.toContain('schakel.sid');
    });

    it('says "niet gevonden" for a draft and for a course that does not exist', async () => {
      const draft = await insertCourse(api.app, { status: 'draft' });
      for (const path of [`/courses/${draft.slug}`, '/courses/bestaat-niet']) {
        const page = await new PageClient(api).get(path);
        expect(page.status).toBe(404);
        expect(pageText(page.text)).toContain('Niet gevonden');
      }
    });

    it('enrols a signed-in person in a session from its "Aanmelden" button and says she is confirmed', async () => {
      const course = await insertCourse(api.app, { title: 'Aanmelden bevestigd' });
      const session = await insertSession(api.app, course.id, [TUESDAY(5)], { capacity: 5 });
      const { learner, browser } = await signedIn();
      const page = await browser.get(`/courses/${course.slug}`);
      expect(page.text).toContain(`<input type="hidden" name="sessionId" value="${session.id}">`);
      expect(page.text).toMatch(/<button class="utrecht-button utrecht-button--primary-action" type="submit"[^>]*>Aanmelden<\/button>/);

      const result = await browser.submit(`/courses/${course.slug}`, { sessionId: session.id }, `/courses/${course.slug}/enrol`);
      expect(result.status).toBe(200);
      const text = pageText(result.text);
      expect(text).toContain('Je bent aangemeld');
      expect(text).toContain('Je bent aangemeld voor Aanmelden bevestigd.');
      expect(text).toContain('dinsdag 5 maart 2030, 10:00–12:30');
      expect(result.text).toContain('href="/me/trainings"');
      const state = await sessionState(api.app, session.id);
      expect(state.confirmed.map((e) => e.user_id)).toEqual([learner.user.id]);

      // The course page now says so, and offers no second enrolment.
      const again = await browser.get(`/courses/${course.slug}`);
      expect(pageText(again.text)).toContain('Je bent aangemeld voor deze sessie.');
      expect(again.text).not.toContain('name="sessionId"');
    });

    it('puts her on the waitlist when the session is full and says her place in line in words', async () => {
      const course = await insertCourse(api.app, { title: 'Volle training' });
      const session = await insertSession(api.app, course.id, [TUESDAY(5)], { capacity: 2 });
      for (let i = 0; i < 4; i++) expect((await requestEnrolment(api, await createPerson(api.app), course.id, session.id)).status).toBe(201);
      const { browser } = await signedIn();
      const page = await browser.get(`/courses/${course.slug}`);
      expect(pageText(page.text)).toContain('Vol. Er staan 2 mensen op de wachtlijst.');

      const result = await browser.submit(`/courses/${course.slug}`, { sessionId: session.id }, `/courses/${course.slug}/enrol`);
      expect(result.status).toBe(200);
      expect(pageText(result.text)).toContain('Je staat op de wachtlijst. Je bent nummer 3.');
      expect((await sessionState(api.app, session.id)).positions).toEqual([1, 2, 3]);
    });

    it('starts an online course from its "Aanmelden" button and leads to the module', async () => {
      const course = await insertOnlineCourse(api.app, { title: 'Online beginnen' });
      const { learner, browser } = await signedIn();
      const result = await browser.submit(`/courses/${course.slug}`, {}, `/courses/${course.slug}/enrol`);
      expect(result.status).toBe(200);
      expect(pageText(result.text)).toContain('Je bent aangemeld voor Online beginnen. Je kunt meteen beginnen.');
      const [row] = await db().query(`SELECT id, status FROM enrolments WHERE user_id = $1 AND course_id = $2`, [learner.user.id, course.id]);
      expect(result.text).toContain(`href="/learn/${row.id}"`);
      expect(pageText((await browser.get(`/courses/${course.slug}`)).text)).toContain('Ga verder met de module');
    });

    it('moves a learner in the online part of a blended course into the session she picks, progress kept, and says so', async () => {
      const course = await insertCourse(api.app, { title: 'Gemengde training', format: 'blended' });
      const session = await insertSession(api.app, course.id, [TUESDAY(5)], { capacity: 5 });
      const { learner, browser } = await signedIn();
      const started = await browser.submit(`/courses/${course.slug}`, {}, `/courses/${course.slug}/enrol`);
      expect(pageText(started.text)).toContain('Je kunt meteen beginnen.');
      const [{ id }] = await db().query(`SELECT id FROM enrolments WHERE user_id = $1 AND course_id = $2`, [learner.user.id, course.id]);
      const page = await browser.get(`/courses/${course.slug}`);
      expect(page.text).toContain(`<input type="hidden" name="sessionId" value="${session.id}">`);

      const moved = await browser.submit(`/courses/${course.slug}`, { sessionId: session.id }, `/courses/${course.slug}/enrol`);
      expect(moved.status).toBe(200);
      expect(pageText(moved.text)).toContain('Je bent aangemeld voor Gemengde training.');
      expect(pageText(moved.text)).toContain('Wat je online al hebt gedaan, blijft bewaard.');
      expect((await sessionState(api.app, session.id)).confirmed.map((e) => e.id)).toEqual([id]);
    });

    it('says every refusal in a plain sentence, never a code, and enrols nobody', async () => {
      const { learner, browser } = await signedIn();
      const refused = async (slug: string, sessionId?: string) => {
        const response = await browser.submit(`/courses/${slug}`, sessionId ? { sessionId } : {}, `/courses/${slug}/enrol`);
        expect(response.text).not.toMatch(/enrolment\.|licence\.|statusCode/);
        expect(response.text.match(/<h1[\s>]/g)).toHaveLength(1);
        expect(response.text).toContain('role="alert"');
        return { status: response.status, text: pageText(response.text) };
      };

      const basics = await insertCourse(api.app, { title: 'Eerst dit' });
      const advanced = await insertCourse(api.app, { title: 'Daarna dat' });
      await db().query(`INSERT INTO course_prerequisites (course_id, prerequisite_id) VALUES ($1, $2)`, [advanced.id, basics.id]);
      const advancedSession = await insertSession(api.app, advanced.id, [TUESDAY(5)]);
      expect(pageText((await browser.get(`/courses/${advanced.slug}`)).text)).toContain('Rond eerst deze training af');
      const prerequisite = await refused(advanced.slug, advancedSession.id);
      expect(prerequisite.status).toBe(422);
      expect(prerequisite.text).toContain('Je kunt je nog niet aanmelden. Rond eerst deze training af: Eerst dit.');

      const late = await insertCourse(api.app);
      const lateSession = await insertSession(api.app, late.id, [TUESDAY(5)]);
      await db().query(`UPDATE sessions SET enrolment_deadline = now() - interval '1 day' WHERE id = $1`, [lateSession.id]);
      expect(pageText((await browser.get(`/courses/${late.slug}`)).text)).toContain('Aanmelden voor deze sessie is gesloten.');
      expect((await refused(late.slug, lateSession.id)).text).toContain('de aanmeldtermijn is voorbij');

      const bought = await insertCourse(api.app, { access: 'by-organisation' });
      const boughtSession = await insertSession(api.app, bought.id, [TUESDAY(5)]);
      const seat = await refused(bought.slug, boughtSession.id);
      expect(seat.status).toBe(403);
      expect(seat.text).toContain('Voor deze training heb je een plek nodig die je organisatie heeft gekocht.');

      const twice = await insertCourse(api.app);
      const first = await insertSession(api.app, twice.id, [TUESDAY(5)]);
      const second = await insertSession(api.app, twice.id, [TUESDAY(12)]);
      expect((await requestEnrolment(api, learner, twice.id, first.id)).status).toBe(201);
      const already = await refused(twice.slug, second.id);
      expect(already.status).toBe(409);
      expect(already.text).toContain('Je bent al aangemeld voor deze training.');

      const live = await insertCourse(api.app);
      expect((await refused(live.slug)).text).toContain('Kies eerst een sessie');
      expect((await refused(live.slug, 'geen-sessie')).text).toContain('Deze sessie bestaat niet meer.');

      const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM enrolments WHERE user_id = $1`, [learner.user.id]);
      expect(n).toBe(1);
    });

    it('sends a visitor who enrols to sign in, and back to the course page after', async () => {
      const course = await insertCourse(api.app);
      const session = await insertSession(api.app, course.id, [TUESDAY(5)]);
      const person = await createPerson(api.app);
      const visitor = new PageClient(api);
      // A form whose session ended while the page was open: sign in, then back to the course.
      const token = /name="_csrf" value="([^"]+)"/.exec((await visitor.get('/login')).text)?.[1] ?? '';
      const posted = await visitor.agent.post(`/courses/${course.slug}/enrol`).type('form').set('Accept', 'text/html').send({ sessionId: session.id, _csrf: token });
      expect(posted.status).toBe(303);
      const next = `/courses/${course.slug}`;
      expect(posted.headers.location).toBe(`/login?next=${encodeURIComponent(next)}`);
      const login = await visitor.get(posted.headers.location);
      expect(login.text).toContain(`name="next" value="${next}"`);
      const signedInNow = await visitor.submit(posted.headers.location, { email: person.user.email, password: TEST_PASSWORD, next }, '/login');
      expect(signedInNow.headers.location).toBe(next);
      expect((await sessionState(api.app, session.id)).enrolments).toEqual([]);
    });
  });

  describe('/learning-paths/:chainRole', () => {
    it("shows a visitor the role's courses in order, prerequisites first, with a way to sign in for her status", async () => {
      const start = await insertCourse(api.app, { title: 'Pad stap een', chainRoles: ['coordinator'] });
      const next = await insertCourse(api.app, { title: 'Pad stap twee', chainRoles: ['coordinator'] });
      const outside = await insertCourse(api.app, { title: 'Pad voorkennis', chainRoles: ['first-conversation'] });
      await db().query(`INSERT INTO course_prerequisites (course_id, prerequisite_id) VALUES ($1, $2), ($2, $3)`, [next.id, start.id, outside.id]);
      const page = await new PageClient(api).get('/learning-paths/coordinator');
      expect(page.status).toBe(200);
      expect(page.text.match(/<h1[\s>]/g)).toHaveLength(1);
      const text = pageText(page.text);
      expect(text).toContain('Leerpad: Spin in het web');
      const order = [outside.title, start.title, next.title].map((title) => text.indexOf(title));
      expect(order.every((at) => at >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(text).toContain('Nodig voor een volgende stap.');
      expect(page.text).toContain(`href="/courses/${start.slug}"`);
      expect(page.text).toContain('href="/login?next=%2Flearning-paths%2Fcoordinator"');
      expect(text).not.toContain('Jouw voortgang');
    });

    it("shows the signed-in person's status per course", async () => {
      const course = await insertOnlineCourse(api.app, { title: 'Pad met status', chainRoles: ['intake-referral'] });
      const other = await insertCourse(api.app, { title: 'Pad nog niet', chainRoles: ['intake-referral'] });
      const { learner, browser } = await signedIn();
      await db().query(`INSERT INTO enrolments (user_id, course_id, status) VALUES ($1, $2, 'active')`, [learner.user.id, course.id]);
      const text = pageText((await browser.get('/learning-paths/intake-referral')).text);
      expect(text).toMatch(/Pad met status .*Jouw voortgang: Bezig/);
      expect(text).toMatch(new RegExp(`${other.title} .*Jouw voortgang: Nog niet begonnen`));
      expect(text).not.toContain('Log in om je eigen voortgang te zien');
    });

    it('says "niet gevonden" for a role that does not exist', async () => {
      const page = await new PageClient(api).get('/learning-paths/astronaut');
      expect(page.status).toBe(404);
      expect(pageText(page.text)).toContain('Niet gevonden');
    });
  });
});
