import { startApi, TestApi } from '../../support/app';
import { insertCourse } from '../../factories/course.factory';
import { createTrainer } from '../../factories/organisation.factory';
import { createPerson, Person } from '../../factories/person.factory';

const DAY = 86_400_000;
const MEET = 'https://meet.example.nl/geheim-gesprek-42';

/** Issue 15, point 13: an online meeting link is for the confirmed learners and the session's trainers only. */
describe('sessions: online meeting links', () => {
  let api: TestApi;
  let trainer: Person;

  beforeAll(async () => {
    api = await startApi();
    trainer = await createTrainer(api.app);
  });
  afterAll(() => api.close());

  it('hides the link from anonymous visitors, the public calendar file, the list and unconfirmed people', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const start = Date.now() + 20 * DAY;
    const created = await api.http().post(`/api/courses/${course.id}/sessions`).set(trainer.auth).send({
      meetings: [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 7_200_000).toISOString() }],
      onlineUrl: MEET,
      capacity: 1,
      visibility: 'open',
    });
    expect(created.status).toBe(201);
    expect(created.body.onlineUrl).toBe(MEET);
    const id = created.body.id as string;

    const anonymous = await api.http().get(`/api/sessions/${id}`);
    expect(anonymous.body.onlineUrl).toBeNull();
    const ics = await api.http().get(`/api/sessions/${id}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.text).not.toContain('meet.example.nl');
    const list = await api.http().get(`/api/sessions?courseId=${course.id}`);
    expect(JSON.stringify(list.body)).not.toContain('meet.example.nl');

    const [confirmed, waiting] = [await createPerson(api.app), await createPerson(api.app)];
    expect((await api.http().post('/api/enrolments').set(confirmed.auth).send({ courseId: course.id, sessionId: id })).body.status).toBe('confirmed');
    expect((await api.http().post('/api/enrolments').set(waiting.auth).send({ courseId: course.id, sessionId: id })).body.status).toBe('waitlisted');
    expect((await api.http().get(`/api/sessions/${id}`).set(waiting.auth)).body.onlineUrl).toBeNull();
    expect((await api.http().get(`/api/sessions/${id}/calendar.ics`).set(waiting.auth)).text).not.toContain('meet.example.nl');

    expect((await api.http().get(`/api/sessions/${id}`).set(confirmed.auth)).body.onlineUrl).toBe(MEET);
    expect((await api.http().get(`/api/sessions/${id}/calendar.ics`).set(confirmed.auth)).text).toContain('meet.example.nl');
    expect((await api.http().get(`/api/sessions/${id}`).set(trainer.auth)).body.onlineUrl).toBe(MEET);
  });
});
