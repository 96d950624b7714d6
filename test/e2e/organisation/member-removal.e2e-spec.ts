import { startApi, TestApi } from '../../support/app';
import { insertCourse } from '../../factories/course.factory';
import { createTenant, Tenant } from '../../factories/organisation.factory';
import { TEST_PASSWORD } from '../../factories/person.factory';
import { scheduleSession } from '../../factories/session.factory';

/** Issue 15, points 3 and 4: an org admin removes a member; she then sees nothing of it and her tokens end. */
describe('organisation: removing a member', () => {
  let api: TestApi;
  let tenant: Tenant;
  let other: Tenant;

  beforeAll(async () => {
    api = await startApi();
    [tenant, other] = await Promise.all([createTenant(api.app), createTenant(api.app)]);
  });
  afterAll(() => api.close());

  const remove = (t: Tenant, actor: Tenant['admin'], userId: string) =>
    api.http().delete(`/api/organisations/${t.organisation.id}/members/${userId}`).set(actor.auth);

  it('removes the member: her old token stops working and with a new one she sees nothing of the organisation', async () => {
    const course = await insertCourse(api.app);
    const session = await scheduleSession(api, tenant.trainer, course, { visibility: 'in-company', organisationId: tenant.organisation.id });
    const { learner } = tenant;
    expect((await api.http().get(`/api/sessions/${session.id}`).set(learner.auth)).status).toBe(200);

    expect((await remove(other, other.admin, learner.user.id)).status).toBe(404);
    expect((await remove(tenant, learner, learner.user.id)).status).toBe(403);
    expect((await remove(tenant, tenant.admin, learner.user.id)).status).toBe(204);

    expect((await api.http().get('/api/me').set(learner.auth)).status).toBe(401);
    const login = await api.http().post('/api/auth/login').send({ email: learner.user.email, password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    expect((await api.http().get(`/api/sessions/${session.id}`).set(auth)).status).toBe(404);
    expect((await api.http().get(`/api/organisations/${tenant.organisation.id}`).set(auth)).status).toBe(404);
    const listed = await api.http().get(`/api/sessions?courseId=${course.id}`).set(auth);
    expect(listed.body.items).toEqual([]);
    expect((await remove(tenant, tenant.admin, learner.user.id)).status).toBe(404);
  });

  it('a removed admin loses the reports; the last admin cannot be removed', async () => {
    const t = await createTenant(api.app);
    const added = await api.http().post(`/api/organisations/${t.organisation.id}/members`).set(t.admin.auth)
      .send({ email: `tweede-${Date.now()}@example.nl`, name: 'Tweede Beheerder', roles: ['org-admin'], chainRoles: [] });
    expect(added.status).toBe(201);
    expect((await remove(t, t.admin, t.admin.user.id)).status).toBe(204);
    const login = await api.http().post('/api/auth/login').send({ email: t.admin.user.email, password: TEST_PASSWORD });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    expect((await api.http().get(`/api/organisations/${t.organisation.id}/reports/chain`).set(auth)).status).toBe(404);

    const solo = await createTenant(api.app);
    const last = await remove(solo, solo.admin, solo.admin.user.id);
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('organisation.last-admin');
  });
});
