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

  it('answers 503 and says which dependency is down', async () => {
    const response = await api.http().get('/health');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ status: 'error', info: { database: { status: 'up' } }, error: { redis: { status: 'down' } } });
  });

  it('still logs people in while Redis is down (rate limiting fails open)', async () => {
    const response = await api.http().post('/api/auth/login').send({ email: 'niemand@example.nl', password: 'wat dan ook' });
    expect(response.status).toBe(401);
  });
});
