import type { INestApplicationContext } from '@nestjs/common';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { waitFor } from '../../support/wait-for';
import { insertOnlineCourse } from '../../factories/course.factory';
import { confirmOrder, requestSeats } from '../../factories/order.factory';
import { createTenant, type Tenant } from '../../factories/organisation.factory';
import { createPlatformAdmin, type Person } from '../../factories/person.factory';

interface Entry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  organisationId: string | null;
  details: Record<string, unknown>;
}

/** Issue 11: every order decision (and the invoice paid) and every import is in the audit log, for platform admins. */
describe('audit: order decisions and imports', () => {
  let dropDatabase: () => Promise<void>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let platform: Person;
  let tenant: Tenant;

  beforeAll(async () => {
    dropDatabase = await isolateRun('oaud');
    api = await startApi();
    worker = await startWorker();
    [platform, tenant] = await Promise.all([createPlatformAdmin(api.app), createTenant(api.app)]);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await dropDatabase?.();
  });

  const entries = async (action: string): Promise<Entry[]> => {
    const response = await api.http().get(`/api/audit-log?limit=100&action=${action}`).set(platform.auth);
    expect(response.status).toBe(200);
    return response.body.items;
  };
  const about = async (action: string, subjectId: string) => (await entries(action)).filter((e) => e.subjectId === subjectId);

  it('records who requested, confirmed, rejected, cancelled and delivered an order, and who marked its invoice paid', async () => {
    const org = tenant.organisation.id;
    const course = await insertOnlineCourse(api.app, { seatPriceCents: 4950 });
    const confirmed = await requestSeats(api, tenant.admin, org, course.id, 25);
    const rejected = await requestSeats(api, tenant.admin, org, course.id, 3);
    const cancelled = await requestSeats(api, tenant.admin, org, course.id, 4);

    const confirmation = await confirmOrder(api, platform, confirmed.id);
    expect(confirmation.status).toBe(200);
    expect((await confirmOrder(api, platform, confirmed.id)).status).toBe(200); // twice: one decision, one entry
    expect((await api.http().post(`/api/orders/${rejected.id}/reject`).set(platform.auth).send({ reason: 'Geen budget' })).status).toBe(200);
    expect((await api.http().post(`/api/orders/${cancelled.id}/cancel`).set(tenant.admin.auth).send({ reason: 'Dubbel besteld' })).status).toBe(200);
    expect((await api.http().post(`/api/orders/${confirmed.id}/deliver`).set(platform.auth)).status).toBe(200);
    const invoiceId = confirmation.body.invoiceId as string;
    expect((await api.http().post(`/api/invoices/${invoiceId}/paid`).set(platform.auth)).status).toBe(200);
    expect((await api.http().post(`/api/invoices/${invoiceId}/paid`).set(platform.auth)).status).toBe(409);
    const invoice = (await api.http().get(`/api/invoices/${invoiceId}`).set(platform.auth)).body;

    expect(await about('order.requested', confirmed.id)).toEqual([
      expect.objectContaining({ actorId: tenant.admin.user.id, subjectType: 'order', organisationId: org, details: expect.objectContaining({ kind: 'seats', seats: 25 }) }),
    ]);
    expect(await about('order.confirmed', confirmed.id)).toEqual([
      expect.objectContaining({
        actorId: platform.user.id, subjectType: 'order', organisationId: org,
        details: expect.objectContaining({ kind: 'seats', seats: 25, priceCents: 4950, invoiceId, invoiceNumber: invoice.number, totalCents: 149_738 }),
      }),
    ]);
    expect(await about('order.rejected', rejected.id)).toEqual([
      expect.objectContaining({ actorId: platform.user.id, organisationId: org, details: expect.objectContaining({ reason: 'Geen budget' }) }),
    ]);
    expect(await about('order.cancelled', cancelled.id)).toEqual([
      expect.objectContaining({ actorId: tenant.admin.user.id, organisationId: org, details: expect.objectContaining({ reason: 'Dubbel besteld' }) }),
    ]);
    expect(await about('order.delivered', confirmed.id)).toEqual([expect.objectContaining({ actorId: platform.user.id, organisationId: org })]);
    expect(await about('invoice.paid', invoiceId)).toEqual([
      expect.objectContaining({
        actorId: platform.user.id, subjectType: 'invoice', organisationId: org,
        details: { number: invoice.number, orderId: confirmed.id, totalCents: 149_738 },
      }),
    ]);
    // a refused decision leaves no entry
    expect((await api.http().post(`/api/orders/${rejected.id}/deliver`).set(platform.auth)).status).toBe(409);
    expect(await about('order.delivered', rejected.id)).toEqual([]);
  });

  it('records who started an import and what it came to', async () => {
    const org = tenant.organisation.id;
    const csv = 'email,name,chainRoles\naudit-1@voorbeeldstad.test,Een,coordinator\nniet-een-adres,Twee,\n';
    const started = await api.http().post(`/api/organisations/${org}/imports`).set(tenant.admin.auth).set('Content-Type', 'text/csv').send(csv);
    expect(started.status).toBe(202);
    await waitFor(async () => (await api.http().get(`/api/organisations/${org}/imports/${started.body.id}`).set(tenant.admin.auth)).body,
      (s) => s.state === 'done', { what: 'the import done', timeoutMs: 30_000 });
    expect(await about('import.started', started.body.id)).toEqual([
      expect.objectContaining({ actorId: tenant.admin.user.id, subjectType: 'import', organisationId: org, details: { total: 2 } }),
    ]);
    expect(await about('import.finished', started.body.id)).toEqual([
      expect.objectContaining({ actorId: tenant.admin.user.id, subjectType: 'import', organisationId: org, details: { total: 2, counts: { added: 1, failed: 1 } } }),
    ]);
  });

  it('is for platform admins only', async () => {
    expect((await api.http().get('/api/audit-log?action=order.confirmed').set(tenant.admin.auth)).status).toBe(403);
  });
});
