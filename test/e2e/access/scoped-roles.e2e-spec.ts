import { randomUUID } from 'node:crypto';
import { startApi, TestApi } from '../../support/app';
import { insertCourse } from '../../factories/course.factory';
import { createOrganisation, createTenant, Tenant } from '../../factories/organisation.factory';
import { createPerson, createPlatformAdmin, Person } from '../../factories/person.factory';
import { scheduleSession } from '../../factories/session.factory';

const DAY = 86_400_000;
const meetings = () => {
  const start = Date.now() + 30 * DAY;
  return [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3 * 3_600_000).toISOString() }];
};

/**
 * Issue 15, point 6: an organisation's trainer role covers that organisation's in-company
 * sessions only; open sessions and catalogue courses need the platform trainer role, which
 * only a platform admin grants (or being the course's author).
 */
describe('access: roles are scoped', () => {
  let api: TestApi;
  let tenant: Tenant;
  let platform: Person;

  beforeAll(async () => {
    api = await startApi();
    [tenant, platform] = await Promise.all([createTenant(api.app), createPlatformAdmin(api.app)]);
  });
  afterAll(() => api.close());

  const schedule = (actor: Person, courseId: string, extra: Record<string, unknown>) =>
    api.http().post(`/api/courses/${courseId}/sessions`).set(actor.auth).send({ meetings: meetings(), location: 'Buurthuis', capacity: 10, ...extra });
  const createCourse = (actor: Person) =>
    api.http().post('/api/courses').set(actor.auth).send({ slug: `c-${randomUUID().slice(0, 8)}`, title: 'Een cursus', summary: 'Kort', chainRoles: [], format: 'live' });
  const grant = (actor: Person, userId: string, roles: string[]) => api.http().put(`/api/users/${userId}/platform-roles`).set(actor.auth).send({ roles });

  it('an organisation trainer trains her organisation’s in-company sessions, but schedules no open session and authors no course', async () => {
    const course = await insertCourse(api.app);
    expect((await schedule(tenant.trainer, course.id, { visibility: 'in-company', organisationId: tenant.organisation.id })).status).toBe(201);
    const open = await schedule(tenant.trainer, course.id, { visibility: 'open' });
    expect(open.status).toBe(403);
    expect(open.body.code).toBe('session.may-not-schedule');
    expect((await createCourse(tenant.trainer)).status).toBe(403);
    // An org admin cannot give herself the platform role either.
    expect((await createCourse(tenant.admin)).status).toBe(403);
    expect((await grant(tenant.admin, tenant.admin.user.id, ['trainer'])).status).toBe(403);
  });

  it('a platform admin grants the platform trainer role; then she authors courses and schedules their open sessions, not other authors’ courses', async () => {
    const person = await createPerson(api.app);
    expect((await createCourse(person)).status).toBe(403);
    const granted = await grant(platform, person.user.id, ['trainer']);
    expect(granted.status).toBe(200);
    expect(granted.body).toEqual({ userId: person.user.id, roles: ['trainer'] });
    const created = await createCourse(person);
    expect(created.status).toBe(201);
    // Her own (published) course: she schedules its open sessions; another author's course: 403.
    const own = await insertCourse(api.app, { author: person });
    expect((await schedule(person, own.id, { visibility: 'open' })).status).toBe(201);
    const others = await insertCourse(api.app);
    const refused = await schedule(person, others.id, { visibility: 'open' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('session.not-course-author');
    expect((await grant(platform, randomUUID(), ['trainer'])).status).toBe(404);
    expect((await grant(platform, person.user.id, ['admin'])).status).toBe(400);
  });

  it('a course’s author schedules open sessions of her own course without the platform role', async () => {
    const author = await createPerson(api.app);
    const course = await insertCourse(api.app, { createdById: author.user.id });
    expect((await schedule(author, course.id, { visibility: 'open' })).status).toBe(201);
  });

  it('an in-company session only for an organisation the caller belongs to: another and a missing one are the same 404', async () => {
    const course = await insertCourse(api.app);
    const other = await createOrganisation(api.app);
    const elsewhere = await schedule(tenant.trainer, course.id, { visibility: 'in-company', organisationId: other.id });
    const missing = await schedule(tenant.trainer, course.id, { visibility: 'in-company', organisationId: randomUUID() });
    expect(elsewhere.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(elsewhere.body).toEqual(missing.body);
    // Not even a platform trainer schedules for an organisation she is not in.
    const platformTrainer = await createPerson(api.app);
    await grant(platform, platformTrainer.user.id, ['trainer']);
    expect((await schedule(platformTrainer, course.id, { visibility: 'in-company', organisationId: other.id })).status).toBe(404);
    // A learner of the organisation is a member, but not its trainer.
    expect((await schedule(tenant.learner, course.id, { visibility: 'in-company', organisationId: tenant.organisation.id })).status).toBe(403);
    expect((await scheduleSession(api, platform, course, { visibility: 'in-company', organisationId: other.id })).id).toBeDefined();
  });
});
