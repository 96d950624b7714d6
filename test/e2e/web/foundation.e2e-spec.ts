import Redis from 'ioredis';
import { AppConfig } from '@schakel/config';
import { UserRepository } from '@schakel/identity';
import { startApi, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { PageClient, pageText } from '../../support/page-client';
import { createTenant } from '../../factories/organisation.factory';
import { createPerson, TEST_PASSWORD } from '../../factories/person.factory';

/** Issue 12, the foundation: layout and assets, page sessions, CSRF, sign in and out, the language, error pages. */
describe('web: the pages foundation', () => {
  let dropDatabase: () => Promise<void>;
  let api: TestApi;
  let redis: Redis;

  beforeAll(async () => {
    dropDatabase = await isolateRun('web-foundation');
    api = await startApi();
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  afterAll(async () => {
    redis?.disconnect();
    await api?.close();
    await dropDatabase?.();
  });

  const sessionKeys = async () => redis.keys(`${api.app.get(AppConfig).queuePrefix}:page-session:*`);

  it('serves the home page with the four chain roles, to a visitor, without starting a session', async () => {
    const home = await new PageClient(api).get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('<html lang="nl">');
    expect(home.text).toMatch(/<h1[^>]*>Schakel<\/h1>/);
    for (const [role, name] of [
      ['first-conversation', 'Eerste gesprek'],
      ['deeper-conversation', 'Verdiepend gesprek'],
      ['intake-referral', 'Intake en verwijzing'],
      ['coordinator', 'Spin in het web'],
    ]) {
      expect(home.text).toContain(`href="/learning-paths/${role}">${name}</a>`);
    }
    expect(home.text).toContain('href="/login">Inloggen</a>');
    expect(String(home.headers['set-cookie'] ?? '')).not.toContain('schakel.sid');
  });

  it('serves the NL Design System CSS and its own theme with fingerprinted names, cached for a year, compressed', async () => {
    const home = await new PageClient(api).get('/');
    const hrefs = [...home.text.matchAll(/href="(\/assets\/[^"]+\.css)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([expect.stringMatching(/utrecht-tokens\.[0-9a-f]{10}\.css$/), expect.stringMatching(/utrecht-components\.[0-9a-f]{10}\.css$/), expect.stringMatching(/schakel\.[0-9a-f]{10}\.css$/)]);
    for (const href of hrefs) {
      const css = await api.http().get(href).set('Accept-Encoding', 'gzip');
      expect(css.status).toBe(200);
      expect(css.headers['content-type']).toContain('text/css');
      expect(css.headers['content-encoding']).toBe('gzip');
      expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    expect((await api.http().get('/assets/schakel.0000000000.css')).status).toBe(404);
  });

  it('signs in with a new session id, shows the signed-in layout, and signs out on the server', async () => {
    const person = await createPerson(api.app, { name: 'Anna de Vries' });
    const browser = new PageClient(api);
    const loginPage = await browser.get('/login');
    const before = /schakel\.sid=([^;]+)/.exec(String(loginPage.headers['set-cookie']))?.[1];
    expect(before).toBeDefined();
    const signedIn = await browser.signIn(person.user.email, TEST_PASSWORD);
    expect(signedIn.headers.location).toBe('/me');
    const after = /schakel\.sid=([^;]+)/.exec(String(signedIn.headers['set-cookie']))?.[1];
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const cookie = String(signedIn.headers['set-cookie']);
    expect(cookie).toMatch(/schakel\.sid=[^;]+;.*HttpOnly/);
    expect(cookie).toMatch(/schakel\.sid=[^;]+;.*SameSite=Lax/);

    const home = await browser.get('/');
    expect(pageText(home.text)).toContain('Uitloggen');
    expect(pageText(home.text)).toContain('Mijn leerpad');
    const keysWhileIn = await sessionKeys();

    const out = await browser.submit('/', {}, '/logout');
    expect(out.status).toBe(303);
    expect(pageText((await browser.get('/')).text)).toContain('Inloggen');
    // The session is gone from Redis: a copy of the old cookie signs nobody in.
    expect((await sessionKeys()).length).toBeLessThan(keysWhileIn.length);
    const replay = await api.http().get('/').set('Cookie', `schakel.sid=${after}`);
    expect(pageText(replay.text)).not.toContain('Uitloggen');
  });

  it('keeps the e-mail and says what is wrong in words when signing in fails', async () => {
    const person = await createPerson(api.app);
    const browser = new PageClient(api);
    const wrong = await browser.submit('/login', { email: person.user.email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(pageText(wrong.text)).toContain('Het e-mailadres of het wachtwoord klopt niet.');
    expect(wrong.text).toContain(`value="${person.user.email}"`);
    const empty = await browser.submit('/login', { email: '', password: '' });
    expect(empty.status).toBe(400);
    expect(pageText(empty.text)).toContain('Vul je e-mailadres in');
    expect(pageText(empty.text)).toContain('Vul je wachtwoord in');
    expect(empty.text).toContain('href="#email"');
  });

  it('refuses a form without the CSRF token of its session with a plain page, and changes nothing', async () => {
    const person = await createPerson(api.app);
    const foreign = await api.http().post('/login').type('form').send({ email: person.user.email, password: TEST_PASSWORD });
    expect(foreign.status).toBe(403);
    expect(pageText(foreign.text)).toContain('Probeer het nog een keer');
    expect(String(foreign.headers['set-cookie'] ?? '')).not.toMatch(/schakel\.sid=s/);

    // A token from another session does not do either.
    const other = new PageClient(api);
    const token = /name="_csrf" value="([^"]+)"/.exec((await other.get('/login')).text)?.[1] ?? '';
    const browser = new PageClient(api);
    await browser.get('/login');
    const crossed = await browser.agent.post('/login').type('form').send({ email: person.user.email, password: TEST_PASSWORD, _csrf: token });
    expect(crossed.status).toBe(403);
  });

  it('only ever sends people on to a path of this site after signing in', async () => {
    const person = await createPerson(api.app);
    const browser = new PageClient(api);
    const evil = await browser.submit('/login?next=//evil.example/x', { email: person.user.email, password: TEST_PASSWORD, next: '//evil.example/x' });
    expect(evil.headers.location).toBe('/me');
    const back = await new PageClient(api).submit('/login', { email: person.user.email, password: TEST_PASSWORD, next: '/courses?role=coordinator' });
    expect(back.headers.location).toBe('/courses?role=coordinator');
  });

  it('ends the page session when the password is reset elsewhere (token version)', async () => {
    const person = await createPerson(api.app);
    const browser = new PageClient(api);
    await browser.signIn(person.user.email, TEST_PASSWORD);
    expect(pageText((await browser.get('/')).text)).toContain('Uitloggen');
    await api.app.get(UserRepository).resetPassword(person.user.id, person.user.tokenVersion ?? 0, person.user.passwordHash ?? '');
    expect(pageText((await browser.get('/')).text)).not.toContain('Uitloggen');
  });

  it('offers each person the staff pages she may open in the header, and a learner none', async () => {
    const tenant = await createTenant(api.app, `Gemeente Kopje ${Date.now()}`);
    const header = async (email: string) => {
      const browser = new PageClient(api);
      await browser.signIn(email, TEST_PASSWORD);
      const html = (await browser.get('/')).text;
      return html.slice(html.indexOf('<header'), html.indexOf('</header>'));
    };
    const admin = await header(tenant.admin.user.email);
    expect(admin).toContain(`href="/org/${tenant.organisation.id}">${tenant.organisation.name}</a>`);
    expect(admin).not.toContain('href="/trainer"');
    expect(await header(tenant.trainer.user.email)).toContain('href="/trainer">Mijn sessies</a>');
    const learner = await header(tenant.learner.user.email);
    expect(learner).not.toMatch(/href="\/(trainer|org\/|admin)/);
  });

  it('never lets a page session authorise the JSON API', async () => {
    const person = await createPerson(api.app);
    const browser = new PageClient(api);
    await browser.signIn(person.user.email, TEST_PASSWORD);
    expect((await browser.agent.get('/api/me')).status).toBe(401);
  });

  it('switches the language by cookie, and saves it for a signed-in person', async () => {
    const visitor = new PageClient(api);
    const switched = await visitor.get('/language?lang=en&next=%2Flogin');
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe('/login');
    const login = await visitor.get('/login');
    expect(login.text).toContain('<html lang="en">');
    expect(pageText(login.text)).toContain('Sign in');
    expect((await visitor.get('/language?lang=en&next=https%3A%2F%2Fevil.example')).headers.location).toBe('/');

    const person = await createPerson(api.app);
    const browser = new PageClient(api);
    await browser.signIn(person.user.email, TEST_PASSWORD);
    await browser.get('/language?lang=en&next=%2F');
    expect((await api.app.get(UserRepository).findById(person.user.id))?.locale).toBe('en');
  });

  it('answers an unknown page with a plain "niet gevonden" page, and /api with JSON', async () => {
    const page = await new PageClient(api).get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(pageText(page.text)).toContain('Niet gevonden');
    expect(page.text).not.toMatch(/at \w+ \(|Error:|stack/);
    const json = await api.http().get('/api/no-such-route');
    expect(json.status).toBe(404);
    expect(json.body.statusCode).toBe(404);
  });

  it('shows register errors next to each field in plain words and keeps what was typed', async () => {
    const browser = new PageClient(api);
    const response = await browser.submit('/register', { name: '', email: 'niet-een-adres', password: 'kort' });
    expect(response.status).toBe(400);
    const text = pageText(response.text);
    expect(text).toContain('Vul je naam in');
    expect(text).toContain('Vul een geldig e-mailadres in');
    expect(text).toContain('Kies een wachtwoord van minstens 10 tekens');
    expect(response.text).toContain('value="niet-een-adres"');
    expect(response.text).toContain('aria-invalid="true"');
  });

  it('checks a certificate code typed into /verify by sending the person on to /verify/<code>', async () => {
    const browser = new PageClient(api);
    const form = await browser.get('/verify');
    expect(pageText(form.text)).toContain('Certificaatcode');
    expect(pageText(form.text)).toContain('Controleren');
    const sent = await browser.get('/verify?code=abcd-efgh ');
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe('/verify/ABCD-EFGH');
    const empty = await browser.get('/verify?code=');
    expect(pageText(empty.text)).toContain('Vul de certificaatcode in');
  });
});
