import { insertCertificate } from '../factories/certificate.factory';
import { createPerson } from '../factories/person.factory';
import { textOf } from './support/people';
import { screenshot } from './support/screenshots';
import { startBrowserStack, type BrowserStack } from './support/stack';
import { buildWorld, type World } from './support/world';

/** Issue 12, proof: a visitor finds the first-conversation path and checks a certificate. */
describe('browser: a visitor', () => {
  let stack: BrowserStack;
  let world: World;

  beforeAll(async () => {
    stack = await startBrowserStack('browser-visitor');
    world = await buildWorld(stack.api);
  }, 90_000);
  afterAll(() => stack?.close());

  it('finds the first-conversation path from the home page and checks a certificate at /verify', async () => {
    const holder = await createPerson(stack.api.app, { name: 'Fatima el Amrani' });
    const certificate = await insertCertificate(stack.api.app, { userId: holder.user.id, courseId: world.online.id, expiresAt: new Date(Date.now() + 400 * 86_400_000) });
    const { page } = await stack.newPage();

    await page.goto('/');
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Schakel');
    await screenshot(page, 'home');
    await page.getByRole('link', { name: 'Eerste gesprek', exact: true }).click();
    await page.waitForURL('**/learning-paths/first-conversation');
    const path = page.getByRole('main');
    expect(await textOf(path.getByRole('heading', { level: 1 }))).toContain('Eerste gesprek');
    // The role's courses, in order (both first conversation; no prerequisites, so by title).
    const titles = await path.getByRole('link', { name: /Het eerste gesprek|Eenzaamheid herkennen/ }).allTextContents();
    expect(titles.map((t) => t.trim())).toEqual(['Eenzaamheid herkennen', 'Het eerste gesprek']);

    // All courses, from the header.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Trainingen', exact: true }).click();
    await page.waitForURL('**/courses');
    expect(await textOf(page.getByRole('main'))).toContain('3 trainingen gevonden');
    await screenshot(page, 'catalogue');

    await page.getByRole('link', { name: 'Certificaat controleren' }).first().click();
    await page.waitForURL('**/verify');
    await page.getByLabel('Certificaatcode').fill(certificate.code.toLowerCase());
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.waitForURL(`**/verify/${certificate.code}`);
    const result = page.getByRole('main');
    const said = await textOf(result);
    expect(said).toContain('Dit certificaat is geldig.');
    expect(said).toContain('Fatima el Amrani');
    expect(said).toContain('Eenzaamheid herkennen');
    await screenshot(page, 'verify-result');
  });
});
