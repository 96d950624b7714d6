import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@schakel/jobs';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { type SmtpSink, startSmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import { insertOnlineCourse } from '../../factories/course.factory';
import { createTenant } from '../../factories/organisation.factory';
import { createPerson, TEST_PASSWORD } from '../../factories/person.factory';

/**
 * Issue 15, point 2: registration mails a verification link; an unproven account signs in
 * and takes open courses but is invisible to organisations: adding its address sends the
 * request to the mailbox, and whoever accepts it there owns the address.
 */
describe('identity: an e-mail address is proven before it counts', () => {
  let dropDatabase: () => Promise<void>;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    dropDatabase = await isolateRun('verify');
    sink = await startSmtpSink();
    process.env.SMTP_URL = sink.url;
    process.env.SWEEP_INTERVAL_SECONDS = '3600';
    api = await startApi();
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.stop();
    await dropDatabase?.();
  });

  const register = (email: string, password = 'een goed wachtwoord', name = 'Nieuwe Vrijwilliger') =>
    api.http().post('/api/auth/register').send({ email, password, name });
  const login = (email: string, password: string) => api.http().post('/api/auth/login').send({ email, password });
  const mailTo = async (email: string, pattern: RegExp): Promise<string> => {
    await worker.get(OutboxRelay).relayDue();
    const mails = await waitFor(async () => sink.to(email), (m) => m.some((x) => pattern.test(x.text ?? '')), { what: `mail to ${email}`, timeoutMs: 20_000 });
    const match = mails.map((m) => pattern.exec(m.text ?? '')).find(Boolean);
    return (match as RegExpExecArray)[1];
  };
  const verified = async (email: string) =>
    ((await api.app.get(DataSource).query(`SELECT email_verified_at FROM users WHERE email = $1`, [email]))[0] as { email_verified_at: Date | null }).email_verified_at;

  it('answers a new and an already registered address alike, and leaves the existing account alone', async () => {
    const existing = await createPerson(api.app);
    const fresh = await register(`nieuw-${Date.now()}@example.nl`);
    const taken = await register(existing.user.email, 'een overgenomen wachtwoord', 'Indringer');
    expect(fresh.status).toBe(202);
    expect(taken.status).toBe(202);
    expect(Object.keys(taken.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(taken.body.message).toBe(fresh.body.message);
    expect((await login(existing.user.email, 'een overgenomen wachtwoord')).status).toBe(401);
    expect((await login(existing.user.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('lets an unproven account sign in and take an open course; the mailed link asks on GET and proves on POST', async () => {
    const email = `anna-${Date.now()}@example.nl`;
    expect((await register(email)).status).toBe(202);
    const signedIn = await login(email, 'een goed wachtwoord');
    expect(signedIn.status).toBe(200);
    const course = await insertOnlineCourse(api.app);
    const enrolled = await api.http().post('/api/enrolments').set('Authorization', `Bearer ${signedIn.body.accessToken}`).send({ courseId: course.id });
    expect(enrolled.status).toBe(201);

    const path = await mailTo(email, /http:\/\/schakel\.test(\/verify-email\?token=\S+)/);
    expect((await api.http().get(path)).status).toBe(200);
    expect(await verified(email)).toBeNull();
    const done = await api.http().post(path).type('form').send({});
    expect(done.status).toBe(200);
    expect(done.text).toContain('Je e-mailadres is bevestigd');
    expect(await verified(email)).not.toBeNull();
    expect((await api.http().post('/api/auth/verify-email').send({ token: 'nep.1.AAAA' })).status).toBe(400);
  });

  it('is invisible to organisations: the request goes to the mailbox, and whoever accepts there owns the address', async () => {
    const tenant = await createTenant(api.app);
    const holder = await createPerson(api.app, { emailVerified: false, name: 'Onbewezen Houder' });
    const added = await api.http().post(`/api/organisations/${tenant.organisation.id}/members`).set(tenant.admin.auth)
      .send({ email: holder.user.email, name: 'Echte Eigenaar', roles: ['learner'], chainRoles: [] });
    expect(added.body).toMatchObject({ status: 'pending', name: 'Echte Eigenaar' });
    // The unproven holder cannot accept for the mailbox while signed in.
    expect((await api.http().post(`/api/me/memberships/${tenant.organisation.id}/accept`).set(holder.auth)).status).toBe(403);

    const path = await mailTo(holder.user.email, /http:\/\/schakel\.test(\/accept-membership\?token=\S+)/);
    const asked = await api.http().get(path);
    expect(asked.text).toContain('type="password"');
    const claimed = await api.http().post(path).type('form').send({ decision: 'accept', password: 'van de echte eigenaar', passwordRepeat: 'van de echte eigenaar' });
    expect(claimed.status).toBe(200);
    expect(claimed.text).toContain('Je bent lid geworden');

    expect((await api.http().get('/api/me').set(holder.auth)).status).toBe(401);
    expect((await login(holder.user.email, TEST_PASSWORD)).status).toBe(401);
    const owner = await login(holder.user.email, 'van de echte eigenaar');
    expect(owner.status).toBe(200);
    expect(await verified(holder.user.email)).not.toBeNull();
    const me = await api.http().get('/api/me').set('Authorization', `Bearer ${owner.body.accessToken}`);
    expect(me.body.memberships).toEqual([expect.objectContaining({ organisationId: tenant.organisation.id, status: 'active' })]);
  });
});
