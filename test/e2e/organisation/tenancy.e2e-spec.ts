import { startApi, TestApi } from '../../support/app';
import { createTenant, Tenant } from '../../factories/organisation.factory';
import { insertOnlineCourse } from '../../factories/course.factory';
import { confirmOrder, requestSeats } from '../../factories/order.factory';
import { createPlatformAdmin, Person } from '../../factories/person.factory';

type Method = 'get' | 'post' | 'patch';
interface Call {
  method: Method;
  path: string;
  body?: object;
}

/**
 * Every route with an id of organisation B, as organisation A's people would call it.
 * New domains add their routes here: nobody in A may learn anything about B.
 */
function routesOfB(b: Tenant, bought: Bought): Call[] {
  const org = b.organisation.id;
  return [
    // ordering: orders, licences, invoices
    { method: 'get', path: `/api/organisations/${org}/orders` },
    { method: 'post', path: `/api/organisations/${org}/orders`, body: { courseId: bought.courseId, kind: 'seats', seats: 1 } },
    { method: 'get', path: `/api/organisations/${org}/licences` },
    { method: 'get', path: `/api/organisations/${org}/invoices` },
    { method: 'get', path: `/api/orders/${bought.orderId}` },
    { method: 'get', path: `/api/orders/${bought.orderId}/report` },
    { method: 'post', path: `/api/orders/${bought.requestedOrderId}/cancel`, body: { reason: 'niet van ons' } },
    { method: 'get', path: `/api/invoices/${bought.invoiceId}` },
    { method: 'get', path: `/api/invoices/${bought.invoiceId}/pdf` },
    { method: 'post', path: '/api/enrolments', body: { courseId: bought.courseId, licenceId: bought.licenceId } },
    { method: 'get', path: `/api/organisations/${org}` },
    { method: 'get', path: `/api/organisations/${org}/members` },
    { method: 'post', path: `/api/organisations/${org}/members`, body: { email: 'x@example.nl', name: 'X', roles: ['learner'], chainRoles: [] } },
    { method: 'patch', path: `/api/organisations/${org}/members/${b.learner.user.id}`, body: { chainRoles: ['coordinator'] } },
    { method: 'patch', path: `/api/organisations/${org}/members/${b.admin.user.id}`, body: { roles: ['learner'] } },
  ];
}

/** What B bought: a confirmed seats order with its licence and invoice, and an order still requested. */
interface Bought {
  courseId: string;
  orderId: string;
  requestedOrderId: string;
  licenceId: string;
  invoiceId: string;
}

async function buy(api: TestApi, b: Tenant): Promise<Bought> {
  const course = await insertOnlineCourse(api.app, { access: 'by-organisation', seatPriceCents: 1000 });
  const platform = await createPlatformAdmin(api.app);
  const order = await requestSeats(api, b.admin, b.organisation.id, course.id, 5);
  const confirmed = (await confirmOrder(api, platform, order.id)).body;
  const requested = await requestSeats(api, b.admin, b.organisation.id, course.id, 2);
  return { courseId: course.id, orderId: order.id, requestedOrderId: requested.id, licenceId: confirmed.licenceId, invoiceId: confirmed.invoiceId };
}

