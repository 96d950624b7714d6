import { DataSource } from 'typeorm';
import Redis from 'ioredis';
import { CatalogueCache, CourseService, MAX_FIELDS } from '@schakel/catalogue';
import { AppConfig } from '@schakel/config';
import { REDIS_CLIENT } from '@schakel/database';
import { startApi, TestApi } from '../../support/app';
import { createCourse, publish } from '../../factories/course.factory';
import { addLessons } from '../../factories/lesson.factory';
import { addMember, createOrganisation, createTenant, Tenant, grantPlatformTrainer } from '../../factories/organisation.factory';
import { createPerson, createPlatformAdmin, Person } from '../../factories/person.factory';
import { putQuiz, QUIZ_QUESTIONS } from '../../factories/quiz.factory';

describe('catalogue: courses', () => {
  let api: TestApi;
  let tenant: Tenant;
  let otherTrainer: Person;
  let admin: Person;

  beforeAll(async () => {
    api = await startApi();
    [tenant, admin] = await Promise.all([createTenant(api.app), createPlatformAdmin(api.app)]);
    otherTrainer = await createPerson(api.app);
    await addMember(api.app, await createOrganisation(api.app), otherTrainer, ['trainer']);
    // Authoring the catalogue needs the platform trainer role (an organisation's trainer role is not enough).
    await Promise.all([grantPlatformTrainer(api.app, tenant.trainer), grantPlatformTrainer(api.app, otherTrainer)]);
  });
  afterAll(() => api.close());

  describe('authoring', () => {
    it('lets trainers and platform admins create courses, and makes the creator the author', async () => {
      const byTrainer = await api.http().post('/api/courses').set(tenant.trainer.auth)
        .send({ slug: `door-trainer-${Date.now()}`, title: 'Door de trainer', chainRoles: ['coordinator'], format: 'live' });
      expect(byTrainer.status).toBe(201);
      expect(byTrainer.body).toMatchObject({ status: 'draft', authorId: tenant.trainer.user.id, language: 'nl', prerequisiteIds: [] });
      const byAdmin = await api.http().post('/api/courses').set(admin.auth)
        .send({ slug: `door-beheer-${Date.now()}`, title: 'Door beheer', chainRoles: [], format: 'online' });
      expect(byAdmin.status).toBe(201);
      expect(byAdmin.body.authorId).toBe(admin.user.id);
    });

    it('refuses learners and org admins (403) and anonymous callers (401)', async () => {
      const body = { slug: `nee-${Date.now()}`, title: 'Mag niet', chainRoles: [], format: 'live' };
      expect((await api.http().post('/api/courses').set(tenant.learner.auth).send(body)).status).toBe(403);
      expect((await api.http().post('/api/courses').set(tenant.admin.auth).send(body)).status).toBe(403);
      expect((await api.http().post('/api/courses').send(body)).status).toBe(401);
      const stored = await api.app.get(DataSource).query(`SELECT 1 FROM courses WHERE slug = $1`, [body.slug]);
      expect(stored).toHaveLength(0);
    });

    it('answers a taken slug with 409 and bad fields with 400 naming them', async () => {
      const course = await createCourse(api, tenant.trainer);
      const again = await api.http().post('/api/courses').set(tenant.trainer.auth).send({ slug: course.slug, title: 'Nog een', chainRoles: [], format: 'live' });
      expect(again.status).toBe(409);
      const bad = await api.http().post('/api/courses').set(tenant.trainer.auth).send({ slug: 'Met Spaties', title: null, chainRoles: ['astronaut'], format: 'hybrid' });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['chainRoles', 'format', 'slug', 'title']);
    });

    it('lets only authors edit: another trainer gets 403 on a published course and 404 on a draft', async () => {
      const published = await createCourse(api, tenant.trainer, { status: 'published' });
      const draft = await createCourse(api, tenant.trainer);
      expect((await api.http().patch(`/api/courses/${published.id}`).set(otherTrainer.auth).send({ title: 'Gekaapt' })).status).toBe(403);
      expect((await api.http().patch(`/api/courses/${draft.id}`).set(otherTrainer.auth).send({ title: 'Gekaapt' })).status).toBe(404);
      expect((await api.http().post(`/api/courses/${published.id}/lessons`).set(otherTrainer.auth).send({ title: 'X', body: 'x' })).status).toBe(403);
      expect((await api.http().put(`/api/courses/${published.id}/quiz`).set(otherTrainer.auth).send({ passMark: 50, questions: QUIZ_QUESTIONS })).status).toBe(403);
      const own = await api.http().patch(`/api/courses/${published.id}`).set(tenant.trainer.auth)
        .send({ title: 'Nieuwe titel', summary: 'Nieuw', chainRoles: ['coordinator'], certificateValidityMonths: 12, passMark: 80, durationHours: 3.5 });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ title: 'Nieuwe titel', chainRoles: ['coordinator'], certificateValidityMonths: 12, passMark: 80, durationHours: 3.5 });
      expect((await api.http().patch(`/api/courses/${published.id}`).set(admin.auth).send({ certificateValidityMonths: null })).body.certificateValidityMonths).toBeNull();
      const stored = await api.app.get(DataSource).query(`SELECT title FROM courses WHERE id = $1`, [published.id]);
      expect(stored[0].title).toBe('Nieuwe titel');
    });

    it('moves status draft → published → archived, refuses going back to draft, and needs lessons for online', async () => {
      const course = await createCourse(api, tenant.trainer, { format: 'online' });
      const early = await api.http().patch(`/api/courses/${course.id}`).set(tenant.trainer.auth).send({ status: 'published' });
      expect(early.status).toBe(422);
      await addLessons(api, tenant.trainer, course, 1);
      await publish(api, tenant.trainer, course.id);
      expect((await api.http().patch(`/api/courses/${course.id}`).set(tenant.trainer.auth).send({ status: 'draft' })).status).toBe(409);
      const archived = await api.http().patch(`/api/courses/${course.id}`).set(tenant.trainer.auth).send({ status: 'archived' });
      expect(archived.body.status).toBe('archived');
      const list = await api.http().get('/api/courses?limit=100&format=online');
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(course.id);
    });

    it('refuses prerequisites that make a cycle (422) or do not exist (400)', async () => {
      const a = await createCourse(api, tenant.trainer);
      const b = await createCourse(api, tenant.trainer, { prerequisiteIds: [a.id] });
      const c = await createCourse(api, tenant.trainer, { prerequisiteIds: [b.id] });
      const cycle = await api.http().patch(`/api/courses/${a.id}`).set(tenant.trainer.auth).send({ prerequisiteIds: [c.id] });
      expect(cycle.status).toBe(422);
      expect(cycle.body.code).toBe('catalogue.prerequisite-cycle');
      expect((await api.http().patch(`/api/courses/${a.id}`).set(tenant.trainer.auth).send({ prerequisiteIds: [a.id] })).status).toBe(422);
      const unknown = await api.http().patch(`/api/courses/${a.id}`).set(tenant.trainer.auth).send({ prerequisiteIds: ['00000000-0000-4000-8000-000000000000'] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details[0].field).toBe('prerequisiteIds');
      const edges = await api.app.get(DataSource).query(`SELECT 1 FROM course_prerequisites WHERE course_id = $1`, [a.id]);
      expect(edges).toHaveLength(0);
      // replacing is fine
      const ok = await api.http().patch(`/api/courses/${c.id}`).set(tenant.trainer.auth).send({ prerequisiteIds: [a.id, b.id] });
      expect(ok.status).toBe(200);
      expect([...ok.body.prerequisiteIds].sort()).toEqual([a.id, b.id].sort());
      expect(ok.body.prerequisites.map((p: { title: string }) => p.title).sort()).toEqual([a.title, b.title].sort());
    });

    it('never makes a cycle when two edits race', async () => {
      const a = await createCourse(api, tenant.trainer);
      const b = await createCourse(api, tenant.trainer);
      const results = await Promise.all([
        api.http().patch(`/api/courses/${a.id}`).set(tenant.trainer.auth).send({ prerequisiteIds: [b.id] }),
        api.http().patch(`/api/courses/${b.id}`).set(tenant.trainer.auth).send({ prerequisiteIds: [a.id] }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
      const edges = await api.app.get(DataSource).query(`SELECT 1 FROM course_prerequisites WHERE course_id = ANY($1)`, [[a.id, b.id]]);
      expect(edges).toHaveLength(1);
    });
  });

  describe('drafts', () => {
    it('are invisible (404) to learners, other trainers and anonymous visitors, by id and by slug', async () => {
      const draft = await createCourse(api, tenant.trainer, { format: 'online' });
      await addLessons(api, tenant.trainer, draft, 1);
      await putQuiz(api, tenant.trainer, draft.id);
      for (const path of [`/api/courses/${draft.id}`, `/api/courses/${draft.slug}`, `/api/courses/${draft.id}/lessons`, `/api/courses/${draft.id}/quiz`, `/api/courses/${draft.id}/lessons/${draft.lessonIds[0]}`]) {
        for (const who of [tenant.learner, otherTrainer, tenant.admin]) {
          expect({ path, status: (await api.http().get(path).set(who.auth)).status }).toEqual({ path, status: 404 });
        }
      }
      expect((await api.http().get(`/api/courses/${draft.slug}`)).status).toBe(404);
      const enrolment = await api.http().post('/api/enrolments').set(tenant.learner.auth).send({ courseId: draft.id });
      expect(enrolment.status).toBe(404);
      const list = await api.http().get('/api/courses?limit=100&format=online');
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(draft.id);
      // the author and platform admins see it
      expect((await api.http().get(`/api/courses/${draft.slug}`).set(tenant.trainer.auth)).status).toBe(200);
      expect((await api.http().get(`/api/courses/${draft.id}/quiz`).set(admin.auth)).body.questions[0].correct).toEqual([1]);
    });
  });

  describe('the public list', () => {
    it('filters published courses by chain role and format, with prerequisite ids, and finds them by slug', async () => {
      const base = await createCourse(api, tenant.trainer, { chainRoles: ['coordinator'], format: 'live', status: 'published' });
      const next = await createCourse(api, tenant.trainer, { chainRoles: ['coordinator', 'intake-referral'], format: 'blended', prerequisiteIds: [base.id], status: 'published' });
      const all = (await api.http().get('/api/courses?chainRole=coordinator&limit=100')).body;
      expect(all.total).toBeGreaterThanOrEqual(2);
      const found = all.items.find((c: { id: string }) => c.id === next.id);
      expect(found).toMatchObject({ slug: next.slug, prerequisiteIds: [base.id], format: 'blended', status: 'published' });
      for (const item of all.items) expect(item.chainRoles).toContain('coordinator');
      const blended = (await api.http().get('/api/courses?chainRole=coordinator&format=blended&limit=100')).body.items;
      expect(blended.map((c: { id: string }) => c.id)).toContain(next.id);
      expect(blended.map((c: { id: string }) => c.id)).not.toContain(base.id);
      const page = (await api.http().get('/api/courses?limit=1&offset=0')).body;
      expect(page.items).toHaveLength(1);
      const past = (await api.http().get('/api/courses?limit=10&offset=100000')).body;
      expect(past.items).toEqual([]);
      expect(past.total).toBeGreaterThan(0);
      expect((await api.http().get('/api/courses?limit=101')).status).toBe(400);
      expect((await api.http().get('/api/courses?chainRole=astronaut')).status).toBe(400);
      const bySlug = await api.http().get(`/api/courses/${next.slug}`);
      expect(bySlug.body).toMatchObject({ id: next.id, prerequisites: [{ id: base.id, slug: base.slug, title: base.title }] });
      expect((await api.http().get('/api/courses/geen-bestaande-cursus')).status).toBe(404);
    });

    it('answers with an ETag, 304 for an unchanged page, and a course published through one API process at once in another', async () => {
      const other = await startApi(); // a second API process sharing the database and Redis
      try {
        const url = '/api/courses?chainRole=deeper-conversation&limit=100';
        const first = await other.http().get(url);
        expect(first.status).toBe(200);
        expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
        expect(first.headers['cache-control']).toContain('max-age=');
        const unchanged = await other.http().get(url).set('If-None-Match', first.headers.etag);
        expect(unchanged.status).toBe(304);
        expect(unchanged.text).toBe('');

        const course = await createCourse(api, tenant.trainer, { chainRoles: ['deeper-conversation'], status: 'published' });
        const changed = await other.http().get(url).set('If-None-Match', first.headers.etag);
        expect(changed.status).toBe(200);
        expect(changed.headers.etag).not.toBe(first.headers.etag);
        expect(changed.body.items.map((c: { id: string }) => c.id)).toContain(course.id);

        await api.http().patch(`/api/courses/${course.id}`).set(tenant.trainer.auth).send({ status: 'archived' }).expect(200);
        const archived = (await other.http().get(url)).body.items.map((c: { id: string }) => c.id);
        expect(archived).not.toContain(course.id);
      } finally {
        await other.close();
      }
    });

    it('the edge answers a signed-out page it served before exactly as the controller did, and forgets it when a course changes', async () => {
      const url = '/api/courses?chainRole=first-conversation&limit=7';
      const edgeHits = () => api.app.get(CatalogueCache).pageForUrl(url);
      const fromController = await api.http().get(url).set('X-Request-Id', 'eerste-verzoek');
      expect(fromController.status).toBe(200);
      expect(await edgeHits()).not.toBeNull(); // the controller remembered the URL with the page
      const controllerPath = jest.spyOn(api.app.get(CourseService), 'listJson');
      const fromEdge = await api.http().get(url).set('X-Request-Id', 'tweede-verzoek');
      expect(controllerPath).not.toHaveBeenCalled(); // answered before the framework
      controllerPath.mockRestore();
      const headersOf = (response: { headers: Record<string, string> }) => {
        const { date: _date, 'x-request-id': _id, ...rest } = response.headers;
        return rest;
      };
      expect(fromEdge.status).toBe(200);
      expect(fromEdge.text).toBe(fromController.text);
      expect(headersOf(fromEdge)).toEqual(headersOf(fromController));
      expect(fromEdge.headers['x-request-id']).toBe('tweede-verzoek');
      expect(fromEdge.headers['content-security-policy']).toBeDefined();
      expect((await api.http().get(url).set('If-None-Match', fromEdge.headers.etag)).status).toBe(304);

      // A course write moves the catalogue's version: the edge no longer knows the URL, the controller answers anew.
      await createCourse(api, tenant.trainer, { chainRoles: ['first-conversation'], status: 'published' });
      expect(await edgeHits()).toBeNull();
      const after = await api.http().get(url);
      expect(after.headers.etag).not.toBe(fromController.headers.etag);
      expect(after.body.total).toBe(fromController.body.total + 1);
      expect(after.body.items.length).toBeLessThanOrEqual(7);

      // Never remembered: an invalid query (400 every time) and a request with a bearer token.
      for (let i = 0; i < 2; i += 1) expect((await api.http().get('/api/courses?limit=500')).status).toBe(400);
      expect(await api.app.get(CatalogueCache).pageForUrl('/api/courses?limit=500')).toBeNull();
      const signedIn = '/api/courses?format=live';
      expect((await api.http().get(signedIn).set(tenant.trainer.auth)).status).toBe(200);
      expect(await api.app.get(CatalogueCache).pageForUrl(signedIn)).toBeNull();
      expect((await api.http().get(signedIn).set('Authorization', 'Bearer kapot')).status).toBe(401);
    });

    it(`keeps at most ${MAX_FIELDS} entries per catalogue version: a flood of distinct addresses is answered, not stored`, async () => {
      const cache = api.app.get(CatalogueCache);
      const redis = api.app.get<Redis>(REDIS_CLIENT);
      const prefix = api.app.get(AppConfig).queuePrefix;
      await createCourse(api, tenant.trainer, { chainRoles: ['coordinator'], status: 'published' }); // a fresh version
      const version = (await redis.get(`${prefix}:catalogue:version`)) ?? '0';
      const hash = `${prefix}:catalogue:pages:${version}`;
      await redis.hset(hash, Object.fromEntries(Array.from({ length: MAX_FIELDS }, (_, i) => [`vulsel:${i}`, 'x'])));
      const url = '/api/courses?limit=3&offset=1';
      const answered = await api.http().get(url);
      expect(answered.status).toBe(200);
      expect(answered.body.items.length).toBeGreaterThan(0);
      expect(await redis.hlen(hash)).toBe(MAX_FIELDS);
      expect(await cache.pageForUrl(url)).toBeNull();
      expect((await api.http().get(url)).text).toBe(answered.text);
    });
  });
});
