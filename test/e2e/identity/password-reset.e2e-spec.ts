import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@schakel/jobs';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { type SmtpSink, startSmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import { createPerson, TEST_PASSWORD, type Person } from '../../factories/person.factory';

/** Issue 15, point 3: a mailed, single-use, expiring reset link; a reset ends every outstanding token. */
describe('identity: password reset by mailed link', () => {
  let dropDatabase: () => Promise<void>;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    dropDatabase = await isolateRun('reset');
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

  const forgot = (email: string) => api.http().post('/api/auth/forgot-password').send({ email });
  const login = (email: string, password: string) => api.http().post('/api/auth/login').send({ email, password });
  const resetLink = async (person: Person, count: number): Promise<{ path: string; token: string }> => {
    await worker.get(OutboxRelay).relayDue();
    const mails = await waitFor(async () => sink.to(person.user.email), (m) => m.length >= count, { what: 'reset mail', timeoutMs: 20_000 });
    const match = /http:\/\/schakel\.test(\/reset-password\?token=(\S+))/.exec(mails[count - 1].text ?? '');
    if (!match) throw new Error(`no reset link in: ${mails[count - 1].text}`);
    return { path: match[1], token: decodeURIComponent(match[2]) };
  };

  it('answers alike for an address with and without an account', async () => {
    const person = await createPerson(api.app);
    const known = await forgot(person.user.email);
    const unknown = await forgot(`niemand-${Date.now()}@example.nl`);
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
  });

  it('the page asks on GET, sets the password on POST, ends old tokens, and works once', async () => {
    const person = await createPerson(api.app, { name: 'Rianne Reset' });
    expect((await forgot(person.user.email)).status).toBe(202);
    const { path, token } = await resetLink(person, 1);

    const asked = await api.http().get(path);
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('Kies een nieuw wachtwoord');
    expect((await api.http().get('/api/me').set(person.auth)).status).toBe(200);

    const done = await api.http().post(path).type('form').send({ password: 'een nieuw wachtwoord', passwordRepeat: 'een nieuw wachtwoord' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Je nieuwe wachtwoord is opgeslagen');
    expect((await api.http().get('/api/me').set(person.auth)).status).toBe(401);
    expect((await login(person.user.email, TEST_PASSWORD)).status).toBe(401);
    expect((await login(person.user.email, 'een nieuw wachtwoord')).status).toBe(200);

    expect((await api.http().get(path)).status).toBe(410);
    const again = await api.http().post('/api/auth/reset-password').send({ token, password: 'overgenomen wachtwoord' });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('identity.reset-link-invalid');
    expect((await login(person.user.email, 'overgenomen wachtwoord')).status).toBe(401);
  });

  it('a reset from the mailbox proves an unproven address', async () => {
    const person = await createPerson(api.app, { emailVerified: false });
    await forgot(person.user.email);
    const { token } = await resetLink(person, 1);
    expect((await api.http().post('/api/auth/reset-password').send({ token, password: 'uit de brievenbus' })).status).toBe(204);
    const [row] = await api.app.get(DataSource).query(`SELECT email_verified_at FROM users WHERE id = $1`, [person.user.id]);
    expect(row.email_verified_at).not.toBeNull();
  });

  it('resets through the API with a fresh link; a forged or foreign token is refused', async () => {
    const person = await createPerson(api.app);
    await forgot(person.user.email);
    const { token } = await resetLink(person, 1);
    const forged = token.replace(/.$/, token.endsWith('A') ? 'B' : 'A');
    expect((await api.http().post('/api/auth/reset-password').send({ token: forged, password: 'nog een wachtwoord' })).status).toBe(400);
    expect((await api.http().post('/api/auth/reset-password').send({ token, password: 'nog een wachtwoord' })).status).toBe(204);
    expect((await login(person.user.email, 'nog een wachtwoord')).status).toBe(200);
  });
});
