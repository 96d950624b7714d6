import { startApi, TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { insertCertificate } from '../../factories/certificate.factory';
import { insertOnlineCourse } from '../../factories/course.factory';
import { createTenant, Tenant } from '../../factories/organisation.factory';
import { createPerson, createPlatformAdmin, Person } from '../../factories/person.factory';

interface Entry {
  actorId: string | null;
  action: string;
  subjectId: string;
  organisationId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

/** Issue 15, point 20: role, membership and platform-role changes, revocations and bulk imports are recorded (who, what, when). */
describe('audit: the audit log', () => {
  let dropDatabase: () => Promise<void>;
  let api: TestApi;
  let platform: Person;
  let tenant: Tenant;

  beforeAll(async () => {
    dropDatabase = await isolateRun('audit');
    api = await startApi();
    [platform, tenant] = await Promise.all([createPlatformAdmin(api.app), createTenant(api.app)]);
  });
  afterAll(async () => {
    await api.close();
    await dropDatabase();
  });

  const log = async (query = 'limit=100'): Promise<Entry[]> => {
    const response = await api.http().get(`/api/audit-log?${query}`).set(platform.auth);
    expect(response.status).toBe(200);
    return response.body.items;
  };

  it('records who added, re-roled, accepted and removed members, granted platform roles, revoked and imported', async () => {
    const org = tenant.organisation.id;
    const person = await createPerson(api.app);
    expect((await api.http().post(`/api/organisations/${org}/members`).set(tenant.admin.auth).send({ email: person.user.email, name: 'Lid', roles: ['learner'], chainRoles: [] })).status).toBe(201);
    expect((await api.http().post(`/api/me/memberships/${org}/accept`).set(person.auth)).status).toBe(204);
    expect((await api.http().patch(`/api/organisations/${org}/members/${person.user.id}`).set(tenant.admin.auth).send({ roles: ['trainer'] })).status).toBe(200);
    expect((await api.http().delete(`/api/organisations/${org}/members/${person.user.id}`).set(tenant.admin.auth)).status).toBe(204);
    expect((await api.http().put(`/api/users/${person.user.id}/platform-roles`).set(platform.auth).send({ roles: ['trainer'] })).status).toBe(200);
    const course = await insertOnlineCourse(api.app);
    const certificate = await insertCertificate(api.app, { userId: tenant.learner.user.id, courseId: course.id, expiresAt: null });
    expect((await api.http().post(`/api/certificates/${certificate.id}/revoke`).set(platform.auth).send({ reason: 'Fraude' })).status).toBe(200);
    const csv = `email,name,courseId,sessionId\nbulk-${Date.now()}@example.nl,Bulk Persoon,${course.id},\n`;
    expect((await api.http().post(`/api/enrolments/bulk?organisationId=${org}`).set(tenant.admin.auth).set('Content-Type', 'text/csv').send(csv)).status).toBeLessThan(300);

    const entries = await log();
    const about = (action: string, subjectId: string) => entries.find((e) => e.action === action && e.subjectId === subjectId);
    expect(about('member.added', person.user.id)).toMatchObject({ actorId: tenant.admin.user.id, organisationId: org, details: { status: 'pending' } });
    expect(about('member.accepted', person.user.id)).toMatchObject({ actorId: person.user.id, organisationId: org });
    expect(about('member.roles-changed', person.user.id)).toMatchObject({
      actorId: tenant.admin.user.id,
      details: { before: { roles: ['learner'] }, after: { roles: ['trainer'] } },
    });
    expect(about('member.removed', person.user.id)).toMatchObject({ actorId: tenant.admin.user.id, organisationId: org });
    expect(about('platform-roles.set', person.user.id)).toMatchObject({ actorId: platform.user.id, details: { before: [], after: ['trainer'] } });
    expect(about('certificate.revoked', certificate.id)).toMatchObject({ actorId: platform.user.id, details: { reason: 'Fraude' } });
    expect(about('enrolment.bulk-imported', org)).toMatchObject({ actorId: tenant.admin.user.id, details: { total: 1 } });
    expect(Number.isNaN(Date.parse(entries[0].createdAt))).toBe(false);
  });

  it('is for platform admins only, newest first and paged', async () => {
    expect((await api.http().get('/api/audit-log').set(tenant.admin.auth)).status).toBe(403);
    expect((await api.http().get('/api/audit-log')).status).toBe(401);
    const all = await log();
    const page = await api.http().get('/api/audit-log?limit=2&offset=1').set(platform.auth);
    expect(page.body.total).toBe(all.length);
    expect(page.body.items.map((e: Entry) => e.action)).toEqual(all.slice(1, 3).map((e) => e.action));
    const times = all.map((e) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const only = await log('action=certificate.revoked');
    expect(only.every((e) => e.action === 'certificate.revoked')).toBe(true);
    expect((await api.http().get('/api/audit-log?action=nonsense').set(platform.auth)).status).toBe(400);
  });
});
