import { randomUUID } from 'node:crypto';
import { startApi, TestApi } from '../../support/app';
import { createTenant, type Tenant } from '../../factories/organisation.factory';
import { createPlatformAdmin, type Person } from '../../factories/person.factory';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Route {
  method: Method;
  path: string;
  /** The JSON request body's schema, when the document gives one. */
  body?: Schema;
}

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  minimum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
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
  let schemas: Record<string, Schema>;

  beforeAll(async () => {
    api = await startApi();
    [admin, tenant] = await Promise.all([createPlatformAdmin(api.app), createTenant(api.app)]);
    const doc = (await api.http().get('/api/docs-json')).body as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
    schemas = doc.components.schemas;
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter((entry): entry is [Method, Operation] => ['get', 'post', 'put', 'patch', 'delete'].includes(entry[0]))
        .map(([method, operation]) => ({ method, path, body: operation.requestBody?.content?.['application/json']?.schema })),
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

  /**
   * A body that fits the route's schema, with every string replaced by `text` and every id
   * by a fresh UUID (a record that does not exist): it passes shape checks and reaches the
   * service and the database.
   */
  const sample = (schema: Schema | undefined, text: string, depth = 0): unknown => {
    if (!schema || depth > 8) return text;
    if (schema.$ref) return sample(schemas[schema.$ref.split('/').pop()!], text, depth + 1);
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sample(s, text, depth + 1)));
    if (schema.enum) return schema.enum[0];
    if (schema.type === 'object' || schema.properties) {
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, s]) => [key, sample(s, text, depth + 1)]));
    }
    if (schema.type === 'array') return [sample(schema.items, text, depth + 1)];
    if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
    if (schema.type === 'boolean') return true;
    if (schema.format === 'uuid') return randomUUID();
    if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
    if (schema.format === 'email') return `fuzz.${randomUUID().slice(0, 8)}@example.org`;
    return text;
  };

  it('NUL bytes in any string, huge offsets and ids of records that do not exist: a 4xx, never a 5xx', async () => {
    const failures: string[] = [];
    const nul = 'naam\u0000x';
    for (const route of routes) {
      for (const caller of [admin, tenant.admin]) {
        const path = fill(route.path, () => (route.path.includes('{orgId}') ? tenant.organisation.id : randomUUID()));
        const queries = [`limit=10&offset=100000000000000000000`, `token=${encodeURIComponent(nul)}&chainRole=${encodeURIComponent(nul)}&from=${encodeURIComponent(nul)}`];
        const bodies = route.body ? [sample(route.body, nul), sample(route.body, 'gewone tekst')] : [undefined];
        for (const query of queries) {
          for (const body of bodies) {
            const request = api.http()[route.method](`${path}?${query}`).set(caller.auth);
            const response = body === undefined ? await request : await request.send(body as object);
            if (response.status >= 500) failures.push(`${route.method.toUpperCase()} ${path}?${query.slice(0, 30)} ${JSON.stringify(body)?.slice(0, 60)} → ${response.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('names the field that holds a NUL byte, in a body, a query and a nested list', async () => {
    const register = await api.http().post('/api/auth/register').send({ email: `nul.${randomUUID().slice(0, 8)}@example.org`, name: 'Jan\u0000', password: 'een-lang-wachtwoord' });
    expect(register.status).toBe(400);
    expect(register.body.details).toEqual([{ field: 'name', problem: 'must not contain NUL characters' }]);
    const query = await api.http().get(`/api/courses?chainRole=${encodeURIComponent('a\u0000')}`);
    expect(query.status).toBe(400);
    expect(query.body.details).toEqual([{ field: 'chainRole', problem: 'must not contain NUL characters' }]);
    // Found by the OpenAPI fuzz suite: an unpaired surrogate made isEmail throw (500), a null slipped past @IsOptional into NOT NULL (500).
    const surrogate = await api.http().post('/api/auth/register').set('Content-Type', 'application/json').send('{"email":"\\ud800x@example.org","name":"x","password":"een-lang-wachtwoord"}');
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.details).toEqual([{ field: 'email', problem: 'must be well-formed Unicode (no unpaired surrogates)' }]);
    const nullNudges = await api.http().patch('/api/me/preferences').set(tenant.learner.auth).send({ nudges: null });
    expect(nullNudges.status).toBe(400);
    expect(nullNudges.body.details.map((d: { field: string }) => d.field)).toEqual(['nudges']);
    const offset = await api.http().get('/api/courses?offset=100000000000000000000');
    expect(offset.status).toBe(400);
    expect(offset.body.details.map((d: { field: string }) => d.field)).toEqual(['offset']);
  });
});
