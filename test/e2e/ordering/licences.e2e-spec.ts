import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/app';
import { daysFromNow } from '../../support/values';
import { insertCourse, insertOnlineCourse } from '../../factories/course.factory';
import { insertLicence, licenceRow } from '../../factories/order.factory';
import { addMember, createTenant, createTrainer, type Tenant } from '../../factories/organisation.factory';
import { createLearners, createPerson, type Person } from '../../factories/person.factory';
import { scheduleSession } from '../../factories/session.factory';

describe('seat licences', () => {
  let api: TestApi;
  let tenant: Tenant;

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    tenant = await createTenant(api.app, 'Gemeente Voorbeeldstad');
  });
  afterAll(() => api.close());

  const members = async (n: number): Promise<Person[]> => {
    const people = await createLearners(api.app, n);
    await Promise.all(people.map((p) => addMember(api.app, tenant.organisation, p, ['learner'])));
    return people;
  };
  const enrolWith = (person: Person, body: object) => api.http().post('/api/enrolments').set(person.auth).send(body);

  it('storm: 10 seats, 30 members at once → exactly 10 enrolled, 20 get 409 "no seats left on this licence"', async () => {
    const course = await insertOnlineCourse(api.app, { access: 'by-organisation' });
    const licenceId = await insertLicence(api.app, { organisationId: tenant.organisation.id, courseId: course.id, seats: 10 });
    const people = await members(30);
    const responses = await Promise.all(people.map((p) => enrolWith(p, { courseId: course.id, licenceId })));
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(10);
    const refused = responses.filter((r) => r.status === 409);
    expect(refused).toHaveLength(20);
    for (const r of refused) expect(r.body).toMatchObject({ error: 'Conflict', message: 'no seats left on this licence', code: 'licence.no-seats-left' });
    expect(await licenceRow(api.app, licenceId)).toEqual({ seats: 10, used: 10, enrolments: 10 });
    const listed = await api.http().get(`/api/organisations/${tenant.organisation.id}/licences`).set(tenant.admin.auth);
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((l: { id: string }) => l.id === licenceId)).toMatchObject({ seats: 10, used: 10, left: 0, courseId: course.id, valid: true });
  });

  it('storm on a live session: 5 seats of a licence, 15 members at once → 5 seated, the session counts 5', async () => {
    const trainer = await createTrainer(api.app);
    const course = await insertCourse(api.app, { access: 'by-organisation', author: trainer });
    const session = await scheduleSession(api, trainer, course, { capacity: 20 });
    const licenceId = await insertLicence(api.app, { organisationId: tenant.organisation.id, courseId: course.id, seats: 5 });
    const people = await members(15);
    const responses = await Promise.all(people.map((p) => enrolWith(p, { courseId: course.id, sessionId: session.id, licenceId })));
    expect(responses.filter((r) => r.status === 201).map((r) => r.body.status)).toEqual(Array(5).fill('confirmed'));
    expect(responses.filter((r) => r.status === 409)).toHaveLength(10);
    expect(await licenceRow(api.app, licenceId)).toEqual({ seats: 5, used: 5, enrolments: 5 });
    const [row] = await api.app.get(DataSource).query(`SELECT confirmed_count FROM sessions WHERE id = $1`, [session.id]);
    expect(row.confirmed_count).toBe(5);
  });

  it('an expired licence seats nobody (409 licence.expired), and uses no seat', async () => {
    const course = await insertOnlineCourse(api.app, { access: 'by-organisation' });
    const licenceId = await insertLicence(api.app, { organisationId: tenant.organisation.id, courseId: course.id, seats: 5, expiresAt: daysFromNow(-1) });
    const [person] = await members(1);
    const response = await enrolWith(person, { courseId: course.id, licenceId });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('licence.expired');
    expect(await licenceRow(api.app, licenceId)).toEqual({ seats: 5, used: 0, enrolments: 0 });
  });

  it('cancelling before any progress returns the seat; after progress it stays used', async () => {
    const course = await insertOnlineCourse(api.app, { access: 'by-organisation' });
    const [lesson] = (await api.app.get(DataSource).query(
      // two lessons: completing one is progress, not a completion
      `INSERT INTO lessons (course_id, title, body, position) VALUES ($1, 'Les 1', 'Tekst', 1), ($1, 'Les 2', 'Tekst', 2) RETURNING id`,
      [course.id],
    )) as Array<{ id: string }>;
    const licenceId = await insertLicence(api.app, { organisationId: tenant.organisation.id, courseId: course.id, seats: 2 });
    const [early, learner] = await members(2);

    const first = await enrolWith(early, { courseId: course.id, licenceId });
    expect(first.status).toBe(201);
    expect(first.body.licenceId).toBe(licenceId);
    expect((await api.http().post(`/api/enrolments/${first.body.id}/cancel`).set(early.auth)).status).toBe(200);
    expect(await licenceRow(api.app, licenceId)).toMatchObject({ used: 0 });

    const second = await enrolWith(learner, { courseId: course.id, licenceId });
    expect(second.status).toBe(201);
    const progress = await api.http().post(`/api/enrolments/${second.body.id}/lessons/${lesson.id}/complete`).set(learner.auth);
    expect(progress.status).toBeLessThan(300);
    expect((await api.http().post(`/api/enrolments/${second.body.id}/cancel`).set(learner.auth)).status).toBe(200);
    expect(await licenceRow(api.app, licenceId)).toMatchObject({ used: 1 });
  });

  it('a by-organisation course refuses self-enrolment without a seat (403), an open one does not', async () => {
    const closed = await insertOnlineCourse(api.app, { access: 'by-organisation' });
    const open = await insertOnlineCourse(api.app);
    const outsider = await createPerson(api.app);
    const refused = await enrolWith(outsider, { courseId: closed.id });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('enrolment.seat-required');
    expect((await enrolWith(outsider, { courseId: open.id })).status).toBe(201);
  });

  it("an admin enrolling a member uses the organisation's valid licence for the course without naming it", async () => {
    const course = await insertOnlineCourse(api.app, { access: 'by-organisation' });
    const licenceId = await insertLicence(api.app, { organisationId: tenant.organisation.id, courseId: course.id, seats: 3 });
    const [member] = await members(1);
    const response = await enrolWith(tenant.admin, { courseId: course.id, userId: member.user.id });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ licenceId, organisationId: tenant.organisation.id, status: 'active' });
    expect(await licenceRow(api.app, licenceId)).toEqual({ seats: 3, used: 1, enrolments: 1 });
  });

  it("another organisation's licence does not exist for a learner (404), and uses no seat", async () => {
    const other = await createTenant(api.app);
    const course = await insertOnlineCourse(api.app, { access: 'by-organisation' });
    const licenceId = await insertLicence(api.app, { organisationId: other.organisation.id, courseId: course.id, seats: 3 });
    const response = await enrolWith(tenant.learner, { courseId: course.id, licenceId });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('licence.not-found');
    expect(await licenceRow(api.app, licenceId)).toMatchObject({ used: 0 });
  });

  it('a by-organisation live course seats a member without a licence only in her in-company session', async () => {
    const trainer = await createTrainer(api.app);
    const course = await insertCourse(api.app, { access: 'by-organisation', author: trainer });
    const open = await scheduleSession(api, trainer, course, { capacity: 5 });
    // In-company sessions are scheduled by the organisation's own trainer.
    const own = await scheduleSession(api, tenant.trainer, course, { capacity: 5, visibility: 'in-company', organisationId: tenant.organisation.id });
    const [member] = await members(1);
    const refused = await enrolWith(member, { courseId: course.id, sessionId: open.id });
    expect(refused.status).toBe(403);
    const seated = await enrolWith(member, { courseId: course.id, sessionId: own.id });
    expect(seated.status).toBe(201);
  });
});
