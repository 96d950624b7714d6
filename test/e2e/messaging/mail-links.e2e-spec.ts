import { LinkSigner } from '@schakel/web';
import { startApi, TestApi } from '../../support/app';
import { insertOnlineCourse } from '../../factories/course.factory';
import { createPerson } from '../../factories/person.factory';

const DAY = 86_400_000;

/** Issue 15, point 13: opening a mail link (GET) changes nothing; mail links expire. */
describe('messages: mail links ask before they act, and expire', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const nudges = async (auth: { Authorization: string }) => (await api.http().get('/api/me/preferences').set(auth)).body.nudges;

  it('unsubscribe: GET (a mail scanner) only asks; the button (POST) switches nudges off', async () => {
    const person = await createPerson(api.app);
    const path = new URL(api.app.get(LinkSigner).unsubscribeUrl(person.user.id)).pathname + new URL(api.app.get(LinkSigner).unsubscribeUrl(person.user.id)).search;
    const asked = await api.http().get(path);
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('Wil je geen geheugensteuntjes meer?');
    expect(asked.text).toContain('<form method="post"');
    expect(await nudges(person.auth)).toBe(true);

    const done = await api.http().post(path).type('form').send({});
    expect(done.status).toBe(200);
    expect(done.text).toContain('Je krijgt geen geheugensteuntjes meer');
    expect(await nudges(person.auth)).toBe(false);
  });

  it('an expired link does nothing (cancel, unsubscribe, welcome)', async () => {
    const links = api.app.get(LinkSigner);
    const person = await createPerson(api.app);
    const course = await insertOnlineCourse(api.app);
    const enrolment = await api.http().post('/api/enrolments').set(person.auth).send({ courseId: course.id });
    const longAgo = new Date(Date.now() - 400 * DAY); // longer than any link's lifetime
    const cancel = links.sign('cancel', enrolment.body.id, longAgo);
    expect((await api.http().get(`/cancel-enrolment?token=${encodeURIComponent(cancel)}`)).status).toBe(404);
    expect((await api.http().post(`/cancel-enrolment?token=${encodeURIComponent(cancel)}`)).status).toBe(404);
    expect((await api.http().get(`/api/enrolments/${enrolment.body.id}`).set(person.auth)).body.status).toBe('active');
    const unsubscribe = links.sign('unsubscribe', person.user.id, longAgo);
    expect((await api.http().post(`/api/unsubscribe?token=${encodeURIComponent(unsubscribe)}`).type('form').send({})).status).toBe(404);
    expect(await nudges(person.auth)).toBe(true);
    // A fresh link for the same enrolment still works.
    expect((await api.http().get(`/cancel-enrolment?token=${encodeURIComponent(links.sign('cancel', enrolment.body.id))}`)).status).toBe(200);
  });
});
