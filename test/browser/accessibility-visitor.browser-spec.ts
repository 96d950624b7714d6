import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { LinkSigner } from '@schakel/web';
import { insertCertificate } from '../factories/certificate.factory';
import { insertCourse } from '../factories/course.factory';
import { addMember, createOrganisation } from '../factories/organisation.factory';
import { createPerson, type Person } from '../factories/person.factory';
import { AxeAudit } from './support/axe';
import { submit, textOf } from './support/people';
import { startBrowserStack, type BrowserStack } from './support/stack';
import { buildWorld, type World } from './support/world';

const DAY = 86_400_000;

/**
 * Issue 12, proof: axe-core finds no serious or critical violation on the pages anyone sees, in
 * each state they have (empty, filled, error, done); the learner's pages are in
 * accessibility-learner. Each test lists every finding of its pages at once.
 */
describe('browser: accessibility of the visitor pages (axe-core, no serious or critical violation)', () => {
  let stack: BrowserStack;
  let world: World;

  beforeAll(async () => {
    stack = await startBrowserStack('browser-axe-visitor');
    world = await buildWorld(stack.api);
  }, 90_000);
  afterAll(() => stack?.close());

  const learner = async (roles = true): Promise<Person> => {
    const person = await createPerson(stack.api.app, { name: `Lies ${randomUUID().slice(0, 4)}` });
    if (roles) await addMember(stack.api.app, await createOrganisation(stack.api.app), person, ['learner'], ['first-conversation']);
    return person;
  };

  it('the visitor pages: home, catalogue (filled, filtered to nothing), course pages (live, online, blended, without sessions), learning paths (filled, empty), not found', async () => {
    await insertCourse(stack.api.app, { title: 'Samen koken', chainRoles: ['intake-referral'], author: world.trainer });
    const { page } = await stack.newPage();
    const audit = new AxeAudit(page);
    for (const [where, path] of [
      ['home', '/'],
      ['catalogue', '/courses'],
      ['catalogue filtered', '/courses?role=first-conversation&format=online'],
      ['catalogue, nothing found', '/courses?role=coordinator&format=blended'],
      ['course page, live with a session', '/courses/het-eerste-gesprek'],
      ['course page, online', '/courses/eenzaamheid-herkennen'],
      ['course page, blended', '/courses/het-verdiepende-gesprek'],
      ['learning path', '/learning-paths/first-conversation'],
      ['learning path, empty', '/learning-paths/coordinator'],
      ['not found', '/courses/bestaat-niet'],
    ]) {
      await page.goto(path);
      await audit.check(where);
    }
    await page.goto('/courses?role=intake-referral');
    await page.getByRole('link', { name: 'Samen koken' }).click();
    await page.waitForLoadState('load');
    await audit.check('course page, no sessions');
    // In English (the header's switch), a few of them.
    await page.goto('/language?lang=en&next=%2F');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await audit.check('home, English');
    for (const path of ['/courses', '/courses/het-eerste-gesprek', '/learning-paths/first-conversation']) {
      await page.goto(path);
      await audit.check(`${path}, English`);
    }
    audit.assertClean();
  });

  it('the account forms: sign in, create an account, forgot password (empty, errors, done) and the mail-link pages they lead to', async () => {
    const person = await learner(false);
    const { page } = await stack.newPage();
    const audit = new AxeAudit(page);

    await page.goto('/login');
    await audit.check('sign in');
    await submit(page, 'Inloggen');
    await audit.check('sign in, nothing filled in');
    await page.getByLabel('E-mailadres').fill(person.user.email);
    await page.getByLabel('Wachtwoord').fill('niet het wachtwoord');
    await submit(page, 'Inloggen');
    await audit.check('sign in, wrong password');

    await page.goto('/register');
    await audit.check('create an account');
    await page.getByLabel('E-mailadres').fill('geen-adres');
    await page.getByLabel('Wachtwoord').fill('kort');
    await submit(page, 'Account aanmaken');
    await audit.check('create an account, errors');
    const email = `nieuw-${randomUUID().slice(0, 8)}@example.nl`;
    await page.getByLabel('Je naam').fill('Nieuwe Vrijwilliger');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill('een lang wachtwoord');
    await submit(page, 'Account aanmaken');
    await audit.check('create an account, done');
    await page.goto(await stack.mailLink(email, /^\/verify-email\?token=/));
    await audit.check('verify e-mail, asked');
    await submit(page, 'Ja, dit is mijn adres');
    await audit.check('verify e-mail, done');
    await page.goto('/verify-email?token=nep.1.AAAA');
    await audit.check('verify e-mail, link no longer valid');

    await page.goto('/forgot-password');
    await audit.check('forgot password');
    await submit(page, 'Stuur een nieuwe link');
    await audit.check('forgot password, nothing filled in');
    await page.getByLabel('E-mailadres').fill(person.user.email);
    await submit(page, 'Stuur een nieuwe link');
    await audit.check('forgot password, done');
    await page.goto(await stack.mailLink(person.user.email, /^\/reset-password\?token=/));
    await audit.check('reset password, asked');
    audit.assertClean();
  });

  it('the other mail-link pages: welcome (asked, error, done), accept membership (asked, accepted), unsubscribe (asked, done)', async () => {
    const data = stack.api.app.get(DataSource);
    const links = stack.api.app.get(LinkSigner);
    const [invited] = await data.query(`INSERT INTO users (email, name) VALUES ($1, 'Nieuw Lid') RETURNING id`, [`lid-${randomUUID().slice(0, 8)}@example.nl`]);
    const asked = await learner(false);
    const organisation = await createOrganisation(stack.api.app, 'Buurtteam Noord');
    await data.query(`INSERT INTO memberships (organisation_id, user_id, status) VALUES ($1, $2, 'pending')`, [organisation.id, asked.user.id]);
    const { page } = await stack.newPage();
    const audit = new AxeAudit(page);

    await page.goto(links.welcomeUrl(invited.id));
    await audit.check('welcome, asked');
    await page.getByLabel('Wachtwoord (minstens 10 tekens)').fill('een lang wachtwoord');
    await page.getByLabel('Nog een keer hetzelfde wachtwoord').fill('een ander wachtwoord');
    await submit(page, 'Wachtwoord opslaan');
    expect(await textOf(page.getByRole('alert'))).toContain('niet gelijk');
    await audit.check('welcome, passwords differ');
    await page.getByLabel('Wachtwoord (minstens 10 tekens)').fill('een lang wachtwoord');
    await page.getByLabel('Nog een keer hetzelfde wachtwoord').fill('een lang wachtwoord');
    await submit(page, 'Wachtwoord opslaan');
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Je account is klaar');
    await audit.check('welcome, done');

    await page.goto(links.membershipUrl(organisation.id, asked.user.id));
    await audit.check('accept membership, asked');
    await submit(page, 'Ja, ik word lid');
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Je bent lid geworden');
    await audit.check('accept membership, accepted');

    await page.goto(links.unsubscribeUrl(asked.user.id));
    await audit.check('unsubscribe, asked');
    await submit(page, 'Ja, zet geheugensteuntjes uit');
    await audit.check('unsubscribe, done');
    audit.assertClean();
  });

  it('the certificate check: the form (empty, error) and the result (valid, expired, revoked, unknown)', async () => {
    const holder = await learner(false);
    const valid = await insertCertificate(stack.api.app, { userId: holder.user.id, courseId: world.online.id, expiresAt: new Date(Date.now() + 300 * DAY) });
    const expired = await insertCertificate(stack.api.app, { userId: holder.user.id, courseId: world.live.id, validFrom: new Date(Date.now() - 800 * DAY), expiresAt: new Date(Date.now() - 60 * DAY) });
    const revoked = await insertCertificate(stack.api.app, { userId: holder.user.id, courseId: world.blended.id, expiresAt: null, revokedReason: 'Per ongeluk uitgegeven' });
    const { page } = await stack.newPage();
    const audit = new AxeAudit(page);
    await page.goto('/verify');
    await audit.check('verify form');
    await submit(page, 'Controleren');
    await audit.check('verify form, no code');
    for (const [where, code] of [['valid', valid.code], ['expired', expired.code], ['revoked', revoked.code], ['unknown code', 'ABCD-EFGH']]) {
      await page.goto(`/verify/${code}`);
      await audit.check(`verify result, ${where}`);
    }
    audit.assertClean();
  });
});
