import { startApi, TestApi } from '../../support/app';

describe('health when a dependency is down', () => {
  let api: TestApi;
  const redisUrl = process.env.REDIS_URL;

  beforeAll(async () => {
    // Nothing listens on port 1: this API's Redis is "down".
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    api = await startApi();
  });
  afterAll(async () => {
    process.env.REDIS_URL = redisUrl;
    await api.close();
  });

  it('answers 503 and says which dependency is down, without any error text', async () => {
    const response = await api.http().get('/health');
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.body).toEqual({
      status: 'error',
      info: { database: { status: 'up' } },
      error: { redis: { status: 'down' } },
      details: { database: { status: 'up' }, redis: { status: 'down' } },
    });
    expect(response.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|timeout|Error/);
  });

  it('refuses logins while Redis is down (the login limit fails closed: 503 with Retry-After)', async () => {
    const response = await api.http().post('/api/auth/login').send({ email: 'niemand@example.nl', password: 'wat dan ook' });
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('common.rate-limit-unavailable');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('still registers people while Redis is down (the other limits fail open)', async () => {
    const response = await api.http().post('/api/auth/register').send({ email: `open.${Date.now()}@example.nl`, name: 'Open Deur', password: 'een-lang-wachtwoord' });
    expect(response.status).toBeLessThan(300);
  });
});
