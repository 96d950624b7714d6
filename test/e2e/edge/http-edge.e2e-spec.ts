import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ACCESS_KEY } from '@schakel/identity';
import { startApi, TestApi } from '../../support/app';
import { createPerson, createPlatformAdmin, Person } from '../../factories/person.factory';

describe('the HTTP edge: input, errors, docs, access declarations', () => {
  let api: TestApi;
  let admin: Person;

  beforeAll(async () => {
    api = await startApi();
    admin = await createPlatformAdmin(api.app);
  });
  afterAll(() => api.close());

  it('rejects unknown fields with 400 and names them', async () => {
    const response = await api.http().post('/api/auth/register').send({ email: 'a@example.nl', password: 'een goed wachtwoord', name: 'A', isPlatformAdmin: true });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.body.details).toEqual([{ field: 'isPlatformAdmin', problem: 'is not an allowed field' }]);
  });

  it('rejects wrong types with 400 and one problem per wrong field', async () => {
    const response = await api.http().post('/api/organisations').set(admin.auth).send({ name: 42, kind: 'castle' });
    expect(response.status).toBe(400);
    expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['kind', 'name']);
  });

  it('names nested fields by their path', async () => {
    const org = await api.http().post('/api/organisations').set(admin.auth).send({ name: 'Gemeente Pad', kind: 'municipality' });
    const response = await api.http().post(`/api/organisations/${org.body.id}/members`).set(admin.auth)
      .send({ email: 'p@example.nl', name: 'P', roles: ['learner', 'emperor'], chainRoles: 'coordinator' });
    expect(response.status).toBe(400);
    expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['chainRoles', 'roles']);
  });

  it('answers a body that is not JSON with 400', async () => {
    const response = await api.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('body');
  });

  it('answers a 2 MB body with 413', async () => {
    const response = await api.http().post('/api/auth/register').send({ email: 'big@example.nl', password: 'x'.repeat(2 * 1024 * 1024), name: 'Big' });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ statusCode: 413 });
  });

  it('answers an id that is not a UUID with 400 naming the parameter', async () => {
    const response = await api.http().get('/api/organisations/not-a-uuid').set(admin.auth);
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'orgId', problem: 'must be a UUID' }]);
  });

  it('never answers 500, whatever the input', async () => {
    const learner = await createPerson(api.app);
    const org = await api.http().post('/api/organisations').set(admin.auth).send({ name: 'Gemeente Fuzz', kind: 'other' });
    const junk: unknown[] = [null, 0, -1, 1e308, '', 'x'.repeat(10_000), [], [null], {}, { a: { b: { c: [1, 2, { d: null }] } } }, true, '\u0000', '💥', { email: ['a'] }, { roles: [{}] }, { limit: 'all' }];
    const targets: Array<[string, string]> = [
      ['post', '/api/auth/register'], ['post', '/api/auth/login'], ['post', '/api/organisations'],
      ['post', `/api/organisations/${org.body.id}/members`], ['patch', `/api/organisations/${org.body.id}/members/${learner.user.id}`],
    ];
    for (const [method, path] of targets) {
      for (const body of junk) {
        const call = (api.http() as unknown as Record<string, (p: string) => import('supertest').Test>)[method](path).set(admin.auth);
        const response = await call.set('Content-Type', 'application/json').send(JSON.stringify(body));
        expect({ path, body, status: response.status < 500 }).toEqual({ path, body, status: true });
      }
    }
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'offset=-1', 'chainRole=king', 'limit=1e9']) {
      const response = await api.http().get(`/api/organisations/${org.body.id}/members?${query}`).set(admin.auth);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
  });

  it('serves the OpenAPI document with every route of the contract so far', async () => {
    const response = await api.http().get('/api/docs-json');
    expect(response.status).toBe(200);
    const paths = Object.keys(response.body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/health', '/api/auth/register', '/api/auth/login', '/api/me', '/api/organisations/{orgId}/members/{userId}']));
  });

  it('health reports database and redis', async () => {
    const response = await api.http().get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('echoes a request id', async () => {
    const response = await api.http().get('/health').set('X-Request-Id', 'abc-123');
    expect(response.headers['x-request-id']).toBe('abc-123');
  });

  it('every route declares who may call it (deny by default)', () => {
    const reflector = api.app.get(Reflector);
    const scanner = new MetadataScanner();
    const undeclared: string[] = [];
    let routes = 0;
    const controllers = [...api.app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
    for (const wrapper of controllers) {
      const instance = wrapper.instance as object;
      const prototype = Object.getPrototypeOf(instance);
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        routes += 1;
        if (!reflector.getAllAndOverride(ACCESS_KEY, [handler, wrapper.metatype as object])) undeclared.push(`${wrapper.name}.${name}`);
      }
    }
    expect(routes).toBeGreaterThan(5);
    expect(undeclared).toEqual([]);
  });
});
