import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { insertCertificate } from '../factories/certificate.factory';
import { createCourse, insertCourse, insertOnlineCourse } from '../factories/course.factory';
import { enrol } from '../factories/enrolment.factory';
import { confirmOrder, requestInCompany, requestSeats } from '../factories/order.factory';
import { addMember, createTenant, createTrainer, grantPlatformTrainer, type Tenant } from '../factories/organisation.factory';
import { createPerson, createPlatformAdmin, TEST_PASSWORD, type Person } from '../factories/person.factory';
import { scheduleSession } from '../factories/session.factory';
import { AxeAudit } from './support/axe';
import { signIn, submit as submitForm, textOf } from './support/people';
import { expectNoHorizontalScroll, TABLET } from './support/reflow';
import { startBrowserStack, type BrowserStack } from './support/stack';
import { allMeetingsStarted, amsterdamDate } from './support/staff';

const DAY = 86_400_000;

/**
 * Issue 13, proof: axe-core finds no serious or critical violation on the staff pages (trainer,
 * organisation admin, platform admin) in each state they have (empty, filled, with errors, asking
 * to confirm, done), and none of them scrolls sideways on a 768 px tablet, where trainers use them.
 * Each test lists every finding of its pages at once.
 */
describe('browser: accessibility of the staff pages (axe-core, no serious or critical violation; no sideways scrolling at 768 px)', () => {
  let stack: BrowserStack;
  let tenant: Tenant;
  let platformAdmin: Person;
  let seatCourse: { id: string };
  let liveOrgCourse: { id: string };

  beforeAll(async () => {
    stack = await startBrowserStack('browser-axe-staff');
    // Courses first: the forms' catalogue is cached until a course changes through the service.
    seatCourse = await insertOnlineCourse(stack.api.app, { title: 'Eenzaamheid herkennen', access: 'by-organisation', seatPriceCents: 4_500 });
    liveOrgCourse = await insertCourse(stack.api.app, { title: 'Het verdiepende gesprek', format: 'live', access: 'by-organisation' });
    tenant = await createTenant(stack.api.app, 'Gemeente Toegankelijk');
    platformAdmin = await createPlatformAdmin(stack.api.app);
  }, 90_000);
  afterAll(() => stack?.close());

  /** axe and the 768 px reflow check on each page state; fails once with every finding. */
  const audit = async (person: Person) => {
    const { page } = await stack.newPage(TABLET);
    await signIn(page, person.user.email, TEST_PASSWORD);
    const axe = new AxeAudit(page);
    const sideways: string[] = [];
    return {
      page,
      /** Checks the page as it is now; `says` (words it must show) proves the state is the one named. */
      async look(where: string, says?: string) {
        if (says) expect(`${where}: ${await textOf(page.getByRole('main'))}`).toContain(says);
        await axe.check(where);
        await expectNoHorizontalScroll(page, where).catch((error: Error) => sideways.push(error.message));
      },
      async visit(where: string, path: string, says?: string) {
        await page.goto(path);
        await this.look(where, says);
      },
      done() {
        const problems: string[] = [];
        try {
          axe.assertClean();
        } catch (error) {
          problems.push((error as Error).message);
        }
        if (sideways.length > 0) problems.push(`sideways scrolling at 768 px:\n${sideways.join('\n')}`);
        if (problems.length > 0) throw new Error(problems.join('\n'));
        expect(axe.checked.length).toBeGreaterThan(0);
      },
    };
  };
  const submit = (page: Page, button: string | RegExp) => submitForm(page, button, typeof button === 'string');
  const path = (page: Page) => new URL(page.url()).pathname;

  it('the trainer pages: Mijn sessies empty and filled, a new session (errors, two meetings), one session (roster, waitlist, attendance), meetings, cancel, authoring', async () => {
    const trainer = await createTrainer(stack.api.app);
    const t = await audit(trainer);
    const { page } = t;
    await t.visit('Mijn sessies, empty', '/trainer', 'Je hebt nog geen komende sessies');
    await t.visit('Mijn cursussen, empty', '/trainer/courses', 'Je hebt nog geen cursussen gemaakt.');

    const course = await createCourse(stack.api, trainer, { title: 'Het eerste gesprek', format: 'live', status: 'published' });
    await t.visit('new session', '/trainer/sessions/new', 'Sessie plannen');
    await submit(page, 'Sessie plannen');
    await t.look('new session, with errors', 'Kies een cursus.');
    await page.getByLabel('Cursus *').selectOption(course.id);
    await page.getByRole('group', { name: 'Bijeenkomst 1' }).getByLabel('Datum').fill(amsterdamDate(new Date(Date.now() + 7 * DAY)));
    await page.getByRole('group', { name: 'Bijeenkomst 1' }).getByLabel('Begintijd').fill('09:30');
    await page.getByRole('group', { name: 'Bijeenkomst 1' }).getByLabel('Eindtijd').fill('12:00');
    await submit(page, 'Nog een bijeenkomst');
    await t.look('new session, two meeting rows', 'Bijeenkomst 2');
    await page.getByRole('group', { name: 'Bijeenkomst 2' }).getByLabel('Datum').fill(amsterdamDate(new Date(Date.now() + 14 * DAY)));
    await page.getByRole('group', { name: 'Bijeenkomst 2' }).getByLabel('Begintijd').fill('09:30');
    await page.getByRole('group', { name: 'Bijeenkomst 2' }).getByLabel('Eindtijd').fill('12:00');
    await page.getByLabel('Plaats (adres of zaal)').fill('Buurthuis De Schakel, Utrecht');
    await page.getByLabel('Aantal plaatsen *').fill('2');
    await submit(page, 'Sessie plannen');
    await t.look('session planned, nobody yet', 'De sessie is gepland.');
    const session = path(page);
    const sessionId = session.split('/').pop() as string;

    const learners = await Promise.all(['Anna de Vries', 'Bram Jansen', 'Cor de Wit'].map((name) => createPerson(stack.api.app, { name })));
    for (const learner of learners) await enrol(stack.api, learner, course.id, sessionId);
    await t.visit('session with roster and waitlist', session, 'Plek 1: Cor de Wit');
    await submit(page, 'Bevestigen: Cor de Wit');
    await t.look('session, hand confirmation refused (no free seat)', 'Er is geen plaats vrij.');
    await page.getByRole('spinbutton', { name: 'Aantal plaatsen' }).fill('1');
    await submit(page, 'Aantal plaatsen opslaan');
    await t.look('session, capacity below the confirmed count', 'Er hebben al 2 mensen een plaats.');
    await t.visit('Mijn sessies, filled', '/trainer', '2 van 2 plaatsen bezet');

    await t.visit('meetings form', `${session}/meetings`, 'Bijeenkomsten opslaan');
    await page.getByRole('group', { name: 'Bijeenkomst 1' }).getByLabel('Begintijd').fill('13:00');
    await submit(page, 'Bijeenkomsten opslaan');
    await t.look('meetings form, with errors', 'De eindtijd van bijeenkomst 1 moet na de begintijd liggen.');
    await t.visit('cancel, asked', `${session}/cancel`, 'Weet je zeker');

    await allMeetingsStarted(stack.api.app, sessionId);
    await t.visit('session with the attendance sheets', session, 'Aanwezigheid opslaan');
    const sheet = page.locator('form', { has: page.getByRole('group', { name: /^Bijeenkomst 1:/ }) });
    await sheet.getByLabel('Anna de Vries').check();
    await Promise.all([page.waitForEvent('load'), sheet.getByRole('button', { name: 'Aanwezigheid opslaan' }).click()]);
    await t.look('session, attendance saved', 'De aanwezigheid is opgeslagen.');

    const other = await scheduleSession(stack.api, trainer, course, { capacity: 5 });
    await page.goto(`/trainer/sessions/${other.id}/cancel`);
    await submit(page, 'Ja, annuleer de sessie');
    await t.look('session, cancelled', 'De sessie is geannuleerd.');

    // Authoring: a new course (errors first), lessons (one deleted after the confirm step), the quiz editor (errors), publishing.
    await page.goto('/trainer/courses');
    await submit(page, 'Cursus maken');
    await t.look('Mijn cursussen, new course with errors', 'Vul een titel in van minstens 2 tekens.');
    await page.getByLabel('Titel *').fill('Luisteren zonder oordeel');
    await page.getByLabel('Korte naam voor het webadres *').fill(`luisteren-${Date.now()}`);
    await page.getByLabel('Online', { exact: true }).check();
    await page.getByLabel('Eerste gesprek').check();
    await submit(page, 'Cursus maken');
    await t.look('course, draft without lessons', 'De cursus is gemaakt als concept.');
    const coursePath = path(page);
    await submit(page, 'Les toevoegen');
    await t.look('course, lesson without a title', 'Vul een titel in voor de les.');
    for (const title of ['Wat is eenzaamheid?', 'Luisteren']) {
      await page.getByLabel('Titel van de les').fill(title);
      await page.getByLabel('Tekst van de les').fill('Goed luisteren is de helft van het gesprek.');
      await submit(page, 'Les toevoegen');
    }
    await t.look('course with lessons', 'De les is toegevoegd.');
    await page.getByRole('link', { name: /^Bewerk les 1/ }).click();
    await page.waitForLoadState('load');
    await t.look('lesson editor', 'Les bewerken');
    await page.getByRole('link', { name: 'Les verwijderen' }).click();
    await page.waitForLoadState('load');
    await t.look('lesson, delete confirm', 'Ja, verwijder de les');
    await submit(page, 'Ja, verwijder de les');
    await t.look('course, lesson deleted', 'De les is verwijderd.');
    await t.visit('quiz editor, empty', `${coursePath}/quiz`, 'Toets opslaan');
    await page.getByLabel('Geslaagd vanaf (procent goed)').fill('');
    await submit(page, 'Toets opslaan');
    await t.look('quiz editor, with errors', 'Vul een percentage in');
    await submit(page, 'Nog een vraag');
    await t.look('quiz editor, one more question', 'Vraag 2');
    await page.goto(coursePath);
    await submit(page, 'Publiceren');
    await t.look('course, published', 'De cursus is gepubliceerd.');
    await t.visit('Mijn cursussen, filled', '/trainer/courses', 'Luisteren zonder oordeel');
    t.done();
  });

  it('the organisation admin pages: overview, Leden (invite errors, roles, remove confirm, enrol), import (upload, dry run, progress, done), Bestellingen, Ketenrapport', async () => {
    const org = `/org/${tenant.organisation.id}`;
    const t = await audit(tenant.admin);
    const { page } = t;
    await t.visit('overview, empty', org, 'Je organisatie heeft nog geen licenties.');
    await t.visit('Bestellingen, empty', `${org}/orders`, 'Je organisatie heeft nog niets besteld.');
    await submit(page, 'Bestellen');
    await t.look('Bestellingen, with errors', 'Kies een training');
    await page.getByLabel('Training', { exact: true }).selectOption(seatCourse.id);
    await page.getByLabel('Plaatsen voor een training').check();
    await page.getByLabel('Aantal plaatsen').fill('5');
    await submit(page, 'Bestellen');
    await t.look('Bestellingen, ordered', 'Je bestelling is verstuurd.');
    const [order] = (await stack.api.app.get(DataSource).query(`SELECT id FROM orders WHERE organisation_id = $1`, [tenant.organisation.id])) as Array<{ id: string }>;
    expect((await confirmOrder(stack.api, platformAdmin, order.id)).status).toBe(200);
    await requestInCompany(stack.api, tenant.admin, tenant.organisation.id, liveOrgCourse.id, 12);
    await t.visit('Bestellingen, with an invoice and an open order', `${org}/orders`, 'Download PDF');
    await t.visit('overview, with a licence and an open order', org, 'Geen einddatum');

    const member = await createPerson(stack.api.app, { name: 'Karel Verhuisd' });
    await addMember(stack.api.app, tenant.organisation, member, ['learner'], ['first-conversation']);
    await t.visit('Leden', `${org}/members`, 'Karel Verhuisd');
    await submit(page, 'Lid uitnodigen');
    await t.look('Leden, invitation with errors', 'Vul de naam in');
    await page.getByLabel('Naam', { exact: true }).fill('Petra Nieuw');
    await page.getByLabel('E-mailadres', { exact: true }).fill('petra.nieuw@toegankelijk.test');
    await page.getByLabel('Deelnemer').check();
    await submit(page, 'Lid uitnodigen');
    await t.look('Leden, invited, with an open invitation', 'De uitnodiging is verstuurd.');
    await submit(page, 'Inschrijven');
    await t.look('Leden, enrolling with errors', 'Kies een lid');
    await page.getByLabel('Lid', { exact: true }).selectOption(member.user.id);
    await page.getByLabel('Training of sessie').selectOption(seatCourse.id);
    await submit(page, 'Inschrijven');
    await t.look('Leden, enrolled', 'Het lid is ingeschreven');
    await t.visit('member roles', `${org}/members/${member.user.id}`, 'Rollen opslaan');
    await t.visit('remove, asked', `${org}/members/${member.user.id}/remove`, 'Weet je zeker');
    await submit(page, 'Ja, verwijderen');
    await t.look('Leden, removed', 'Het lid is verwijderd.');

    await t.visit('import, upload', `${org}/imports/new`, 'CSV-bestand');
    await submit(page, 'Proef');
    await t.look('import, no file chosen', 'Kies een CSV-bestand');
    await page.getByLabel('CSV-bestand').setInputFiles({ name: 'mensen.csv', mimeType: 'text/csv', buffer: Buffer.from('email,name,chainRoles\nineke.kok@toegankelijk.test,Ineke Kok,first-conversation\ngeen-adres,Joost Prins,\n') });
    await submit(page, 'Proef');
    await t.look('import, dry run', 'Dit gebeurt er als je importeert');
    const imports = stack.worker.get<Queue>(getQueueToken('imports'), { strict: false });
    await imports.pause();
    try {
      await submit(page, 'Importeren');
      await t.look('import, waiting to run (progress bar)', 'De import staat klaar en begint zo.');
    } finally {
      await imports.resume();
    }
    await page.getByText('De import is klaar.').waitFor({ timeout: 30_000 });
    await t.look('import, done', 'De import is klaar.');
    await t.visit('Ketenrapport', `${org}/report`, 'Rol in de keten');
    t.done();
  });

  it('the platform admin pages: Beheer (errors, search), an order to decide (with errors), revoking a certificate (asked, errors, done), the audit log', async () => {
    const trainer = await createPerson(stack.api.app, { name: 'Trainer Tineke' });
    await grantPlatformTrainer(stack.api.app, trainer);
    const seats = await requestSeats(stack.api, tenant.admin, tenant.organisation.id, seatCourse.id, 3);
    const inCompany = await requestInCompany(stack.api, tenant.admin, tenant.organisation.id, liveOrgCourse.id, 14);
    const holder = await createPerson(stack.api.app, { name: 'Hanna Houder' });
    const certificate = await insertCertificate(stack.api.app, { userId: holder.user.id, courseId: seatCourse.id, expiresAt: new Date(Date.now() + 300 * DAY) });
    await stack.api.app.get(DataSource).query(
      `INSERT INTO outbox_events (topic, payload, failure_count, last_error, last_failed_at, dead_at)
       VALUES ('course.completed', '{"completionId":"kapot"}', 10, 'certificates: completion kapot not found', now(), now())`,
    );
    const t = await audit(platformAdmin);
    const { page } = t;
    await t.visit('Beheer', '/admin', 'Bestellingen om te beslissen');
    await submit(page, 'Organisatie toevoegen');
    await t.look('Beheer, new organisation with errors', 'Vul de naam van de organisatie in');
    await page.getByLabel('Zoek een certificaat').fill('Hanna Houder');
    await submit(page, 'Zoeken');
    await t.look('Beheer, certificates found', 'Hanna Houder');
    await page.getByLabel('Zoek een certificaat').fill('niemand-bekend');
    await submit(page, 'Zoeken');
    await t.look('Beheer, no certificate found', 'Geen certificaten gevonden.');

    await t.visit('order to decide (seats)', `/admin/orders/${seats.id}`, '3 plekken');
    await t.visit('order to decide (in-company)', `/admin/orders/${inCompany.id}`, 'Trainer Tineke');
    await submit(page, 'Bevestigen');
    await t.look('order to decide, confirming with errors', 'Kies een trainer');
    await submit(page, 'Afwijzen');
    await t.look('order to decide, rejecting without a reason', 'Schrijf kort waarom');
    await page.goto(`/admin/orders/${seats.id}`);
    await submit(page, 'Bevestigen');
    await t.look('Beheer, order confirmed, an open invoice', 'De bestelling is bevestigd.');

    await t.visit('revoke, asked', `/admin/certificates/${certificate.id}/revoke`, 'Dit kun je niet ongedaan maken');
    await submit(page, 'Intrekken');
    await t.look('revoke, without a reason', 'Schrijf kort waarom het certificaat wordt ingetrokken');
    await page.getByLabel('Reden').fill('Op verzoek van de houder');
    await submit(page, 'Intrekken');
    await t.look('Beheer, certificate revoked', 'Het certificaat is ingetrokken.');
    await t.visit('revoke, already revoked', `/admin/certificates/${certificate.id}/revoke`, 'Dit certificaat is al ingetrokken.');
    await t.visit('audit log', '/admin/audit', 'Certificaat ingetrokken');
    t.done();
  });
});
