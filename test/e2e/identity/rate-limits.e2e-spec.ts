import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApi, TestApi } from '../../support/app';
import { createPerson } from '../../factories/person.factory';

/**
 * Its own API with low limits, its own Redis key space (QUEUE_PREFIX) and `trust proxy` on
 * loopback, so X-Forwarded-For plays the client's address.
 */
describe('rate limits: registration per address, login per address and per account, uploads before their body', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({
      QUEUE_PREFIX: `rl-${randomUUID().slice(0, 8)}`,
      TRUST_PROXY: 'loopback',
      REGISTER_RATE_LIMIT_PER_IP_PER_MINUTE: '3',
      LOGIN_RATE_LIMIT_PER_MINUTE: '4',
      LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '6',
      VERIFY_RATE_LIMIT_PER_IP_PER_MINUTE: '2',
      PASSWORD_RESET_RATE_LIMIT_PER_IP_PER_MINUTE: '2',
    });
    await api.app.listen(0, '127.0.0.1');
  });
  afterAll(() => api.close());

  const register = (from: string) =>
    api.http().post('/api/auth/register').set('X-Forwarded-For', from)
      .send({ email: `rl.${randomUUID().slice(0, 8)}@example.org`, name: 'Rita Limiet', password: 'een-lang-wachtwoord' });
  const login = (from: string, email: string) =>
    api.http().post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password: 'fout wachtwoord' });

  it('registration: 3 a minute from one address, then 429 with Retry-After; another address is not affected', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push(await register('203.0.113.10'));
    expect(statuses.slice(0, 3).map((r) => r.status).every((s) => s < 300)).toBe(true);
    expect(statuses[3].status).toBe(429);
    expect(Number(statuses[3].headers['retry-after'])).toBeGreaterThan(0);
    expect((await register('203.0.113.11')).status).toBeLessThan(300);
  });

  it('login: one account guessed from many addresses is stopped after 4 tries (per account across addresses)', async () => {
    const person = await createPerson(api.app);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await login(`198.51.100.${i + 1}`, person.user.email)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('login: one address trying many accounts is stopped after 6 tries (per address)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await login('192.0.2.77', `niemand.${i}@example.org`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
  });

  it('forgot password: 2 a minute from one address (API and page alike), then 429; another address is not affected', async () => {
    const forgot = (from: string) => api.http().post('/api/auth/forgot-password').set('X-Forwarded-For', from).send({ email: `wie.${randomUUID().slice(0, 8)}@example.org` });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await forgot('203.0.113.70')).status);
    expect(statuses).toEqual([202, 202, 429]);
    expect((await forgot('203.0.113.71')).status).toBe(202);
    // The page's form counts against the same limit of the same address.
    const page = await api.http().post('/forgot-password').set('X-Forwarded-For', '203.0.113.70').type('form').send({ email: 'wie@example.org' });
    expect(page.status).toBe(429);
    expect(page.text).toContain('Even wachten');
  });

  it('login by the page form counts against the same limits as the API', async () => {
    const person = await createPerson(api.app);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await login(`198.51.100.${i + 50}`, person.user.email)).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    const page = await api.http().post('/login').set('X-Forwarded-For', '198.51.100.99').type('form').send({ email: person.user.email, password: 'fout wachtwoord' });
    expect(page.status).toBe(429);
  });

  it('the certificate check upload is refused once over the limit without its body being read', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    for (let i = 0; i < 2; i += 1) {
      const ok = await api.http().post('/api/verify/ABCD-EFGH/check').set('X-Forwarded-For', '203.0.113.50').set('Content-Type', 'application/pdf').send(pdf);
      expect(ok.status).not.toBe(429);
    }
    // Announce 4 MB and send none of it: only a limit that does not wait for the body can answer.
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1', port, method: 'POST', path: '/api/verify/ABCD-EFGH/check',
        headers: { 'Content-Type': 'application/pdf', 'Content-Length': String(4 * 1024 * 1024), 'X-Forwarded-For': '203.0.113.50' },
      }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.setTimeout(3_000, () => reject(new Error('no answer: the body was awaited')));
      req.flushHeaders();
    });
    expect(status).toBe(429);
  });
});
