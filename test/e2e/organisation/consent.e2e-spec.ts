import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@schakel/jobs';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { type SmtpSink, startSmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import { insertOnlineCourse } from '../../factories/course.factory';
import { createTenant, type Tenant } from '../../factories/organisation.factory';
import { createPerson, type Person } from '../../factories/person.factory';

/**
 * Issue 15, point 1: adding the address of an existing account makes a pending membership
 * that grants nothing until its owner accepts (mailed link or API), and the admin's answer
 * is the same as for a new address: no real name, no sign that an account exists.
 */
describe('organisation: no account joins an organisation without its owner’s consent', () => {
  let dropDatabase: () => Promise<void>;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let tenant: Tenant;

  beforeAll(async () => {
    dropDatabase = await isolateRun('consent');
    sink = await startSmtpSink();
    process.env.SMTP_URL = sink.url;
    process.env.SWEEP_INTERVAL_SECONDS = '3600';
    api = await startApi();
    worker = await startWorker();
    tenant = await createTenant(api.app, 'Welzijn Toestemming');
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.stop();
    await dropDatabase?.();
  });

  const add = (t: Tenant, email: string, name = 'Getypte Naam') =>
    api.http().post(`/api/organisations/${t.organisation.id}/members`).set(t.admin.auth).send({ email, name, roles: ['learner'], chainRoles: [] });
  const membershipOf = async (organisationId: string, userId: string) =>
    (await api.app.get(DataSource).query(`SELECT status FROM memberships WHERE organisation_id = $1 AND user_id = $2`, [organisationId, userId]))[0] as
      | { status: string }
      | undefined;

  it('answers alike for an existing account and a new address, revealing neither name nor account', async () => {
    const existing = await createPerson(api.app, { name: 'Echte Naam Bestaand' });
    const known = await add(tenant, existing.user.email);
    const fresh = await add(tenant, `nieuw-${Date.now()}@example.nl`);
    expect(known.status).toBe(201);
    expect(fresh.status).toBe(201);
    const shape = (body: Record<string, unknown>) => ({ name: body.name, status: body.status, hasAccount: body.hasAccount, keys: Object.keys(body).sort() });
    expect(shape(known.body)).toEqual(shape(fresh.body));
    expect(known.body).toMatchObject({ name: 'Getypte Naam', status: 'pending', hasAccount: false });
    const list = await api.http().get(`/api/organisations/${tenant.organisation.id}/members?limit=100`).set(tenant.admin.auth);
    expect(JSON.stringify(list.body)).not.toContain('Echte Naam Bestaand');
  });

  it('grants nothing while pending; the mailed link asks on GET and joins on POST', async () => {
    const person = await createPerson(api.app, { name: 'Petra Pending' });
    const course = await insertOnlineCourse(api.app);
    expect((await add(tenant, person.user.email)).status).toBe(201);

    const enrolAsAdmin = () => api.http().post('/api/enrolments').set(tenant.admin.auth).send({ courseId: course.id, userId: person.user.id });
    expect((await enrolAsAdmin()).status).toBe(404);
    expect((await api.http().get(`/api/organisations/${tenant.organisation.id}`).set(person.auth)).status).toBe(404);
    const me = await api.http().get('/api/me').set(person.auth);
    expect(me.body.memberships).toEqual([expect.objectContaining({ organisationId: tenant.organisation.id, status: 'pending' })]);

    await worker.get(OutboxRelay).relayDue();
    const [mail] = await waitFor(async () => sink.to(person.user.email), (m) => m.length >= 1, { what: 'membership request mail', timeoutMs: 20_000 });
    expect(mail.subject).toContain('Welzijn Toestemming');
    const link = /http:\/\/schakel\.test(\/accept-membership\?token=\S+)/.exec(mail.text ?? '');
    expect(link).not.toBeNull();
    const path = (link as RegExpExecArray)[1];

    const asked = await api.http().get(path);
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('Wil je lid worden?');
    expect((await membershipOf(tenant.organisation.id, person.user.id))?.status).toBe('pending');

    const joined = await api.http().post(path).type('form').send({ decision: 'accept' });
    expect(joined.status).toBe(200);
    expect(joined.text).toContain('Je bent lid geworden');
    expect((await membershipOf(tenant.organisation.id, person.user.id))?.status).toBe('active');
    expect((await enrolAsAdmin()).status).toBe(201);
  });

  it('lets the signed-in owner accept or decline through the API', async () => {
    const person: Person = await createPerson(api.app);
    const [other, third] = await Promise.all([createTenant(api.app), createTenant(api.app)]);
    await add(other, person.user.email);
    await add(third, person.user.email);
    expect((await api.http().post(`/api/me/memberships/${other.organisation.id}/accept`).set(person.auth)).status).toBe(204);
    expect((await membershipOf(other.organisation.id, person.user.id))?.status).toBe('active');
    expect((await api.http().get(`/api/organisations/${other.organisation.id}`).set(person.auth)).status).toBe(200);
    expect((await api.http().post(`/api/me/memberships/${third.organisation.id}/decline`).set(person.auth)).status).toBe(204);
    expect(await membershipOf(third.organisation.id, person.user.id)).toBeUndefined();
    expect((await api.http().post(`/api/me/memberships/${third.organisation.id}/accept`).set(person.auth)).status).toBe(404);
  });
});
