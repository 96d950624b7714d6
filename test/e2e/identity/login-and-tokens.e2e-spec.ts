import { sign } from 'jsonwebtoken';
import { AppConfig } from '@schakel/config';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/app';
import { createPerson, createPlatformAdmin, Person } from '../../factories/person.factory';

describe('identity: register, login, tokens and roles', () => {
  let api: TestApi;
  let learner: Person;

  beforeAll(async () => {
    api = await startApi();
    learner = await createPerson(api.app);
  });
  afterAll(() => api.close());

  it('registers, logs in and shows the user on /api/me without any password field', async () => {
    const email = `Nieuw.${Date.now()}@Example.nl`;
    const registered = await api.http().post('/api/auth/register').send({ email, password: 'een goed wachtwoord', name: 'Nieuwe Vrijwilliger' });
    // 202 alike for a new and a registered address (issue 15, point 2): the answer reveals no account.
    expect(registered.status).toBe(202);
    expect(registered.body).toMatchObject({ email: email.toLowerCase() });
    expect(JSON.stringify(registered.body)).not.toMatch(/password|hash/i);

    const login = await api.http().post('/api/auth/login').send({ email, password: 'een goed wachtwoord' });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });

    const me = await api.http().get('/api/me').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: email.toLowerCase(), name: 'Nieuwe Vrijwilliger', locale: 'nl', memberships: [], isPlatformAdmin: false });
    expect(JSON.stringify(me.body)).not.toMatch(/password|hash/i);
  });

  it('makes no second account for the same e-mail, whatever its case, and answers alike (202)', async () => {
    const email = `dubbel.${Date.now()}@example.nl`;
    const first = await api.http().post('/api/auth/register').send({ email, password: 'een goed wachtwoord', name: 'A' });
    const second = await api.http().post('/api/auth/register').send({ email: email.toUpperCase(), password: 'een goed wachtwoord', name: 'B' });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    const [row] = await api.app.get(DataSource).query(`SELECT count(*)::int AS n, min(name) AS name FROM users WHERE email = $1`, [email]);
    expect(row).toEqual({ n: 1, name: 'A' });
  });

  it('stores argon2id hashes with at least the OWASP parameters', async () => {
    const [row] = await api.app.get(DataSource).query(`SELECT password_hash FROM users WHERE id = $1`, [learner.user.id]);
    const [, algorithm, version, params] = String(row.password_hash).split('$');
    expect(algorithm).toBe('argon2id');
    expect(version).toBe('v=19');
    const p = Object.fromEntries(params.split(',').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
    expect(p.m).toBeGreaterThanOrEqual(19456);
    expect(p.t).toBeGreaterThanOrEqual(2);
    expect(p.p).toBe(1);
  });

  it('answers a wrong password and an unknown e-mail alike (401)', async () => {
    const wrong = await api.http().post('/api/auth/login').send({ email: learner.user.email, password: 'niet het wachtwoord' });
    const unknown = await api.http().post('/api/auth/login').send({ email: 'niemand@example.nl', password: 'niet het wachtwoord' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  describe('401 for any token that is not a valid, current access token', () => {
    const cases: Array<[string, () => string | undefined]> = [
      ['no token', () => undefined],
      ['garbage', () => 'Bearer not-a-token'],
      ['another scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
      ['expired', () => `Bearer ${sign({ sub: learner.user.id, typ: 'access' }, api.app.get(AppConfig).keys.accessTokens, { expiresIn: -10 })}`],
      ['signed with another secret', () => `Bearer ${sign({ sub: learner.user.id, typ: 'access' }, 'x'.repeat(40))}`],
      ['tampered payload', () => {
        const [h, , s] = learner.token.split('.');
        const forged = Buffer.from(JSON.stringify({ sub: learner.user.id, typ: 'access', exp: 9999999999 })).toString('base64url');
        return `Bearer ${h}.${forged}.${s}`;
      }],
      ['alg none', () => {
        const h = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        const p = Buffer.from(JSON.stringify({ sub: learner.user.id, typ: 'access' })).toString('base64url');
        return `Bearer ${h}.${p}.`;
      }],
      ['for a user that does not exist', () => `Bearer ${sign({ sub: '00000000-0000-4000-8000-000000000000', typ: 'access' }, api.app.get(AppConfig).keys.accessTokens)}`],
    ];
    it.each(cases)('%s', async (_, header) => {
      const value = header();
      const call = api.http().get('/api/me');
      const response = await (value ? call.set('Authorization', value) : call);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });
  });

  it('gives a learner 403 on a platform-admin route, and lets a platform admin through', async () => {
    const denied = await api.http().post('/api/organisations').set(learner.auth).send({ name: 'Gemeente X', kind: 'municipality' });
    expect(denied.status).toBe(403);
    const admin = await createPlatformAdmin(api.app);
    const allowed = await api.http().post('/api/organisations').set(admin.auth).send({ name: 'Gemeente X', kind: 'municipality' });
    expect(allowed.status).toBe(201);
  });

  it('limits login attempts per account and tells when to retry (429)', async () => {
    const person = await createPerson(api.app);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const response = await api.http().post('/api/auth/login').send({ email: person.user.email, password: 'fout wachtwoord' });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
