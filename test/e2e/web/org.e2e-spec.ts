import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { PageClient, pageText } from '../../support/page-client';
import { waitFor } from '../../support/wait-for';
import { insertCourse, insertOnlineCourse } from '../../factories/course.factory';
import { confirmOrder, insertLicence, licenceRow, requestSeats } from '../../factories/order.factory';
import { addMember, createTenant, type Tenant } from '../../factories/organisation.factory';
import { createPerson, createPlatformAdmin, TEST_PASSWORD, type Person } from '../../factories/person.factory';

/** Issue 13, the organisation admin's pages: overview, "Leden", import, "Bestellingen", "Ketenrapport", enrolling a member. */
describe('web: the organisation admin pages', () => {
  let dropDatabase: () => Promise<void>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let tenant: Tenant;
  let other: Tenant;
  let platformAdmin: Person;
  let seatCourse: { id: string; title: string };
  let openCourse: { id: string; title: string };
  let liveCourse: { id: string; title: string };

  beforeAll(async () => {
    dropDatabase = await isolateRun('web-org');
    api = await startApi();
    worker = await startWorker();
    tenant = await createTenant(api.app, 'Gemeente Schakeldam');
    other = await createTenant(api.app, 'Gemeente Elders');
    platformAdmin = await createPlatformAdmin(api.app);
    // Courses first: the catalogue page the forms list is cached until a course changes through the service.
    seatCourse = await insertOnlineCourse(api.app, { title: 'Eenzaamheid herkennen', access: 'by-organisation', seatPriceCents: 5_000 });
    openCourse = await insertOnlineCourse(api.app, { title: 'Luisteren zonder oordeel' });
    liveCourse = await insertCourse(api.app, { title: 'Het verdiepende gesprek', format: 'live' });
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await dropDatabase?.();
  });

  const org = () => `/org/${tenant.organisation.id}`;
  const signedIn = async (person: Person) => {
    const browser = new PageClient(api);
    await browser.signIn(person.user.email, TEST_PASSWORD);
    return browser;
  };
  const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  /** A plain form post as a browser sends it: a ticked checkbox group repeats its name. */
  const post = async (browser: PageClient, page: string, action: string, fields: Array<[string, string]>) => {
    const token = tokenOf((await browser.get(page)).text);
    const body = new URLSearchParams([...fields, ['_csrf', token]]).toString();
    return browser.agent.post(action).type('form').set('Accept', 'text/html').send(body);
  };
  const upload = async (browser: PageClient, csv: string | null, token?: string) => {
    const request = browser.agent.post(`${org()}/imports/new`).set('Accept', 'text/html').field('_csrf', token ?? tokenOf((await browser.get(`${org()}/imports/new`)).text));
    return csv === null ? request.field('nothing', '') : request.attach('file', Buffer.from(csv, 'utf8'), 'people.csv');
  };
  const db = () => api.app.get(DataSource);

  it('shows the overview: empty at first, then seats left per licence, open orders and the chain chart', async () => {
    const admin = await signedIn(tenant.admin);
    const empty = await admin.get(org());
    expect(empty.status).toBe(200);
    expect(empty.text.match(/<h1[^>]*>/g)).toHaveLength(1);
    expect(empty.text).toMatch(/<h1[^>]*>Gemeente Schakeldam<\/h1>/);
    const words = pageText(empty.text);
    expect(words).toContain('Je organisatie heeft nog geen licenties.');
    expect(words).toContain('Er lopen geen bestellingen.');
    for (const link of ['Leden', 'Mensen importeren', 'Bestellingen', 'Ketenrapport']) expect(words).toContain(link);
    expect(empty.text).toContain(`<img src="${org()}/report/chart.svg" alt="Eerste gesprek: 1 toegewezen, 0 gecertificeerd, 0 bezig.`);

    await insertLicence(api.app, { organisationId: tenant.organisation.id, courseId: seatCourse.id, seats: 7 });
    await requestSeats(api, tenant.admin, tenant.organisation.id, openCourse.id, 12);
    const filled = pageText((await admin.get(org())).text);
    expect(filled).toMatch(/Eenzaamheid herkennen 7 0 7 Geen einddatum/);
    expect(filled).toMatch(/Luisteren zonder oordeel Plaatsen 12 plaatsen Aangevraagd/);

    const chart = await admin.get(`${org()}/report/chart.svg`);
    expect(chart.status).toBe(200);
    expect(chart.headers['content-type']).toContain('image/svg+xml');
    expect(String(chart.body ?? chart.text)).toContain('Ketenrapport Gemeente Schakeldam');
  });

  it('"Leden": members with roles and chain roles, invite one person (errors in words first), withdraw the invitation', async () => {
    const admin = await signedIn(tenant.admin);
    const list = await admin.get(`${org()}/members`);
    expect(list.status).toBe(200);
    expect(list.text).toMatch(/<h1[^>]*>Leden<\/h1>/);
    expect(pageText(list.text)).toContain(`${tenant.learner.user.name} ${tenant.learner.user.email} Deelnemer Eerste gesprek`);
    expect(pageText(list.text)).toContain('Er staan geen uitnodigingen open.');

    const wrong = await post(admin, `${org()}/members`, `${org()}/members`, [['name', ''], ['email', 'geen-adres'], ['locale', 'nl']]);
    expect(wrong.status).toBe(400);
    const problems = pageText(wrong.text);
    expect(problems).toContain('Vul de naam in');
    expect(problems).toContain('Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl');
    expect(problems).toContain('Kies minstens één rol');
    expect(wrong.text).toContain('href="#roles"');
    expect(wrong.text).toContain('value="geen-adres"');

    const invited = await post(admin, `${org()}/members`, `${org()}/members`, [
      ['name', 'Petra Nieuw'], ['email', 'petra.nieuw@schakeldam.test'], ['roles', 'learner'], ['chainRoles', 'first-conversation'], ['chainRoles', 'coordinator'], ['locale', 'nl'],
    ]);
    expect(invited.status).toBe(303);
    const after = await admin.get(`${org()}/members`);
    expect(pageText(after.text)).toContain('De uitnodiging is verstuurd.');
    expect(pageText(after.text)).toMatch(/Petra Nieuw petra\.nieuw@schakeldam\.test Deelnemer Eerste gesprek, Spin in het web/);
    const [petra] = (await db().query(`SELECT id FROM users WHERE email = 'petra.nieuw@schakeldam.test'`)) as Array<{ id: string }>;
    expect(after.text).toContain(`action="${org()}/members/${petra.id}/revoke"`);

    const again = await post(admin, `${org()}/members`, `${org()}/members`, [['name', 'Petra'], ['email', 'petra.nieuw@schakeldam.test'], ['roles', 'learner']]);
    expect(again.status).toBe(400);
    expect(pageText(again.text)).toContain('Deze persoon is al lid van je organisatie, of al uitgenodigd');

    const revoked = await post(admin, `${org()}/members`, `${org()}/members/${petra.id}/revoke`, []);
    expect(revoked.status).toBe(303);
    const gone = await admin.get(`${org()}/members`);
    expect(pageText(gone.text)).toContain('De uitnodiging is ingetrokken.');
    expect(pageText(gone.text)).not.toContain('Petra Nieuw');
  });

  it('changes roles (never the last admin away) and removes a member only after the confirm step', async () => {
    const admin = await signedIn(tenant.admin);
    const person = await createPerson(api.app, { name: 'Karel Verhuisd' });
    await addMember(api.app, tenant.organisation, person, ['learner'], ['first-conversation']);
    const rolesPage = `${org()}/members/${person.user.id}`;
    const form = await admin.get(rolesPage);
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/<legend[^>]*>Rollen<\/legend>/);
    expect(form.text).toMatch(/<legend[^>]*>Rol in de keten<\/legend>/);
    expect(form.text).toMatch(/id="roles" name="roles" value="learner" checked/);

    const saved = await post(admin, rolesPage, rolesPage, [['roles', 'learner'], ['roles', 'trainer'], ['chainRoles', 'intake-referral']]);
    expect(saved.status).toBe(303);
    const [row] = (await db().query(`SELECT roles, chain_roles FROM memberships WHERE organisation_id = $1 AND user_id = $2`, [tenant.organisation.id, person.user.id])) as Array<{ roles: string[]; chain_roles: string[] }>;
    expect(row).toEqual({ roles: ['learner', 'trainer'], chain_roles: ['intake-referral'] });

    const ownPage = `${org()}/members/${tenant.admin.user.id}`;
    const lastAdmin = await post(admin, ownPage, ownPage, [['roles', 'learner']]);
    expect(lastAdmin.status).toBe(400);
    expect(pageText(lastAdmin.text)).toContain('Je organisatie heeft minstens één beheerder nodig.');
    const none = await post(admin, ownPage, ownPage, []);
    expect(pageText(none.text)).toContain('Kies minstens één rol');

    const confirm = await admin.get(`${rolesPage}/remove`);
    expect(confirm.status).toBe(200);
    expect(pageText(confirm.text)).toContain(`Weet je zeker dat je Karel Verhuisd (${person.user.email}) uit je organisatie wilt verwijderen?`);
    expect(pageText(confirm.text)).toContain('Ja, verwijderen');
    // Opening the confirm step changed nothing.
    expect(await db().query(`SELECT 1 FROM memberships WHERE organisation_id = $1 AND user_id = $2`, [tenant.organisation.id, person.user.id])).toHaveLength(1);
    const removed = await post(admin, `${rolesPage}/remove`, `${rolesPage}/remove`, []);
    expect(removed.status).toBe(303);
    expect(await db().query(`SELECT 1 FROM memberships WHERE organisation_id = $1 AND user_id = $2`, [tenant.organisation.id, person.user.id])).toHaveLength(0);
    expect(pageText((await admin.get(`${org()}/members`)).text)).toContain('Het lid is verwijderd.');

    const self = await post(admin, `${ownPage}/remove`, `${ownPage}/remove`, []);
    expect(self.status).toBe(409);
    expect(pageText(self.text)).toContain('Dit is de laatste beheerder van je organisatie.');
  });

  it('imports people: "Proef" shows per-row outcomes and the e-mails, "Importeren" runs the job with a progress bar, then "Download resultaat"', async () => {
    const admin = await signedIn(tenant.admin);
    const form = await admin.get(`${org()}/imports/new`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('enctype="multipart/form-data"');
    expect(form.text).toMatch(/<label class="utrecht-form-label" for="file">CSV-bestand<\/label>/);
    expect(pageText(form.text)).toContain('Proef');

    const noFile = await upload(admin, null);
    expect(noFile.status).toBe(400);
    expect(pageText(noFile.text)).toContain('Kies een CSV-bestand');
    const unreadable = await upload(admin, 'naam;adres\nPiet;piet@x.test\n');
    expect(unreadable.status).toBe(400);
    expect(pageText(unreadable.text)).toContain('Dit bestand kunnen we niet lezen.');
    const foreign = await new PageClient(api).agent.post(`${org()}/imports/new`).field('_csrf', 'made-up').attach('file', Buffer.from('email,name\n'), 'x.csv');
    expect(foreign.status).not.toBe(200);

    const csv = [
      'email,name,chainRoles,courseId,sessionId',
      `import-een@schakeldam.test,Ans Een,first-conversation,${seatCourse.id},`,
      'geen-adres,Bert Twee,,,',
      `${tenant.learner.user.email},Bestaand Lid,,,`,
      'import-vier@schakeldam.test,Cor Vier,wethouder,,',
      'import-vijf@schakeldam.test,Dien Vijf,coordinator,,',
    ].join('\n');
    const dry = await upload(admin, csv);
    expect(dry.status).toBe(200);
    const said = pageText(dry.text);
    expect(said).toContain('Dit gebeurt er als je importeert');
    expect(said).toContain('Er gaan 2 e-mails uit.');
    expect(said).toMatch(/2 geen-adres klopt niet Het e-mailadres klopt niet/);
    expect(said).toMatch(/4 import-vier@schakeldam\.test klopt niet Onbekende rol in de keten: wethouder/);
    expect(said).toMatch(/3 \S+ is al lid/);
    expect(said).not.toMatch(/bad e-mail|invalid|will-be-invited/);
    expect(await db().query(`SELECT 1 FROM users WHERE email = 'import-een@schakeldam.test'`)).toHaveLength(0);

    const csv64 = /name="csv64" value="([^"]+)"/.exec(dry.text)?.[1] ?? '';
    expect(Buffer.from(csv64, 'base64url').toString('utf8')).toBe(csv);
    const started = await admin.agent.post(`${org()}/imports`).set('Accept', 'text/html').field('_csrf', tokenOf(dry.text)).field('csv64', csv64);
    expect(started.status).toBe(303);
    const progressPath = String(started.headers.location);
    expect(progressPath).toMatch(new RegExp(`^${org()}/imports/[0-9a-f-]{36}$`));

    const first = await admin.get(progressPath);
    expect(first.status).toBe(200);
    expect(first.text).toContain('id="import-progress"');
    expect(first.text).toMatch(/<progress class="schakel-progress" max="100" value="\d+"/);
    if (!pageText(first.text).includes('De import is klaar.')) expect(first.text).toContain(`data-poll="${progressPath}"`);
    const done = await waitFor(async () => (await admin.get(progressPath)).text, (html) => pageText(html).includes('De import is klaar.'), { what: 'the import page to say it is done', timeoutMs: 60_000 });
    expect(done).not.toContain('data-poll');
    expect(done).toContain('value="100"');
    expect(pageText(done)).toContain('5 van 5 regels verwerkt');
    expect(pageText(done)).toContain('Download resultaat');

    const result = await admin.get(`${progressPath}/result.csv`);
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toContain('text/csv');
    expect(result.text.split('\n')[0]).toBe('row,email,name,outcome,problem');
    expect(result.text).toContain('1,import-een@schakeldam.test,Ans Een,enrolled,');
    expect(result.text).toContain('2,geen-adres,Bert Twee,failed,bad e-mail');
  });

  it('"Bestellingen": orders with state, "Bestellen" seats or an in-company session (errors in words), invoices as PDF', async () => {
    const fresh = await createTenant(api.app, 'Gemeente Nieuwdorp');
    const admin = await signedIn(fresh.admin);
    const orders = `/org/${fresh.organisation.id}/orders`;
    const empty = await admin.get(orders);
    expect(empty.status).toBe(200);
    expect(empty.text).toMatch(/<h1[^>]*>Bestellingen<\/h1>/);
    expect(pageText(empty.text)).toContain('Je organisatie heeft nog niets besteld.');
    expect(pageText(empty.text)).toContain('Er zijn nog geen facturen.');
    expect(empty.text).toMatch(/<legend[^>]*>Wat wil je bestellen\?<\/legend>/);

    const nothing = await post(admin, orders, orders, [['kind', 'seats']]);
    expect(nothing.status).toBe(400);
    expect(pageText(nothing.text)).toContain('Kies een training');
    expect(pageText(nothing.text)).toContain('Vul het aantal plaatsen in, van 1 tot 10.000');
    const noPlace = await post(admin, orders, orders, [['courseId', liveCourse.id], ['kind', 'in-company-session'], ['participants', '12'], ['date1', '2030-03-10']]);
    expect(noPlace.status).toBe(400);
    expect(pageText(noPlace.text)).toContain('Vul de plaats in waar de training is');
    expect(noPlace.text).toContain('value="2030-03-10"');
    const onlineInCompany = await post(admin, orders, orders, [['courseId', openCourse.id], ['kind', 'in-company-session'], ['participants', '12'], ['location', 'Stadhuis']]);
    expect(pageText(onlineInCompany.text)).toContain('Deze training is alleen online.');

    const seats = await post(admin, orders, orders, [['courseId', seatCourse.id], ['kind', 'seats'], ['seats', '5']]);
    expect(seats.status).toBe(303);
    const inCompany = await post(admin, orders, orders, [
      ['courseId', liveCourse.id], ['kind', 'in-company-session'], ['participants', '14'], ['location', 'Wijkcentrum De Brug'], ['date1', '2030-03-10'], ['date2', '2030-03-17'], ['note', 'Voor het wijkteam'],
    ]);
    expect(inCompany.status).toBe(303);
    const listed = await admin.get(orders);
    const words = pageText(listed.text);
    expect(words).toContain('Je bestelling is verstuurd.');
    expect(words).toMatch(/Eenzaamheid herkennen Plaatsen 5 plaatsen Aangevraagd/);
    expect(words).toMatch(/Het verdiepende gesprek Training op locatie 14 deelnemers Aangevraagd/);
    const stored = (await db().query(`SELECT kind, preferred_dates, location, note FROM orders WHERE organisation_id = $1 AND kind = 'in-company-session'`, [fresh.organisation.id])) as Array<Record<string, unknown>>;
    expect(stored).toEqual([expect.objectContaining({ location: 'Wijkcentrum De Brug', note: 'Voor het wijkteam' })]);

    const [order] = (await db().query(`SELECT id FROM orders WHERE organisation_id = $1 AND kind = 'seats'`, [fresh.organisation.id])) as Array<{ id: string }>;
    expect((await confirmOrder(api, platformAdmin, order.id)).status).toBe(200);
    const withInvoice = await admin.get(orders);
    expect(pageText(withInvoice.text)).toMatch(/Eenzaamheid herkennen Plaatsen 5 plaatsen Bevestigd/);
    const pdfPath = /href="(\/org\/[^"]+\/invoices\/[^"]+\/pdf)"/.exec(withInvoice.text)?.[1] ?? '';
    expect(pageText(withInvoice.text)).toContain('Download PDF');
    const pdf = await admin.get(pdfPath).buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/^application\/pdf/);
    expect(Buffer.from(pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    // The same invoice under another organisation's path is "niet gevonden" (its own admin asks).
    const elsewhere = await (await signedIn(tenant.admin)).get(pdfPath.replace(fresh.organisation.id, tenant.organisation.id));
    expect(elsewhere.status).toBe(404);
  });

  it('"Ketenrapport": per role assigned, certified, in progress, expiring per month, the chart and "Download CSV"', async () => {
    const admin = await signedIn(tenant.admin);
    const report = await admin.get(`${org()}/report`);
    expect(report.status).toBe(200);
    expect(report.text.match(/<h1[^>]*>/g)).toHaveLength(1);
    expect(report.text).toMatch(/<h1[^>]*>Ketenrapport<\/h1>/);
    const words = pageText(report.text);
    expect(words).toContain('Rol in de keten Toegewezen Gecertificeerd Bezig Verloopt binnen 60 dagen Verlopen');
    expect(words).toMatch(/Eerste gesprek \d+ 0 \d+ 0 0/);
    expect(words).toContain('Certificaten die verlopen, per maand');
    expect(report.text).toContain(`<img src="${org()}/report/chart.svg"`);
    expect(report.text).toContain(`href="${org()}/report.csv"`);
    expect(words).toContain('Download CSV');
    const csv = await admin.get(`${org()}/report.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toMatch(/^chainRole,rol,assigned,certified,inProgress,expiringSoon,expired,expiring \d{4}-\d{2}/);
    expect(csv.text).toContain('first-conversation,eerste gesprek,');
  });

  it('enrols a member in a module with a seat from the licence, and says in words why it cannot', async () => {
    const fresh = await createTenant(api.app, 'Gemeente Zeedorp');
    const admin = await signedIn(fresh.admin);
    const members = `/org/${fresh.organisation.id}/members`;
    const enrol = `/org/${fresh.organisation.id}/enrol`;
    const page = await admin.get(members);
    expect(page.text).toMatch(/<h2[^>]*>Inschrijven voor een training<\/h2>/);
    expect(page.text).toContain(`<option value="${seatCourse.id}">Eenzaamheid herkennen — online module</option>`);
    expect(page.text).toMatch(/<label class="utrecht-form-label" for="enrolMember">Lid<\/label>/);

    const nothing = await post(admin, members, enrol, [['enrolMember', ''], ['enrolChoice', '']]);
    expect(nothing.status).toBe(400);
    expect(pageText(nothing.text)).toContain('Kies een lid');
    expect(nothing.text).toContain('href="#enrolMember"');

    const noSeat = await post(admin, members, enrol, [['enrolMember', fresh.learner.user.id], ['enrolChoice', seatCourse.id]]);
    expect(noSeat.status).toBe(403);
    expect(pageText(noSeat.text)).toContain('Voor deze training is een plaats van een licentie nodig');

    const licenceId = await insertLicence(api.app, { organisationId: fresh.organisation.id, courseId: seatCourse.id, seats: 2 });
    const withLicence = await admin.get(members);
    expect(pageText(withLicence.text)).toContain('Eenzaamheid herkennen (2 plaatsen over)');
    const enrolled = await post(admin, members, enrol, [['enrolMember', fresh.learner.user.id], ['enrolChoice', seatCourse.id], ['enrolLicence', '']]);
    expect(enrolled.status).toBe(303);
    expect(pageText((await admin.get(members)).text)).toMatch(/Het lid is ingeschreven/);
    expect(await licenceRow(api.app, licenceId)).toMatchObject({ used: 1, enrolments: 1 });
    const [enrolment] = (await db().query(`SELECT organisation_id, licence_id FROM enrolments WHERE user_id = $1 AND course_id = $2`, [fresh.learner.user.id, seatCourse.id])) as Array<Record<string, string>>;
    expect(enrolment).toEqual({ organisation_id: fresh.organisation.id, licence_id: licenceId });

    const live = await post(admin, members, enrol, [['enrolMember', fresh.learner.user.id], ['enrolChoice', liveCourse.id]]);
    expect(pageText(live.text)).toContain('Deze training heeft alleen bijeenkomsten. Kies een sessie.');
  });

  it('answers "niet gevonden" on every path to a learner of the organisation and to another organisation\'s admin; a visitor signs in first', async () => {
    const id = tenant.organisation.id;
    const [anyMember] = (await db().query(`SELECT user_id FROM memberships WHERE organisation_id = $1 LIMIT 1`, [id])) as Array<{ user_id: string }>;
    const [anyImport] = (await db().query(`SELECT id FROM imports WHERE organisation_id = $1 LIMIT 1`, [id])) as Array<{ id: string }>;
    // The import of the earlier test, or (run alone) an id that exists nowhere: the same answer.
    const importId = anyImport?.id ?? '00000000-0000-4000-8000-000000000000';
    const gets = [
      `/org/${id}`, `/org/${id}/members`, `/org/${id}/members/${anyMember.user_id}`, `/org/${id}/members/${anyMember.user_id}/remove`,
      `/org/${id}/imports/new`, `/org/${id}/imports/${importId}`, `/org/${id}/imports/${importId}/result.csv`,
      `/org/${id}/orders`, `/org/${id}/report`, `/org/${id}/report.csv`, `/org/${id}/report/chart.svg`,
    ];
    const posts = [
      `/org/${id}/members`, `/org/${id}/members/${anyMember.user_id}`, `/org/${id}/members/${anyMember.user_id}/remove`, `/org/${id}/members/${anyMember.user_id}/revoke`,
      `/org/${id}/enrol`, `/org/${id}/orders`,
    ];
    for (const person of [tenant.learner, other.admin]) {
      const browser = await signedIn(person);
      const token = tokenOf((await browser.get('/')).text);
      for (const path of gets) {
        const response = await browser.get(path);
        expect([path, response.status]).toEqual([path, 404]);
        expect(pageText(response.text)).toContain('Niet gevonden');
      }
      for (const path of posts) {
        const response = await browser.agent.post(path).type('form').set('Accept', 'text/html').send({ _csrf: token, name: 'X', email: 'x@x.test', roles: 'learner' });
        expect([path, response.status]).toEqual([path, 404]);
      }
      const uploadAttempt = await browser.agent.post(`/org/${id}/imports/new`).set('Accept', 'text/html').field('_csrf', token).attach('file', Buffer.from('email,name\na@b.test,A\n'), 'people.csv');
      expect(uploadAttempt.status).toBe(404);
    }
    expect(await db().query(`SELECT 1 FROM users WHERE email = 'x@x.test'`)).toHaveLength(0);
    expect((await (await signedIn(tenant.admin)).get('/org/not-a-uuid')).status).toBe(404);
    const visitor = await new PageClient(api).get(`/org/${id}/members`);
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toBe(`/login?next=${encodeURIComponent(`/org/${id}/members`)}`);
  });
});
