import type { INestApplicationContext } from '@nestjs/common';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { waitFor } from '../../support/wait-for';
import { insertCourse, insertOnlineCourse } from '../../factories/course.factory';
import { confirmOrder, inCompanyConfirmation, requestInCompany, requestSeats } from '../../factories/order.factory';
import { createTenant, createTrainer, type Tenant } from '../../factories/organisation.factory';
import { createPlatformAdmin, type Person } from '../../factories/person.factory';

/** The day in the life, through the API: order, confirm, import 40 people, the chain report. */
describe('a day in the life of a buying organisation', () => {
  let dropDatabase: () => Promise<void>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let tenant: Tenant;
  let platform: Person;

  beforeAll(async () => {
    dropDatabase = await isolateRun('day');
    api = await startApi();
    worker = await startWorker();
    [tenant, platform] = await Promise.all([createTenant(api.app, 'Gemeente Voorbeeldstad'), createPlatformAdmin(api.app)]);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await dropDatabase?.();
  });

  it('orders seats and an in-company session, imports 40 people onto the seats, and reads the chain report', async () => {
    const org = tenant.organisation.id;
    const online = await insertOnlineCourse(api.app, { title: 'Het eerste gesprek', access: 'by-organisation', seatPriceCents: 4950 });
    const live = await insertCourse(api.app, { title: 'Verdiepend gesprek', chainRoles: ['deeper-conversation'] });
    const trainer = await createTrainer(api.app);

    const seats = await requestSeats(api, tenant.admin, org, online.id, 25);
    const inCompany = await requestInCompany(api, tenant.admin, org, live.id, 14);
    const toDecide = await api.http().get('/api/orders?state=requested').set(platform.auth);
    expect(toDecide.body.items.map((o: { id: string }) => o.id)).toEqual([seats.id, inCompany.id]);
    const licence = (await confirmOrder(api, platform, seats.id)).body;
    const session = (await confirmOrder(api, platform, inCompany.id, inCompanyConfirmation(trainer.user.id, 250_000))).body;
    expect(licence).toMatchObject({ state: 'confirmed', licenceId: expect.any(String), invoiceId: expect.any(String) });
    expect(session).toMatchObject({ state: 'confirmed', sessionId: expect.any(String), invoiceId: expect.any(String) });
    const invoices = await api.http().get(`/api/organisations/${org}/invoices`).set(tenant.admin.auth);
    expect(invoices.body.items.map((i: { totalCents: number }) => i.totalCents).sort((a: number, b: number) => a - b)).toEqual([149_738, 302_500]);

    const lines = ['email,name,chainRoles,courseId,sessionId'];
    for (let i = 1; i <= 40; i += 1) lines.push(`mens-${i}@voorbeeldstad.test,Mens ${i},first-conversation,${online.id},`);
    const csv = `${lines.join('\n')}\n`;
    const upload = (dryRun: boolean) => api.http().post(`/api/organisations/${org}/imports?dryRun=${dryRun}`).set(tenant.admin.auth).set('Content-Type', 'text/csv').send(csv);
    const dry = await upload(true);
    expect(dry.body.counts).toEqual({ 'will-be-invited': 25, 'no-seat-left': 15 });
    expect(dry.body.emailsToSend).toBe(25);
    const run = await upload(false);
    const done = await waitFor(async () => (await api.http().get(`/api/organisations/${org}/imports/${run.body.id}`).set(tenant.admin.auth)).body,
      (s) => s.state === 'done', { what: 'the import', timeoutMs: 60_000 });
    expect(done.counts).toEqual({ enrolled: 25, failed: 15 });
    const licences = await api.http().get(`/api/organisations/${org}/licences`).set(tenant.admin.auth);
    expect(licences.body.items).toEqual([expect.objectContaining({ seats: 25, used: 25, left: 0 })]);

    // The report reads a summary the worker keeps from the import's events: it follows within seconds.
    const first = await waitFor(
      async () => (await api.http().get(`/api/organisations/${org}/reports/chain`).set(tenant.admin.auth)).body.roles.find((r: { chainRole: string }) => r.chainRole === 'first-conversation'),
      (role) => role.assigned === 41 && role.inProgress === 25,
      { what: 'the chain report to follow the import', timeoutMs: 60_000 },
    );
    // 40 imported people plus the tenant's learner hold the role; the 25 with a seat are in progress
    expect(first).toMatchObject({ assigned: 41, certified: 0, inProgress: 25, expired: 0 });
    expect(first.expiringByMonth).toHaveLength(12);
  }, 180_000);
});
