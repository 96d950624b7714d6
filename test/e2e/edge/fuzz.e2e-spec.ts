import { randomUUID } from 'node:crypto';
import { startApi, TestApi } from '../../support/app';
import { createTenant, type Tenant } from '../../factories/organisation.factory';
import { createPlatformAdmin, type Person } from '../../factories/person.factory';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Route {
  method: Method;
  path: string;
}

const JUNK: unknown[] = [null, 0, -1, 'x'.repeat(5000), [], [null, {}], {}, { a: { b: [1, { c: null }] } }, true, '💥\u0000', { limit: 'all', offset: -3 }];

/**
 * Every route of the OpenAPI document, called with junk by a platform admin, an org admin
 * and an outsider: whatever comes back, it is never a 5xx. New routes are covered as soon
 * as they appear in the document.
 */
describe('no input makes any route answer 5xx', () => {
  let api: TestApi;
  let routes: Route[];
  let admin: Person;
  let tenant: Tenant;

  beforeAll(async () => {
    api = await startApi();
    [admin, tenant] = await Promise.all([createPlatformAdmin(api.app), createTenant(api.app)]);
    const doc = (await api.http().get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).filter((m): m is Method => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((method) => ({ method, path })),
    );
  });
  afterAll(() => api.close());

  const fill = (path: string, value: () => string) => path.replace(/\{[^}]+\}/g, () => encodeURIComponent(value()));

  it('covers every route in the document', () => {
    expect(routes.length).toBeGreaterThan(50);
  });

  it('answers junk bodies, odd ids and odd queries with a 4xx (or success), never a 5xx', async () => {
    const callers = [admin, tenant.admin, tenant.learner];
    const failures: string[] = [];
    for (const route of routes) {
      for (const [index, caller] of callers.entries()) {
        const ids = [randomUUID(), 'not-an-id', tenant.organisation.id];
        const path = fill(route.path, () => ids[index % ids.length]);
        const bodies = route.method === 'get' || route.method === 'delete' ? [undefined] : JUNK;
        for (const body of bodies) {
          const request = api.http()[route.method](`${path}?limit=abc&from=yesterday&format=xml&token=zz`).set(caller.auth);
          const response = body === undefined ? await request : await request.set('Content-Type', 'application/json').send(JSON.stringify(body));
          if (response.status >= 500) failures.push(`${route.method.toUpperCase()} ${path} ${JSON.stringify(body)?.slice(0, 40)} → ${response.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
