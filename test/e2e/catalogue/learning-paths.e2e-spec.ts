import { DataSource } from 'typeorm';
import { CHAIN_ROLES } from '@schakel/common';
import { DEMO_COURSES, DemoSeeder } from '@schakel/demo';
import { IdentityService, PasswordHasher, UserRepository } from '@schakel/identity';
import { startApi, TestApi } from '../../support/app';
import { createOnlineCourse } from '../../factories/course.factory';
import { enrol } from '../../factories/enrolment.factory';
import { createTenant, Tenant, grantPlatformTrainer } from '../../factories/organisation.factory';
import { createPerson } from '../../factories/person.factory';

interface PathItem { id: string; slug: string; title: string; prerequisiteIds: string[]; step: number; forRole: boolean; myStatus?: string }

describe('catalogue: learning paths', () => {
  let api: TestApi;
  let tenant: Tenant;

  beforeAll(async () => {
    api = await startApi();
    tenant = await createTenant(api.app);
    await grantPlatformTrainer(api.app, tenant.trainer); // authors the suite's courses
  });
  afterAll(() => api.close());

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

    it('makes the demo trainer (the catalogue’s author) a platform trainer', async () => {
      const [author] = await api.app.get(DataSource).query(
        `SELECT u.platform_roles FROM courses c JOIN users u ON u.id = c.created_by_id WHERE c.slug = 'eenzaamheid-herkennen'`,
      );
      expect(author.platform_roles).toEqual(['trainer']);
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
