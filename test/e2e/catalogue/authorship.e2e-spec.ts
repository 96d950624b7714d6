import { startApi, TestApi } from '../../support/app';
import { createCourse, insertCourse } from '../../factories/course.factory';
import { createTrainer } from '../../factories/organisation.factory';
import { createPlatformAdmin, type Person } from '../../factories/person.factory';

const DAY = 24 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A course's authors decide who teaches it and what renews it: a trainer elsewhere cannot. */
describe("only a course's authors schedule its open sessions and make a course renew it", () => {
  let api: TestApi;
  let author: Person;
  let stranger: Person;
  let admin: Person;

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    [author, stranger, admin] = await Promise.all([createTrainer(api.app), createTrainer(api.app), createPlatformAdmin(api.app)]);
  });
  afterAll(() => api.close());

  const schedule = (person: Person, courseId: string) => {
    const start = Date.now() + 10 * DAY;
    return api.http().post(`/api/courses/${courseId}/sessions`).set(person.auth).send({
      meetings: [{ startsAt: iso(start), endsAt: iso(start + 3_600_000) }],
      location: 'Buurthuis De Schakel, Utrecht',
      capacity: 10,
      visibility: 'open',
    });
  };

  it('a trainer who is not an author gets 403 for an open session; the author and a platform admin schedule it', async () => {
    const course = await insertCourse(api.app, { author });
    const refused = await schedule(stranger, course.id);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('session.not-course-author');
    expect((await schedule(author, course.id)).status).toBe(201);
    expect((await schedule(admin, course.id)).status).toBe(201);
  });

  it("a trainer cannot make her course renew another author's course (403), the author and a platform admin can", async () => {
    const hard = await insertCourse(api.app, { author, validityMonths: 24 });
    const own = await createCourse(api, stranger, { format: 'online' });
    const create = await api.http().post('/api/courses').set(stranger.auth).send({
      slug: `opfris-${Date.now()}`, title: 'Opfrissen', summary: 'Kort.', chainRoles: ['first-conversation'], format: 'online', renewsCourseId: hard.id,
    });
    expect(create.status).toBe(403);
    expect(create.body.details).toEqual([{ field: 'renewsCourseId', problem: 'you are not an author of that course' }]);
    const patch = await api.http().patch(`/api/courses/${own.id}`).set(stranger.auth).send({ renewsCourseId: hard.id });
    expect(patch.status).toBe(403);
    expect((await api.http().get(`/api/courses/${own.id}`).set(stranger.auth)).body.renewsCourseId).toBeNull();

    const byAuthor = await createCourse(api, author, { format: 'online' });
    expect((await api.http().patch(`/api/courses/${byAuthor.id}`).set(author.auth).send({ renewsCourseId: hard.id })).status).toBe(200);
    expect((await api.http().patch(`/api/courses/${own.id}`).set(admin.auth).send({ renewsCourseId: hard.id })).status).toBe(200);
  });

  it('the public course detail names no user id; its authors still see theirs', async () => {
    const course = await createCourse(api, author, { status: 'published' });
    const anonymous = await api.http().get(`/api/courses/${course.id}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).not.toHaveProperty('authorId');
    expect(JSON.stringify(anonymous.body)).not.toContain(author.user.id);
    expect(JSON.stringify((await api.http().get(`/api/courses/${course.slug}`).set(stranger.auth)).body)).not.toContain(author.user.id);
    expect((await api.http().get(`/api/courses/${course.id}`).set(author.auth)).body.authorId).toBe(author.user.id);
  });
});
