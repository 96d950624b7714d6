import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { PageClient, pageText } from '../../support/page-client';
import { daysFromNow } from '../../support/values';
import { insertCertificate, waitForIssued } from '../../factories/certificate.factory';
import { completeCourse } from '../../factories/completion.factory';
import { createOnlineCourse, insertOnlineCourse } from '../../factories/course.factory';
import { enrol } from '../../factories/enrolment.factory';
import { createTenant, grantPlatformTrainer, type Tenant } from '../../factories/organisation.factory';
import { createPerson, TEST_PASSWORD, type Person } from '../../factories/person.factory';

/** Issue 12, the learner's pages: "Mijn leerpad", "Mijn certificaten", "Instellingen". */
describe('web: the learner pages', () => {
  let dropDatabase: () => Promise<void>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;
  let tenant: Tenant;

  beforeAll(async () => {
    dropDatabase = await isolateRun('web-learner');
    api = await startApi();
    worker = await startWorker();
    db = api.app.get(DataSource);
    tenant = await createTenant(api.app);
    await grantPlatformTrainer(api.app, tenant.trainer);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await dropDatabase?.();
  });

  async function signedIn(person: Person): Promise<PageClient> {
    const browser = new PageClient(api);
    await browser.signIn(person.user.email, TEST_PASSWORD);
    return browser;
  }

  describe('/me "Mijn leerpad"', () => {
    it('sends a visitor to sign in first', async () => {
      const page = await new PageClient(api).get('/me');
      expect(page.status).toBe(303);
      expect(page.headers.location).toBe('/login?next=%2Fme');
    });

    it('offers all four roles to a person without a role', async () => {
      const page = await (await signedIn(await createPerson(api.app))).get('/me');
      expect(page.status).toBe(200);
      expect(page.text.match(/<h1[^>]*>/g)).toHaveLength(1);
      const text = pageText(page.text);
      expect(text).toContain('Mijn leerpad');
      expect(text).toContain('Je hebt nog geen rol');
      for (const role of ['first-conversation', 'deeper-conversation', 'intake-referral', 'coordinator']) {
        expect(page.text).toContain(`href="/learning-paths/${role}"`);
      }
    });

    it("shows her role's path with progress per course and the next lesson to take", async () => {
      const course = await createOnlineCourse(api, tenant.trainer, { lessons: 3, chainRoles: ['first-conversation'] });
      const learner = await createPerson(api.app);
      await db.query(
        `INSERT INTO memberships (organisation_id, user_id, roles, chain_roles, status) VALUES ($1, $2, '{learner}', '{first-conversation}', 'active')`,
        [tenant.organisation.id, learner.user.id],
      );
      const browser = await signedIn(learner);
      const before = pageText((await browser.get('/me')).text);
      expect(before).toContain('Jouw rol: Eerste gesprek');
      expect(before).toContain(course.title);
      expect(before).toContain('Nog niet begonnen');

      const enrolmentId = await enrol(api, learner, course.id);
      await api.http().post(`/api/enrolments/${enrolmentId}/lessons/${course.lessonIds[0]}/complete`).set(learner.auth);
      const page = await browser.get('/me');
      const text = pageText(page.text);
      expect(text).toContain('1 van 3 lessen klaar');
      expect(text).toContain('Bezig');
      expect(page.text).toContain(`href="/learn/${enrolmentId}"`);
      expect(text).toContain(`Ga verder met ${course.title}`);
    });
  });

  describe('/me/certificates "Mijn certificaten"', () => {
    it('says there are none yet', async () => {
      const page = await (await signedIn(await createPerson(api.app))).get('/me/certificates');
      expect(page.status).toBe(200);
      expect(pageText(page.text)).toContain('Je hebt nog geen certificaten');
    });

    it('shows each certificate with its status, expiry, share link, and "wordt gemaakt" while not issued', async () => {
      const learner = await createPerson(api.app);
      const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map((i) => insertOnlineCourse(api.app, { title: `Certificaatcursus ${i}` })));
      const valid = await insertCertificate(api.app, { userId: learner.user.id, courseId: a.id, expiresAt: new Date('2031-03-03T12:00:00Z') });
      await insertCertificate(api.app, { userId: learner.user.id, courseId: b.id, expiresAt: daysFromNow(-10) });
      await insertCertificate(api.app, { userId: learner.user.id, courseId: c.id, expiresAt: null, revokedReason: 'Ten onrechte uitgegeven' });
      await insertCertificate(api.app, { userId: learner.user.id, courseId: d.id, expiresAt: null, state: 'pending' });
      const page = await (await signedIn(learner)).get('/me/certificates');
      const text = pageText(page.text);
      expect(text).toContain('Geldig tot 3 maart 2031');
      expect(text).toContain('Verlopen op');
      expect(text).toContain('Ingetrokken');
      expect(text).toContain('Reden: Ten onrechte uitgegeven');
      expect(text).toContain('Je certificaat wordt gemaakt');
      expect(text).toContain('Download PDF');
      expect(page.text).toContain(`href="/me/certificates/${valid.id}/pdf"`);
      expect(page.text).toMatch(/<label class="utrecht-form-label" for="share-[^"]+">Deellink<\/label>/);
      expect(page.text).toMatch(/<textarea [^>]*id="share-[^"]+"[^>]*readonly[^>]*>[^<]*\/verify\/[A-Z0-9-]+<\/textarea>/);
    });

    it('serves the PDF to its holder on the page session, and "niet gevonden" to anyone else', async () => {
      const course = await insertOnlineCourse(api.app);
      const learner = await createPerson(api.app);
      const certificate = await waitForIssued(api.app, await completeCourse(api.app, learner.user.id, course.id));
      const pdf = await (await signedIn(learner)).get(`/me/certificates/${certificate.id}/pdf`).buffer(true);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
      const other = await (await signedIn(await createPerson(api.app))).get(`/me/certificates/${certificate.id}/pdf`);
      expect(other.status).toBe(404);
      expect(pageText(other.text)).toContain('Niet gevonden');
    });
  });

  describe('/me/settings "Instellingen"', () => {
    it('saves the language, which e-mails, and makes a new calendar link that ends the old one', async () => {
      const learner = await createPerson(api.app);
      const browser = await signedIn(learner);
      const page = await browser.get('/me/settings');
      expect(page.status).toBe(200);
      const text = pageText(page.text);
      for (const words of ['Instellingen', 'Taal', 'E-mails', 'Agenda-link', 'Nieuwe link maken']) expect(text).toContain(words);
      expect(page.text).toMatch(/<legend[^>]*>In welke taal/);
      const oldLink = /id="calendar-link" type="text" readonly value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      expect(oldLink).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

      const nudgesOff = await browser.submit('/me/settings', {}, '/me/settings/emails');
      expect(nudgesOff.status).toBe(303);
      expect(pageText((await browser.get('/me/settings')).text)).toContain('Je instellingen zijn opgeslagen.');
      expect((await api.http().get('/api/me/preferences').set(learner.auth)).body.nudges).toBe(false);
      await browser.submit('/me/settings', { nudges: 'on' }, '/me/settings/emails');
      expect((await api.http().get('/api/me/preferences').set(learner.auth)).body.nudges).toBe(true);

      const rotated = await browser.submit('/me/settings', {}, '/me/settings/calendar');
      expect(rotated.status).toBe(303);
      const after = await browser.get('/me/settings');
      expect(pageText(after.text)).toContain('Je nieuwe agenda-link is klaar');
      const newLink = /id="calendar-link" type="text" readonly value="([^"]+)"/.exec(after.text)?.[1] ?? '';
      expect(newLink).not.toBe(oldLink);
      expect((await api.http().get(new URL(oldLink).pathname)).status).toBe(404);
      expect((await api.http().get(new URL(newLink).pathname)).status).toBe(200);

      const english = await browser.submit('/me/settings', { lang: 'en' }, '/me/settings/language');
      expect(english.status).toBe(303);
      const inEnglish = await browser.get('/me/settings');
      expect(inEnglish.text).toContain('<html lang="en">');
      expect(pageText(inEnglish.text)).toContain('Your settings have been saved.');
      const [row] = await db.query(`SELECT locale FROM users WHERE id = $1`, [learner.user.id]);
      expect(row.locale).toBe('en');
    });

    it('says what is wrong next to the language and in the summary, and refuses a form without its token', async () => {
      const learner = await createPerson(api.app);
      const browser = await signedIn(learner);
      const wrong = await browser.submit('/me/settings', { lang: 'fr' }, '/me/settings/language');
      expect(wrong.status).toBe(400);
      expect(pageText(wrong.text)).toContain('Kies een taal');
      expect(wrong.text).toContain('href="#lang"');
      expect(wrong.text).toContain('id="lang-error"');
      const forged = await browser.agent.post('/me/settings/calendar').type('form').send({});
      expect(forged.status).toBe(403);
    });
  });
});
