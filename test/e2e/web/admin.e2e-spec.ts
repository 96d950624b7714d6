import { DataSource } from 'typeorm';
import { AUDIT_ACTIONS } from '@schakel/audit';
import { PageRenderer } from '@schakel/web';
import { startApi, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { PageClient, pageText } from '../../support/page-client';
import { insertCertificate } from '../../factories/certificate.factory';
import { insertCourse } from '../../factories/course.factory';
import { requestInCompany, requestSeats } from '../../factories/order.factory';
import { createTenant, grantPlatformTrainer, type Tenant } from '../../factories/organisation.factory';
import { createPerson, createPlatformAdmin, TEST_PASSWORD, type Person } from '../../factories/person.factory';

/** Issue 13, the platform admin: "Beheer" and the queue dashboard, for platform admins only. */
describe('web: Beheer, the platform admin pages', () => {
  let dropDatabase: () => Promise<void>;
  let api: TestApi;
  let admin: Person;
  let tenant: Tenant;
  let browser: PageClient;

  beforeAll(async () => {
    dropDatabase = await isolateRun('web-admin');
    api = await startApi();
    admin = await createPlatformAdmin(api.app);
    tenant = await createTenant(api.app, `Gemeente Beheerstad ${Date.now()}`);
    browser = new PageClient(api);
    await browser.signIn(admin.user.email, TEST_PASSWORD);
  });
  afterAll(async () => {
    await api?.close();
    await dropDatabase?.();
  });

  const data = () => api.app.get(DataSource);

  it('answers every admin page with "niet gevonden" to a learner and an org admin, and sends a visitor to sign in', async () => {
    const paths = ['/admin', '/admin/audit', '/admin/queues', `/admin/orders/${tenant.organisation.id}`];
    for (const person of [tenant.learner, tenant.admin]) {
      const other = new PageClient(api);
      await other.signIn(person.user.email, TEST_PASSWORD);
      for (const path of paths) {
        const response = await other.get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
        expect(pageText(response.text)).toContain('Niet gevonden');
      }
    }
    for (const path of ['/admin', '/admin/queues']) {
      const visitor = await new PageClient(api).get(path);
      expect(visitor.status).toBe(303);
      expect(visitor.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('shows the sections with the contract words, and a link to the queue dashboard', async () => {
    const page = await browser.get('/admin');
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    for (const words of ['Beheer', 'Organisatie toevoegen', 'Bestellingen om te beslissen', 'Facturen die nog open staan', 'Certificaten', 'Mislukte gebeurtenissen']) expect(text).toContain(words);
    expect(page.text).toContain('href="/admin/queues"');
    expect(text).toContain(tenant.organisation.name);
    expect(text).toContain(tenant.admin.user.name);
  });

  it('adds an organisation, saying in words what is missing', async () => {
    const empty = await browser.submit('/admin', { name: '', kind: 'municipality' }, '/admin/organisations');
    expect(empty.status).toBe(400);
    expect(pageText(empty.text)).toContain('Vul de naam van de organisatie in');
    const name = `Welzijn Noord ${Date.now()}`;
    const added = await browser.submit('/admin', { name, kind: 'welfare', address: 'Postbus 1\n8000 AA Zwolle' }, '/admin/organisations');
    expect(added.status).toBe(303);
    const after = pageText((await browser.get('/admin')).text);
    expect(after).toContain('De organisatie is toegevoegd.');
    expect(after).toContain(name);
    expect(after).toContain('Welzijnsorganisatie');
  });

  it('confirms a seats order; its invoice is then marked paid', async () => {
    const course = await insertCourse(api.app, { format: 'online', access: 'by-organisation', seatPriceCents: 4500 });
    const order = await requestSeats(api, tenant.admin, tenant.organisation.id, course.id, 5);
    expect(pageText((await browser.get('/admin')).text)).toContain(course.title);
    const decide = await browser.get(`/admin/orders/${order.id}`);
    expect(pageText(decide.text)).toContain('5 plekken');
    const confirmed = await browser.submit(`/admin/orders/${order.id}`, { price: '' }, `/admin/orders/${order.id}/confirm`);
    expect(confirmed.status).toBe(303);
    const [row] = await data().query(`SELECT state FROM orders WHERE id = $1`, [order.id]);
    expect(row.state).toBe('confirmed');
    const [invoice] = await data().query(`SELECT id, number FROM invoices WHERE order_id = $1`, [order.id]);
    const overview = await browser.get('/admin');
    expect(pageText(overview.text)).toContain(invoice.number);
    const paid = await browser.submit('/admin', {}, `/admin/invoices/${invoice.id}/paid`);
    expect(paid.status).toBe(303);
    const [after] = await data().query(`SELECT paid_at FROM invoices WHERE id = $1`, [invoice.id]);
    expect(after.paid_at).not.toBeNull();
    expect(pageText((await browser.get('/admin')).text)).not.toContain(invoice.number);
  });

  it('confirms an in-company order with a trainer and a meeting typed as date and times, after saying what was missing', async () => {
    const course = await insertCourse(api.app, { format: 'live', access: 'by-organisation' });
    const trainer = await createPerson(api.app, { name: 'Trainer Tineke' });
    await grantPlatformTrainer(api.app, trainer);
    const order = await requestInCompany(api, tenant.admin, tenant.organisation.id, course.id, 12);
    const decide = await browser.get(`/admin/orders/${order.id}`);
    expect(decide.text).toContain('Trainer Tineke');
    const incomplete = await browser.submit(`/admin/orders/${order.id}`, { trainer: '', meeting0Date: '2031-02-30', meeting0Start: '10:00', meeting0End: '12:00', price: 'veel' }, `/admin/orders/${order.id}/confirm`);
    expect(incomplete.status).toBe(400);
    const problems = pageText(incomplete.text);
    expect(problems).toContain('Kies een trainer');
    expect(problems).toContain('Bijeenkomst 1: vul een geldige datum en begintijd in');
    expect(problems).toContain('Vul de prijs in als een bedrag');
    const confirmed = await browser.submit(
      `/admin/orders/${order.id}`,
      { trainer: trainer.user.id, meeting0Date: '2031-03-04', meeting0Start: '10:00', meeting0End: '12:30', meeting1Date: '2031-03-11', meeting1Start: '10:00', meeting1End: '12:30', price: '2500,00' },
      `/admin/orders/${order.id}/confirm`,
    );
    expect(confirmed.status).toBe(303);
    const [row] = await data().query(
      `SELECT o.state, o.price_cents, (SELECT count(*)::int FROM meetings m WHERE m.session_id = s.id) AS meetings, (SELECT min(starts_at) FROM meetings m WHERE m.session_id = s.id) AS first
         FROM orders o JOIN sessions s ON s.id = o.session_id WHERE o.id = $1`,
      [order.id],
    );
    expect(row).toMatchObject({ state: 'confirmed', price_cents: 250_000, meetings: 2 });
    expect(new Date(row.first).toISOString()).toBe('2031-03-04T09:00:00.000Z');
  });

  it('rejects an order only with a reason', async () => {
    const course = await insertCourse(api.app, { format: 'online', access: 'by-organisation', seatPriceCents: 1000 });
    const order = await requestSeats(api, tenant.admin, tenant.organisation.id, course.id, 3);
    const bare = await browser.submit(`/admin/orders/${order.id}`, { reason: '' }, `/admin/orders/${order.id}/reject`);
    expect(bare.status).toBe(400);
    expect(pageText(bare.text)).toContain('Schrijf kort waarom');
    const rejected = await browser.submit(`/admin/orders/${order.id}`, { reason: 'Geen plek meer dit jaar' }, `/admin/orders/${order.id}/reject`);
    expect(rejected.status).toBe(303);
    const [row] = await data().query(`SELECT state, reason FROM orders WHERE id = $1`, [order.id]);
    expect(row).toEqual({ state: 'rejected', reason: 'Geen plek meer dit jaar' });
  });

  it('finds a certificate by its holder and revokes it with a reason, which the verify page then shows', async () => {
    const course = await insertCourse(api.app);
    const holder = await createPerson(api.app, { name: `Hanna Houder ${Date.now()}` });
    const certificate = await insertCertificate(api.app, { userId: holder.user.id, courseId: course.id, expiresAt: null });
    const found = await browser.get(`/admin?q=${encodeURIComponent(holder.user.name)}`);
    expect(pageText(found.text)).toContain(holder.user.name);
    expect(found.text).toContain(`href="/admin/certificates/${certificate.id}/revoke"`);
    const byCode = await browser.get(`/admin?q=${encodeURIComponent(certificate.code.toLowerCase())}`);
    expect(pageText(byCode.text)).toContain(holder.user.name);

    const ask = await browser.get(`/admin/certificates/${certificate.id}/revoke`);
    expect(pageText(ask.text)).toContain('Dit kun je niet ongedaan maken');
    const noReason = await browser.submit(`/admin/certificates/${certificate.id}/revoke`, { reason: '' });
    expect(noReason.status).toBe(400);
    const revoked = await browser.submit(`/admin/certificates/${certificate.id}/revoke`, { reason: 'Op verzoek van de houder' });
    expect(revoked.status).toBe(303);
    const verify = await new PageClient(api).get(`/verify/${certificate.code}`);
    expect(pageText(verify.text)).toContain('Dit certificaat is ingetrokken.');
    expect(pageText(verify.text)).toContain('Op verzoek van de houder');
    expect(pageText((await browser.get('/admin/audit')).text)).toContain('Certificaat ingetrokken');
  });

  it('has words for every kind of audit entry, in Dutch and English', () => {
    const pages = api.app.get(PageRenderer);
    for (const action of AUDIT_ACTIONS) {
      for (const lang of ['nl', 'en'] as const) expect(() => pages.word(lang, `admin.audit.actions.${action.replace(/\./g, '-')}`)).not.toThrow();
    }
  });

  it('lists a failed event with its last error and retries it', async () => {
    const [row] = await data().query(
      `INSERT INTO outbox_events (topic, payload, failure_count, last_error, last_failed_at, dead_at)
       VALUES ('course.completed', '{"completionId":"kapot"}', 10, 'certificates: completion kapot not found', now(), now()) RETURNING id`,
    );
    const page = pageText((await browser.get('/admin')).text);
    expect(page).toContain('certificates: completion kapot not found');
    const retried = await browser.submit('/admin', {}, `/admin/failed-events/${row.id}/retry`);
    expect(retried.status).toBe(303);
    const [after] = await data().query(`SELECT failure_count, dead_at FROM outbox_events WHERE id = $1`, [row.id]);
    expect(after).toEqual({ failure_count: 0, dead_at: null });
  });

  it('opens the queue dashboard for the platform admin, and refuses its actions from another site', async () => {
    const board = await browser.get('/admin/queues');
    expect(board.status).toBe(200);
    expect(board.headers['content-type']).toContain('text/html');
    const queues = await browser.agent.get('/admin/queues/api/queues').set('Accept', 'application/json');
    expect(queues.status).toBe(200);
    expect(JSON.stringify(queues.body)).toContain('certificates');
    const forged = await browser.agent.put('/admin/queues/api/queues/certificates/pause').set('Sec-Fetch-Site', 'cross-site');
    expect(forged.status).toBe(403);
  });
});
