import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/app';
import { insertCertificate } from '../../factories/certificate.factory';
import { insertCourse, insertOnlineCourse } from '../../factories/course.factory';
import { addMember, createTenant, createTrainer, Tenant } from '../../factories/organisation.factory';
import { createPerson, Person } from '../../factories/person.factory';
import { scheduleSession } from '../../factories/session.factory';

/**
 * Issue 15, point 5: an enrolment (and the certificate earned in it) belongs to the
 * organisation that made it. An admin of another organisation the person also belongs to
 * may not cancel, read or list it; the owning organisation's admins, the person and
 * platform admins may.
 */
describe('access: rights follow the record', () => {
  let api: TestApi;
  let a: Tenant;
  let b: Tenant;
  let person: Person;
  let trainer: Person;

  beforeAll(async () => {
    api = await startApi();
    [a, b, person, trainer] = await Promise.all([createTenant(api.app), createTenant(api.app), createPerson(api.app), createTrainer(api.app)]);
    await addMember(api.app, a.organisation, person, ['learner']);
    await addMember(api.app, b.organisation, person, ['learner']);
  });
  afterAll(() => api.close());

  const enrolFor = (admin: Person, body: Record<string, unknown>) =>
    api.http().post('/api/enrolments').set(admin.auth).send({ userId: person.user.id, ...body });

  it('only the owning organisation’s admins read and cancel an enrolment it made', async () => {
    const course = await insertOnlineCourse(api.app);
    const made = await enrolFor(a.admin, { courseId: course.id });
    expect(made.status).toBe(201);
    expect((await api.http().get(`/api/enrolments/${made.body.id}`).set(b.admin.auth)).status).toBe(404);
    expect((await api.http().post(`/api/enrolments/${made.body.id}/cancel`).set(b.admin.auth)).status).toBe(404);
    expect((await api.http().get(`/api/enrolments/${made.body.id}`).set(a.admin.auth)).status).toBe(200);
    expect((await api.http().get(`/api/enrolments/${made.body.id}`).set(person.auth)).status).toBe(200);
    const cancelled = await api.http().post(`/api/enrolments/${made.body.id}/cancel`).set(a.admin.auth);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('an enrolment the person made herself is not any organisation’s to cancel', async () => {
    const course = await insertOnlineCourse(api.app);
    const own = await api.http().post('/api/enrolments').set(person.auth).send({ courseId: course.id });
    expect(own.status).toBe(201);
    expect((await api.http().post(`/api/enrolments/${own.body.id}/cancel`).set(a.admin.auth)).status).toBe(404);
    expect((await api.http().post(`/api/enrolments/${own.body.id}/cancel`).set(person.auth)).status).toBe(200);
  });

  it('a roster row is shown to the admins of the organisation that owns the enrolment only', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const session = await scheduleSession(api, trainer, course);
    expect((await enrolFor(a.admin, { courseId: course.id, sessionId: session.id })).status).toBe(201);
    const ofA = await api.http().get(`/api/sessions/${session.id}/enrolments`).set(a.admin.auth);
    expect(ofA.body).toMatchObject({ total: 1, items: [{ userId: person.user.id }] });
    const ofB = await api.http().get(`/api/sessions/${session.id}/enrolments`).set(b.admin.auth);
    expect(ofB.status).toBe(200);
    expect(ofB.body.total).toBe(0);
    expect(JSON.stringify(ofB.body)).not.toContain(person.user.email);
  });

  it('an admin of another organisation cannot enrol the person in an in-company session of hers', async () => {
    const course = await insertCourse(api.app);
    const session = await scheduleSession(api, a.trainer, course, { visibility: 'in-company', organisationId: a.organisation.id });
    expect((await enrolFor(b.admin, { courseId: course.id, sessionId: session.id })).status).toBe(404);
    const byA = await enrolFor(a.admin, { courseId: course.id, sessionId: session.id });
    expect(byA.status).toBe(201);
    const [row] = await api.app.get(DataSource).query(`SELECT organisation_id FROM enrolments WHERE id = $1`, [byA.body.id]);
    expect(row.organisation_id).toBe(a.organisation.id);
  });

  it('a certificate is readable by the admins of the organisation that owned its enrolment only', async () => {
    const course = await insertOnlineCourse(api.app);
    const certificate = await insertCertificate(api.app, { userId: person.user.id, courseId: course.id, expiresAt: null, organisationId: a.organisation.id });
    expect((await api.http().get(`/api/certificates/${certificate.id}`).set(b.admin.auth)).status).toBe(404);
    expect((await api.http().get(`/api/certificates/${certificate.id}`).set(a.admin.auth)).status).toBe(200);
    expect((await api.http().get(`/api/certificates/${certificate.id}`).set(person.auth)).status).toBe(200);
  });
});
