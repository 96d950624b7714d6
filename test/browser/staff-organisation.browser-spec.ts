import { readFileSync } from 'node:fs';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { insertCertificate } from '../factories/certificate.factory';
import { insertOnlineCourse } from '../factories/course.factory';
import { licenceRow } from '../factories/order.factory';
import { addMember, createTenant, type Tenant } from '../factories/organisation.factory';
import { createPerson, createPlatformAdmin, TEST_PASSWORD, type Person } from '../factories/person.factory';
import { activate, tabTo } from './support/keyboard';
import { signIn, textOf } from './support/people';
import { screenshot } from './support/screenshots';
import { startBrowserStack, type BrowserStack } from './support/stack';

const DAY = 86_400_000;

/** A municipality's list: eight people, two of them wrong (an address that is none, a chain role that does not exist). */
const PEOPLE_CSV = [
  'email,name,chainRoles',
  'ans.bakker@voorbeeldstad.test,Ans Bakker,first-conversation',
  'bert.visser@voorbeeldstad.test,Bert Visser,first-conversation',
  'geen-adres,Carla Mulder,first-conversation',
  'dirk.bos@voorbeeldstad.test,Dirk Bos,deeper-conversation',
  'eva.meijer@voorbeeldstad.test,Eva Meijer,intake-referral',
  'frank.dekker@voorbeeldstad.test,Frank Dekker,wethouder',
  'gerda.smit@voorbeeldstad.test,Gerda Smit,coordinator',
  'hans.vos@voorbeeldstad.test,Hans Vos,first-conversation;coordinator',
].join('\n');

/**
 * Issue 13, proof (organisation admin and platform admin): an org admin orders 5 seats, the
 * platform admin confirms, the org admin imports a CSV of 8 people (2 bad rows) with a dry run
 * then the run, watches the progress bar, downloads the result, enrols a member with a seat and
 * downloads the chain report; the import again with the keyboard alone; and the platform admin
 * revokes a certificate, which its verify page then says.
 */
