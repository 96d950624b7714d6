import { startApi, TestApi } from '../../support/app';

describe('security headers, trust proxy and the Swagger UI switch', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it.each(['/health', '/api/courses', '/api/nope', '/api/verify/NOPE-NOPE', '/cancel-enrolment?token=x'])('%s carries the security headers', async (path) => {
    const response = await api.http().get(path);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('an HTML page carries a CSP that allows no script from elsewhere', async () => {
    const page = await api.http().get('/cancel-enrolment?token=x');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('serves Swagger UI by default; with SWAGGER_UI=false only the JSON document', async () => {
    expect((await api.http().get('/api/docs/')).status).toBe(200);
    const off = await startApi({ SWAGGER_UI: 'false' });
    try {
      expect((await off.http().get('/api/docs/')).status).toBe(404);
      expect((await off.http().get('/api/docs-json')).status).toBe(200);
    } finally {
      await off.close();
    }
  });

  it('trust proxy is a setting: off by default, so X-Forwarded-For is not believed', async () => {
    expect(api.app.getHttpAdapter().getInstance().get('trust proxy')).toBe(false);
    const on = await startApi({ TRUST_PROXY: 'loopback' });
    try {
      expect(on.app.getHttpAdapter().getInstance().get('trust proxy')).toBe('loopback');
    } finally {
      await on.close();
    }
  });
});
