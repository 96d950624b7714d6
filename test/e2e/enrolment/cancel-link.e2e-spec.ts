import { LinkSigner } from '@schakel/web';
import { startApi, TestApi } from '../../support/app';
import { insertCourse } from '../../factories/course.factory';
import { requestEnrolment } from '../../factories/enrolment.factory';
import { createTrainer } from '../../factories/organisation.factory';
import { createPerson, type Person } from '../../factories/person.factory';
import { scheduleSession, sessionState } from '../../factories/session.factory';

describe('the one-click cancel link in enrolment mails', () => {
  let api: TestApi;
  let trainer: Person;

  beforeAll(async () => {
    api = await startApi();
    trainer = await createTrainer(api.app);
  });
  afterAll(() => api.close());

  it('asks first (a mail scanner opening the link changes nothing), then cancels and promotes the next in line', async () => {
    const course = await insertCourse(api.app, { author: trainer, title: 'Zie mij: open trainingsdag' });
    const session = await scheduleSession(api, trainer, course, { capacity: 1 });
    const [anna, bram] = [await createPerson(api.app), await createPerson(api.app, { locale: 'en' })];
    const first = await requestEnrolment(api, anna, course.id, session.id);
    const second = await requestEnrolment(api, bram, course.id, session.id);
    expect([first.body.status, second.body.status]).toEqual(['confirmed', 'waitlisted']);

    const link = new URL(api.app.get(LinkSigner).cancelUrl(first.body.id));
    const asked = await api.http().get(`${link.pathname}${link.search}`);
    expect(asked.status).toBe(200);
    expect(asked.headers['content-type']).toContain('text/html');
    expect(asked.text).toContain('Wil je je afmelden?');
    expect(asked.text).toContain('Zie mij: open trainingsdag');
    expect(asked.text).toContain('<form method="post"');
    expect((await sessionState(api.app, session.id)).confirmed.map((e) => e.id)).toEqual([first.body.id]);

    const done = await api.http().post(`${link.pathname}${link.search}`);
    expect(done.status).toBe(200);
    expect(done.text).toContain('Je bent afgemeld');
    const state = await sessionState(api.app, session.id);
    expect(state.confirmed.map((e) => e.id)).toEqual([second.body.id]);
    expect(state.enrolments.find((e) => e.id === first.body.id)?.status).toBe('cancelled');

    const again = await api.http().post(`${link.pathname}${link.search}`);
    expect(again.status).toBe(200);
    expect(again.text).toContain('al afgemeld');
  });

  it('speaks English to an English-speaking learner', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const session = await scheduleSession(api, trainer, course);
    const learner = await createPerson(api.app, { locale: 'en' });
    const enrolment = await requestEnrolment(api, learner, course.id, session.id);
    const link = new URL(api.app.get(LinkSigner).cancelUrl(enrolment.body.id));
    const asked = await api.http().get(`${link.pathname}${link.search}`);
    expect(asked.text).toContain('Do you want to cancel?');
  });

  it('refuses a forged or altered token (404) and cancels nothing', async () => {
    const course = await insertCourse(api.app, { author: trainer });
    const session = await scheduleSession(api, trainer, course);
    const learner = await createPerson(api.app);
    const enrolment = await requestEnrolment(api, learner, course.id, session.id);
    const token = api.app.get(LinkSigner).sign('cancel', enrolment.body.id);
    for (const forged of [`${enrolment.body.id}.AAAA`, token.replace(/.$/, token.endsWith('A') ? 'B' : 'A'), api.app.get(LinkSigner).sign('unsubscribe', enrolment.body.id), '']) {
      const response = await api.http().post(`/cancel-enrolment?token=${encodeURIComponent(forged)}`);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    expect((await sessionState(api.app, session.id)).confirmed.map((e) => e.id)).toEqual([enrolment.body.id]);
  });
});
