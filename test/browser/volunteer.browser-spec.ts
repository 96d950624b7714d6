import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { createPerson, TEST_PASSWORD } from '../factories/person.factory';
import { activate, tabTo } from './support/keyboard';
import { signIn, textOf } from './support/people';
import { screenshot } from './support/screenshots';
import { startBrowserStack, type BrowserStack } from './support/stack';
import { buildWorld, type World } from './support/world';

/**
 * Issue 12, proof: a new volunteer creates an account, enrols in an open session, gets the
 * confirmation mail, follows its link and cancels; and the same with the keyboard alone.
 */
describe('browser: a new volunteer', () => {
  let stack: BrowserStack;
  let world: World;

  beforeAll(async () => {
    stack = await startBrowserStack('browser-volunteer');
    world = await buildWorld(stack.api);
  }, 90_000);
  afterAll(() => stack?.close());

  const enrolmentsOf = (email: string): Promise<Array<{ status: string; session_id: string | null }>> =>
    stack.api.app.get(DataSource).query(`SELECT e.status, e.session_id FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email = $1`, [email]);

  it('creates an account, proves the address, enrols in an open session, and cancels through the link in the confirmation mail', async () => {
    const email = `kees-${randomUUID().slice(0, 8)}@example.nl`;
    const password = 'een lang wachtwoord';
    const { page } = await stack.newPage();

    await page.goto('/');
    await page.getByRole('link', { name: 'Account aanmaken' }).click();
    await page.waitForURL('**/register');
    await page.getByLabel('Je naam').fill('Kees Bakker');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Kijk in je mailbox');

    await page.goto(await stack.mailLink(email, /^\/verify-email\?token=/));
    await page.getByRole('button', { name: 'Ja, dit is mijn adres' }).click();
    expect(await textOf(page.getByRole('main'))).toContain('Je e-mailadres is bevestigd');

    await signIn(page, email, password);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Trainingen', exact: true }).click();
    await page.waitForURL('**/courses');
    await page.getByRole('link', { name: 'Het eerste gesprek' }).click();
    await page.waitForURL('**/courses/het-eerste-gesprek');
    const session = page.locator(`#session-${world.liveSession.id}`);
    expect(await textOf(session)).toContain('Nog 12 plekken vrij');
    expect(await textOf(session)).toContain('Buurthuis De Schakel, Utrecht');
    await screenshot(page, 'course');
    await session.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForLoadState('load');
    expect(await textOf(page.getByRole('main'))).toContain('Je bent aangemeld voor Het eerste gesprek.');
    expect(await enrolmentsOf(email)).toEqual([{ status: 'confirmed', session_id: world.liveSession.id }]);

    // Mijn trainingen: the session with its date and place, and "Zet in je agenda" (.ics).
    await page.getByRole('link', { name: 'Naar Mijn trainingen' }).click();
    await page.waitForURL('**/me/trainings');
    const training = await textOf(page.getByRole('main'));
    expect(training).toContain('Het eerste gesprek');
    expect(training).toContain('Aangemeld');
    expect(training).toContain('Buurthuis De Schakel, Utrecht');
    const [ics] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Zet in je agenda' }).click()]);
    expect(readFileSync(await ics.path(), 'utf8')).toMatch(/^BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT/);

    // The confirmation mail (with the session for the calendar) and its cancel link.
    const cancelLink = await stack.mailLink(email, /^\/cancel-enrolment\?token=/, /ingeschreven: Het eerste gesprek/);
    const confirmation = stack.sink.to(email).find((m) => /ingeschreven/.test(m.subject ?? ''));
    expect(confirmation?.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
    await page.goto(cancelLink);
    expect(await textOf(page.getByRole('main'))).toContain('Je meldt je af voor Het eerste gesprek');
    expect((await enrolmentsOf(email))[0].status).toBe('confirmed');
    await page.getByRole('button', { name: 'Ja, meld mij af' }).click();
    await page.waitForLoadState('load');
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Je bent afgemeld');
    expect((await enrolmentsOf(email))[0].status).toBe('cancelled');

    // The seat is free again on the course page.
    await page.goto('/courses/het-eerste-gesprek');
    expect(await textOf(page.locator(`#session-${world.liveSession.id}`))).toContain('Nog 12 plekken vrij');
  });

  it('enrols and cancels with the keyboard alone (Tab, Enter, Space), the focus visible at every step', async () => {
    const person = await createPerson(stack.api.app, { name: 'Joke Smit' });
    const { page } = await stack.newPage();
    await page.goto('/');

    await activate(page, 'link', 'Inloggen');
    await tabTo(page, 'textbox', 'E-mailadres');
    await page.keyboard.type(person.user.email);
    await tabTo(page, 'textbox', 'Wachtwoord');
    await page.keyboard.type(TEST_PASSWORD);
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/me');

    await activate(page, 'link', 'Trainingen');
    await activate(page, 'link', 'Het eerste gesprek');
    await activate(page, 'button', 'Aanmelden', 'Space');
    expect(await textOf(page.getByRole('main'))).toContain('Je bent aangemeld voor Het eerste gesprek.');
    expect(await enrolmentsOf(person.user.email)).toEqual([{ status: 'confirmed', session_id: world.liveSession.id }]);

    await activate(page, 'link', 'Naar Mijn trainingen');
    await screenshot(page, 'my-trainings');
    await activate(page, 'button', /^Afmelden/, 'Space');
    // The confirm step: nothing has changed yet.
    expect((await enrolmentsOf(person.user.email))[0].status).toBe('confirmed');
    await activate(page, 'button', /meld mij af/i, 'Enter');
    expect((await enrolmentsOf(person.user.email))[0].status).toBe('cancelled');
  });
});