describe('browser: an organisation admin and the platform admin', () => {
  let stack: BrowserStack;
  let tenant: Tenant;
  let platformAdmin: Person;
  let member: Person;
  let seatCourse: { id: string; title: string };

  beforeAll(async () => {
    stack = await startBrowserStack('browser-staff-organisation');
    // Courses first: the forms' catalogue is cached until a course changes through the service.
    seatCourse = await insertOnlineCourse(stack.api.app, { title: 'Eenzaamheid herkennen', access: 'by-organisation', seatPriceCents: 4_500 });
    tenant = await createTenant(stack.api.app, 'Gemeente Voorbeeldstad');
    platformAdmin = await createPlatformAdmin(stack.api.app);
    member = await createPerson(stack.api.app, { name: 'Fatima El Amrani' });
    await addMember(stack.api.app, tenant.organisation, member, ['learner'], ['first-conversation']);
    await stack.api.app.get(DataSource).query(`UPDATE users SET name = 'Sanne de Coördinator' WHERE id = $1`, [tenant.admin.user.id]);
  }, 90_000);
  afterAll(() => stack?.close());

  const org = () => `/org/${tenant.organisation.id}`;
  const main = (page: Page) => textOf(page.getByRole('main'));
  const submit = async (page: Page, button: string) => {
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button, exact: true }).click()]);
  };
  const follow = async (page: Page, link: string) => {
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: link, exact: true }).first().click()]);
  };
  const orgNav = (page: Page) => page.getByRole('navigation', { name: 'Onderdelen van je organisatie' });
  const downloaded = async (page: Page, link: string): Promise<string> => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link }).click()]);
    return readFileSync(await download.path(), 'utf8');
  };
  const imports = () => stack.worker.get<Queue>(getQueueToken('imports'), { strict: false });

  it('orders 5 seats, the platform admin confirms, imports 8 people (2 bad rows) watching the progress, enrols a member with a seat and downloads the chain report', async () => {
    const { page } = await stack.newPage();
    await signIn(page, tenant.admin.user.email, TEST_PASSWORD);

    // "Bestellingen" → "Bestellen": 5 seats for the online course.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gemeente Voorbeeldstad' }).click();
    await page.waitForURL(`**${org()}`);
    expect(await main(page)).toContain('Je organisatie heeft nog geen licenties.');
    await orgNav(page).getByRole('link', { name: 'Bestellingen' }).click();
    await page.waitForURL(`**${org()}/orders`);
    await page.getByLabel('Training', { exact: true }).selectOption({ label: 'Eenzaamheid herkennen' });
    await page.getByLabel('Plaatsen voor een training').check();
    await page.getByLabel('Aantal plaatsen').fill('5');
    await submit(page, 'Bestellen');
    expect(await main(page)).toContain('Je bestelling is verstuurd.');
    expect(await main(page)).toMatch(/Eenzaamheid herkennen Plaatsen 5 plaatsen Aangevraagd/);

    // The platform admin: "Beheer" → the order → "Bevestigen".
    const admin = await stack.newPage();
    await signIn(admin.page, platformAdmin.user.email, TEST_PASSWORD);
    await admin.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
    await admin.page.waitForURL('**/admin');
    const card = admin.page.getByRole('listitem').filter({ has: admin.page.getByRole('heading', { name: 'Gemeente Voorbeeldstad' }) });
    expect(await textOf(card)).toContain('Eenzaamheid herkennen: 5 plekken');
    await screenshot(admin.page, 'admin');
    await card.getByRole('link', { name: 'Bekijken en beslissen' }).click();
    await admin.page.waitForURL('**/admin/orders/*');
    await submit(admin.page, 'Bevestigen');
    expect(await main(admin.page)).toContain('De bestelling is bevestigd.');

    // Back at the overview: 5 seats left.
    await follow(page, 'Gemeente Voorbeeldstad');
    expect(await main(page)).toMatch(/Eenzaamheid herkennen 5 0 5 Geen einddatum/);
    await screenshot(page, 'org-overview');

    // "Mensen importeren": "Proef" first (nothing happens yet), then "Importeren".
    await orgNav(page).getByRole('link', { name: 'Mensen importeren' }).click();
    await page.waitForURL(`**${org()}/imports/new`);
    await page.getByLabel('CSV-bestand').setInputFiles({ name: 'vrijwilligers.csv', mimeType: 'text/csv', buffer: Buffer.from(PEOPLE_CSV) });
    await submit(page, 'Proef');
    const dry = await main(page);
    expect(dry).toContain('Dit gebeurt er als je importeert');
    expect(dry).toContain('Er gaan 6 e-mails uit.');
    expect(dry).toMatch(/3 geen-adres klopt niet Het e-mailadres klopt niet/);
    expect(dry).toMatch(/6 frank\.dekker@voorbeeldstad\.test klopt niet Onbekende rol in de keten: wethouder/);
    expect(await stack.api.app.get(DataSource).query(`SELECT 1 FROM users WHERE email LIKE '%@voorbeeldstad.test'`)).toHaveLength(0);

    // The job waits in line (its queue paused) so the bar is seen before it runs; then it runs and the page follows by itself.
    await imports().pause();
    try {
      await submit(page, 'Importeren');
      expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${org()}/imports/[0-9a-f-]{36}$`));
      const progress = page.locator('#import-progress');
      expect(await textOf(progress)).toContain('0 van 8 regels verwerkt');
      expect(await progress.getAttribute('data-poll')).toBeTruthy();
      expect(await page.getByRole('progressbar').getAttribute('value')).toBe('0');
    } finally {
      await imports().resume();
    }
    const pageUrl = page.url();
    await page.getByText('De import is klaar.').waitFor({ timeout: 30_000 });
    expect(page.url()).toBe(pageUrl); // no reload: the page polled itself
    expect(await page.getByRole('progressbar').getAttribute('value')).toBe('100');
    expect(await textOf(page.locator('#import-progress'))).toContain('8 van 8 regels verwerkt');
    expect(await page.locator('#import-progress').getAttribute('data-poll')).toBeNull();
    await screenshot(page, 'org-import-done');
    const result = (await downloaded(page, 'Download resultaat')).trim().split('\n');
    expect(result[0]).toBe('row,email,name,outcome,problem');
    expect(result).toHaveLength(9);
    expect(result.filter((line) => line.includes(',failed,'))).toHaveLength(2);
    expect(result).toContain('1,ans.bakker@voorbeeldstad.test,Ans Bakker,added,');

    // "Leden" → "Inschrijven voor een training": a member gets a seat from the licence.
    await follow(page, 'Gemeente Voorbeeldstad');
    await orgNav(page).getByRole('link', { name: 'Leden' }).click();
    await page.waitForURL(`**${org()}/members`);
    expect(await main(page)).toContain('Ans Bakker');
    await page.getByLabel('Lid', { exact: true }).selectOption(member.user.id);
    await page.getByLabel('Training of sessie').selectOption({ label: 'Eenzaamheid herkennen — online module' });
    await submit(page, 'Inschrijven');
    expect(await main(page)).toMatch(/Het lid is ingeschreven/);
    const [licence] = (await stack.api.app.get(DataSource).query(`SELECT id FROM licences WHERE organisation_id = $1`, [tenant.organisation.id])) as Array<{ id: string }>;
    expect(await licenceRow(stack.api.app, licence.id)).toMatchObject({ seats: 5, used: 1, enrolments: 1 });

    // "Ketenrapport" → "Download CSV".
    await follow(page, 'Gemeente Voorbeeldstad');
    expect(await main(page)).toMatch(/Eenzaamheid herkennen 4 1 5/);
    await orgNav(page).getByRole('link', { name: 'Ketenrapport' }).click();
    await page.waitForURL(`**${org()}/report`);
    expect(await main(page)).toContain('Rol in de keten');
    await screenshot(page, 'org-report');
    const report = (await downloaded(page, 'Download CSV')).split('\n');
    expect(report[0]).toMatch(/^chainRole,rol,assigned,certified,inProgress,expiringSoon,expired,/);
    expect(report.find((line) => line.startsWith('first-conversation,'))).toMatch(/^first-conversation,eerste gesprek,\d+,/);
  });

  it('imports with the keyboard alone: the file chosen, then "Proef", "Importeren" and "Download resultaat" by Tab and Enter', async () => {
    const { page } = await stack.newPage();
    await signIn(page, tenant.admin.user.email, TEST_PASSWORD);
    await page.goto(org());
    await activate(page, 'link', 'Mensen importeren');
    // The file chooser is the operating system's: the file is handed to the field, as the spec allows.
    await page.getByLabel('CSV-bestand').setInputFiles({ name: 'twee.csv', mimeType: 'text/csv', buffer: Buffer.from('email,name\nineke.kok@voorbeeldstad.test,Ineke Kok\njoost.prins@voorbeeldstad.test,Joost Prins\n') });
    await activate(page, 'button', 'Proef');
    expect(await main(page)).toContain('Er gaan 2 e-mails uit.');
    await activate(page, 'button', 'Importeren');
    await page.getByText('De import is klaar.').waitFor({ timeout: 30_000 });
    await tabTo(page, 'link', 'Download resultaat');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(readFileSync(await download.path(), 'utf8')).toContain('2,joost.prins@voorbeeldstad.test,Joost Prins,added,');
  });

  it('the platform admin finds a certificate, revokes it with a reason, and its verify page says it is revoked', async () => {
    const holder = await createPerson(stack.api.app, { name: 'Hanna Houder' });
    const certificate = await insertCertificate(stack.api.app, { userId: holder.user.id, courseId: seatCourse.id, expiresAt: new Date(Date.now() + 300 * DAY) });
    const { page } = await stack.newPage();
    await signIn(page, platformAdmin.user.email, TEST_PASSWORD);
    await page.goto('/admin');
    await page.getByLabel('Zoek een certificaat').fill('Hanna Houder');
    await submit(page, 'Zoeken');
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Hanna Houder' }) });
    expect((await textOf(card)).replace(/-/g, '')).toContain(certificate.code); // shown in groups of four
    await card.getByRole('link', { name: 'Intrekken' }).click();
    await page.waitForURL('**/admin/certificates/*/revoke');
    await page.getByLabel('Reden').fill('Op verzoek van de houder');
    await submit(page, 'Intrekken');

    await page.goto(`/verify/${certificate.code}`);
    const verdict = await main(page);
    expect(verdict).toContain('ingetrokken');
    expect(verdict).toContain('Op verzoek van de houder');
    expect(verdict).toContain('Hanna Houder');
  });
});