describe('tenancy: one organisation never sees another', () => {
  let api: TestApi;
  let a: Tenant;
  let b: Tenant;
  let bought: Bought;

  beforeAll(async () => {
    api = await startApi();
    [a, b] = await Promise.all([createTenant(api.app, 'Gemeente Aardam'), createTenant(api.app, 'Gemeente Bedum')]);
    bought = await buy(api, b);
  });
  afterAll(() => api.close());

  const callers = (t: Tenant): Array<[string, Person]> => [
    ['org-admin', t.admin],
    ['trainer', t.trainer],
    ['learner', t.learner],
  ];

  it.each(['org-admin', 'trainer', 'learner'])("A's %s gets 404 on every route of B, with none of B's data", async (role) => {
    const person = callers(a).find(([r]) => r === role)![1];
    const forbiddenValues = [b.organisation.name, b.admin.user.email, b.learner.user.email, b.trainer.user.email];
    for (const call of routesOfB(b, bought)) {
      const request = api.http()[call.method](call.path).set(person.auth);
      const response = await (call.body ? request.send(call.body) : request);
      expect({ call: `${call.method} ${call.path}`, status: response.status }).toEqual({ call: `${call.method} ${call.path}`, status: 404 });
      const text = JSON.stringify(response.body);
      for (const value of forbiddenValues) expect(text).not.toContain(value);
    }
    // and B is unchanged: still has its admin, and its learner's chain role
    const members = await api.http().get(`/api/organisations/${b.organisation.id}/members`).set(b.admin.auth);
    expect(members.status).toBe(200);
    expect(members.body.total).toBe(3);
    const learner = members.body.items.find((m: { userId: string }) => m.userId === b.learner.user.id);
    expect(learner.chainRoles).toEqual(['first-conversation']);
    // and B's order is still requested, its licence untouched
    expect((await api.http().get(`/api/orders/${bought.requestedOrderId}`).set(b.admin.auth)).body.state).toBe('requested');
    const licences = await api.http().get(`/api/organisations/${b.organisation.id}/licences`).set(b.admin.auth);
    expect(licences.body.items[0]).toMatchObject({ id: bought.licenceId, used: 0 });
  });

  it("lists only the caller's own organisations", async () => {
    const list = await api.http().get('/api/organisations').set(a.learner.auth);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [expect.objectContaining({ id: a.organisation.id })], total: 1 });
  });

  it("does not reach B's member through A's organisation path", async () => {
    const response = await api.http().patch(`/api/organisations/${a.organisation.id}/members/${b.learner.user.id}`).set(a.admin.auth).send({ chainRoles: ['coordinator'] });
    expect(response.status).toBe(404);
  });

  it('lets a member without the org-admin role see the organisation but not manage it (403)', async () => {
    expect((await api.http().get(`/api/organisations/${a.organisation.id}`).set(a.learner.auth)).status).toBe(200);
    expect((await api.http().get(`/api/organisations/${a.organisation.id}/members`).set(a.learner.auth)).status).toBe(403);
    expect((await api.http().get(`/api/organisations/${a.organisation.id}/members`).set(a.trainer.auth)).status).toBe(403);
  });

  it('lets an org admin add a new person, ask an existing one (pending until she accepts), and assign chain roles', async () => {
    const added = await api.http().post(`/api/organisations/${a.organisation.id}/members`).set(a.admin.auth)
      .send({ email: `nieuw-${Date.now()}@example.nl`, name: 'Nieuw Lid', roles: ['learner'], chainRoles: ['deeper-conversation'] });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ roles: ['learner'], chainRoles: ['deeper-conversation'], hasAccount: false });

    const linked = await api.http().post(`/api/organisations/${a.organisation.id}/members`).set(a.admin.auth)
      .send({ email: b.learner.user.email.toUpperCase(), name: 'Typed By Admin', roles: ['learner'], chainRoles: ['first-conversation'] });
    expect(linked.status).toBe(201);
    // Consent first: the admin learns neither the account's name nor that it exists.
    expect(linked.body).toMatchObject({ userId: b.learner.user.id, name: 'Typed By Admin', status: 'pending', hasAccount: false });
    expect(linked.body.name).not.toBe(b.learner.user.name);

    const again = await api.http().post(`/api/organisations/${a.organisation.id}/members`).set(a.admin.auth)
      .send({ email: b.learner.user.email, name: 'x', roles: ['learner'], chainRoles: [] });
    expect(again.status).toBe(409);

    // B's learner now sees both memberships (A's pending), and nothing of A leaks to B's admin
    const me = await api.http().get('/api/me').set(b.learner.auth);
    const statuses = Object.fromEntries(me.body.memberships.map((m: { organisationId: string; status: string }) => [m.organisationId, m.status]));
    expect(statuses).toEqual({ [a.organisation.id]: 'pending', [b.organisation.id]: 'active' });
    const bMembers = await api.http().get(`/api/organisations/${b.organisation.id}/members`).set(b.admin.auth);
    expect(bMembers.body.total).toBe(3);
  });

  it('keeps at least one org-admin, even when two demotions race', async () => {
    const t = await createTenant(api.app);
    const second = await api.http().post(`/api/organisations/${t.organisation.id}/members`).set(t.admin.auth)
      .send({ email: `tweede-${Date.now()}@example.nl`, name: 'Tweede Beheerder', roles: ['org-admin'], chainRoles: [] });
    // A platform admin makes both calls, so the caller's own rights do not change mid-race.
    const platform = await createPlatformAdmin(api.app);
    const results = await Promise.all([
      api.http().patch(`/api/organisations/${t.organisation.id}/members/${t.admin.user.id}`).set(platform.auth).send({ roles: ['learner'] }),
      api.http().patch(`/api/organisations/${t.organisation.id}/members/${second.body.userId}`).set(platform.auth).send({ roles: ['learner'] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});
