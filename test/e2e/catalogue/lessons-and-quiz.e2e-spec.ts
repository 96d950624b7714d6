import { startApi, TestApi } from '../../support/app';
import { createCourse, publish } from '../../factories/course.factory';
import { addLessons } from '../../factories/lesson.factory';
import { createTenant, Tenant, grantPlatformTrainer } from '../../factories/organisation.factory';
import { QUIZ_QUESTIONS } from '../../factories/quiz.factory';

describe('catalogue: lessons and quiz of a course', () => {
  let api: TestApi;
  let tenant: Tenant;

  beforeAll(async () => {
    api = await startApi();
    tenant = await createTenant(api.app);
    await grantPlatformTrainer(api.app, tenant.trainer); // authors the suite's courses
  });
  afterAll(() => api.close());

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
});
