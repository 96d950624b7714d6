import { DataSource } from 'typeorm';
import { CHAIN_ROLES } from '@schakel/common';
import { DEMO_COURSES, DemoSeeder } from '@schakel/demo';
import { IdentityService, PasswordHasher, UserRepository } from '@schakel/identity';
import { startApi, TestApi } from './helpers/app';
import { addLessons, createCourse, createOnlineCourse, enrol, publish, putQuiz, QUIZ_QUESTIONS } from './helpers/catalogue.factories';
import { addMember, createOrganisation, createPerson, createPlatformAdmin, createTenant, Person, Tenant } from './helpers/factories';

interface PathItem { id: string; slug: string; title: string; prerequisiteIds: string[]; step: number; forRole: boolean; myStatus?: string }

describe('catalogue: courses, lessons, quizzes, learning paths', () => {
  let api: TestApi;
  let tenant: Tenant;
  let otherTrainer: Person;
  let admin: Person;

  beforeAll(async () => {
    api = await startApi();
    [tenant, admin] = await Promise.all([createTenant(api.app), createPlatformAdmin(api.app)]);
    otherTrainer = await createPerson(api.app);
    await addMember(api.app, await createOrganisation(api.app), otherTrainer, ['trainer']);
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

  describe('lessons and quiz', () => {
    it('keeps lessons in order when inserting, moving and deleting, and returns markdown as is', async () => {
      const course = await createCourse(api, tenant.trainer, { format: 'online' });
      await addLessons(api, tenant.trainer, course, 3);
      const markdown = '# Kop\n\n- een *lijst*\n- `code` <b>html blijft tekst</b>\n';
      const first = await api.http().post(`/api/courses/${course.id}/lessons`).set(tenant.trainer.auth)
        .send({ title: 'Nieuw begin', body: markdown, videoUrl: 'https://video.example.nl/1', position: 0 });
      expect(first.status).toBe(201);
      const titles = async () => (await api.http().get(`/api/courses/${course.id}/lessons`).set(tenant.trainer.auth)).body.items.map((l: { title: string; position: number }) => `${l.position}:${l.title}`);
      expect(await titles()).toEqual(['0:Nieuw begin', '1:Les 1', '2:Les 2', '3:Les 3']);
      await api.http().patch(`/api/courses/${course.id}/lessons/${first.body.id}`).set(tenant.trainer.auth).send({ position: 2 }).expect(200);
      expect(await titles()).toEqual(['0:Les 1', '1:Les 2', '2:Nieuw begin', '3:Les 3']);
      await api.http().delete(`/api/courses/${course.id}/lessons/${course.lessonIds[1]}`).set(tenant.trainer.auth).expect(204);
      expect(await titles()).toEqual(['0:Les 1', '1:Nieuw begin', '2:Les 3']);
      await publish(api, tenant.trainer, course.id);
      const asLearner = await api.http().get(`/api/courses/${course.slug}/lessons`).set(tenant.learner.auth);
      expect(asLearner.status).toBe(200);
      expect(asLearner.body.items[1]).toMatchObject({ body: markdown, videoUrl: 'https://video.example.nl/1' });
      expect((await api.http().get(`/api/courses/${course.id}/lessons`)).status).toBe(401);
    });

    it('derives single and multiple choice, and names an answer index outside the options (400)', async () => {
      const course = await createCourse(api, tenant.trainer, { format: 'online', passMark: 60 });
      const bad = await api.http().put(`/api/courses/${course.id}/quiz`).set(tenant.trainer.auth)
        .send({ questions: [{ prompt: 'a', options: ['x', 'y'], correct: [0] }, { prompt: 'b', options: ['x', 'y', 'z'], correct: [1, 3] }] });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([{ field: 'questions[1].correct[1]', problem: 'must be an index into options (0..2)' }]);
      const missing = await api.http().put(`/api/courses/${course.id}/quiz`).set(tenant.trainer.auth)
        .send({ passMark: 50, questions: [{ prompt: 'a', options: ['x'], correct: [] }] });
      expect(missing.status).toBe(400);
      expect(missing.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['questions[0].correct', 'questions[0].options']);
      const ok = await api.http().put(`/api/courses/${course.id}/quiz`).set(tenant.trainer.auth).send({ maxAttempts: 2, questions: QUIZ_QUESTIONS });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ passMark: 60, maxAttempts: 2 });
      expect(ok.body.questions.map((q: { kind: string }) => q.kind)).toEqual(['single', 'multiple', 'single', 'multiple']);
      const noPassMark = await createCourse(api, tenant.trainer, { format: 'online' });
      const refused = await api.http().put(`/api/courses/${noPassMark.id}/quiz`).set(tenant.trainer.auth).send({ questions: QUIZ_QUESTIONS });
      expect(refused.status).toBe(400);
      expect(refused.body.details[0].field).toBe('passMark');
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
  });

  describe('learning paths', () => {
    beforeAll(async () => {
      const seeder = new DemoSeeder(api.app.get(DataSource), api.app.get(IdentityService), api.app.get(UserRepository), api.app.get(PasswordHasher));
      await seeder.seed();
      await seeder.seed(); // idempotent
    });

    it('seeds the demo catalogue once, with a complete online module', async () => {
      const rows = await api.app.get(DataSource).query(
        `SELECT c.slug, c.status, (SELECT count(*)::int FROM lessons l WHERE l.course_id = c.id) AS lessons,
                (SELECT jsonb_array_length(q.questions) FROM quizzes q WHERE q.course_id = c.id) AS questions,
                (SELECT array_agg(DISTINCT e->>'kind') FROM quizzes q, jsonb_array_elements(q.questions) e WHERE q.course_id = c.id) AS kinds
           FROM courses c WHERE c.slug = ANY($1)`,
        [DEMO_COURSES.map((c) => c.slug)],
      );
      expect(rows).toHaveLength(DEMO_COURSES.length);
      const online = rows.find((r: { slug: string }) => r.slug === 'eenzaamheid-herkennen');
      expect(online).toMatchObject({ status: 'published', questions: 6 });
      expect(online.lessons).toBeGreaterThanOrEqual(4);
      expect([...online.kinds].sort()).toEqual(['multiple', 'single']);
      const intake = (await api.http().get('/api/courses/intake-en-verwijzing')).body;
      expect(intake.prerequisites.map((p: { slug: string }) => p.slug)).toEqual(['het-eerste-gesprek']);
    });

    it.each([...CHAIN_ROLES])('orders the %s path so every course comes after its prerequisites', async (role) => {
      const response = await api.http().get(`/api/learning-paths/${role}`);
      expect(response.status).toBe(200);
      const items: PathItem[] = response.body.items;
      const place = new Map(items.map((c, i) => [c.id, i]));
      const demoForRole = DEMO_COURSES.filter((c) => (c.chainRoles as string[]).includes(role)).map((c) => c.slug);
      expect(demoForRole.length).toBeGreaterThan(0);
      for (const slug of demoForRole) expect(items.map((c) => c.slug)).toContain(slug);
      for (const [i, course] of items.entries()) {
        expect(course.step).toBe(i + 1);
        expect(course.myStatus).toBeUndefined();
        for (const prerequisite of course.prerequisiteIds) {
          // every prerequisite is on the path, before the course
          expect(place.has(prerequisite)).toBe(true);
          expect(place.get(prerequisite)!).toBeLessThan(i);
        }
      }
    });

    it('shows the coordinator the whole chain up to "Spin in het web", in order', async () => {
      const items: PathItem[] = (await api.http().get('/api/learning-paths/coordinator')).body.items;
      const slugs = items.map((c) => c.slug);
      const demo = slugs.filter((s) => ['het-eerste-gesprek', 'intake-en-verwijzing', 'spin-in-het-web'].includes(s));
      expect(demo).toEqual(['het-eerste-gesprek', 'intake-en-verwijzing', 'spin-in-het-web']);
      expect(items.find((c) => c.slug === 'het-eerste-gesprek')!.forRole).toBe(false);
      expect(items.find((c) => c.slug === 'spin-in-het-web')!.forRole).toBe(true);
    });

    it("gives a signed-in learner her own status per course", async () => {
      const learner = await createPerson(api.app);
      const online = await createOnlineCourse(api, tenant.trainer, { chainRoles: ['intake-referral'], lessons: 1 });
      await enrol(api, learner, online.id);
      const items: PathItem[] = (await api.http().get('/api/learning-paths/intake-referral').set(learner.auth)).body.items;
      expect(items.find((c) => c.id === online.id)!.myStatus).toBe('in-progress');
      expect(items.find((c) => c.slug === 'intake-en-verwijzing')!.myStatus).toBe('not-started');
    });

    it('answers an unknown chain role with 400', async () => {
      const response = await api.http().get('/api/learning-paths/astronaut');
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('chainRole');
    });
  });
});
