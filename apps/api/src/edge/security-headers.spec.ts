import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { securityHeaders, staticSecurityHeaders } from './security-headers';

const answer = async (middleware: RequestHandler) => {
  const app = express();
  app.use((_req, res, next) => (res.setHeader('X-Powered-By', 'test'), next()));
  app.use(middleware);
  app.get('/', (_req, res) => res.send('ok'));
  const { headers } = await request(app).get('/');
  const { date: _date, etag: _etag, ...rest } = headers;
  return rest;
};

describe('staticSecurityHeaders', () => {
  it('gives every response exactly the headers helmet gives it, X-Powered-By removed', async () => {
    const expected = await answer(helmet(securityHeaders));
    expect(expected['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(expected['x-powered-by']).toBeUndefined();
    expect(await answer(staticSecurityHeaders(securityHeaders))).toEqual(expected);
  });

  it('refuses options whose headers depend on the request', () => {
    const perRequest = { contentSecurityPolicy: { directives: { scriptSrc: ["'self'", () => "'nonce-x'"] } } };
    expect(() => staticSecurityHeaders(perRequest)).toThrow();
  });
});
