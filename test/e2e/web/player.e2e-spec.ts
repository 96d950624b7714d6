import { DataSource } from 'typeorm';
import { startApi, type TestApi } from '../../support/app';
import { PageClient, pageText } from '../../support/page-client';
import { createCourse, createOnlineCourse, publish } from '../../factories/course.factory';
import { enrol, requestEnrolment } from '../../factories/enrolment.factory';
import { addLessons } from '../../factories/lesson.factory';
import { createTrainer } from '../../factories/organisation.factory';
import { createPerson, TEST_PASSWORD, type Person } from '../../factories/person.factory';
import { putQuiz, QUIZ_QUESTIONS } from '../../factories/quiz.factory';
import { scheduleSession } from '../../factories/session.factory';

/** Issue 12, the module player (/learn/:enrolmentId): lessons, progress, "Volgende", the quiz and its result in words. */
describe('web: the module player', () => {
  let api: TestApi;
  let trainer: Person;

  beforeAll(async () => {
    api = await startApi();
    trainer = await createTrainer(api.app);
  });
  afterAll(() => api?.close());

  async function signedIn(person: Person): Promise<PageClient> {
    const browser = new PageClient(api);
    await browser.signIn(person.user.email, TEST_PASSWORD);
    return browser;
  }

  const answersOf = (sets: number[][]) => Object.fromEntries(sets.map((chosen, i) => [`q${i}`, chosen.map(String)]));

  it('walks through the lessons with "Volgende", then fails and passes the quiz, said in words', async () => {
    const course = await createOnlineCourse(api, trainer, { lessons: 2, passMark: 75, maxAttempts: 3 });
    const learner = await createPerson(api.app);
    const enrolmentId = await enrol(api, learner, course.id);
    const browser = await signedIn(learner);

    const first = await browser.get(`/learn/${enrolmentId}`);
    expect(first.status).toBe(200);
    expect(first.text.match(/<h1[^>]*>/g)).toHaveLength(1);
    expect(pageText(first.text)).toContain('0 van 2 lessen klaar');
    expect(first.text).toContain('<progress');
    expect(pageText(first.text)).toContain('Les 1 van 2');

    const next = await browser.submit(`/learn/${enrolmentId}`, {}, `/learn/${enrolmentId}/lessons/${course.lessonIds[0]}`);
    expect(next.status).toBe(303);
    expect(next.headers.location).toBe(`/learn/${enrolmentId}?lesson=${course.lessonIds[1]}`);
    const second = await browser.get(next.headers.location);
    expect(pageText(second.text)).toContain('1 van 2 lessen klaar');
    const toQuiz = await browser.submit(next.headers.location, {}, `/learn/${enrolmentId}/lessons/${course.lessonIds[1]}`);
    expect(toQuiz.headers.location).toBe(`/learn/${enrolmentId}?step=quiz`);

    const quiz = await browser.get(toQuiz.headers.location);
    expect(pageText(quiz.text)).toContain('2 van 2 lessen klaar');
    expect(quiz.text.match(/<fieldset/g)).toHaveLength(QUIZ_QUESTIONS.length);
    expect(quiz.text.match(/<legend/g)?.length).toBeGreaterThanOrEqual(QUIZ_QUESTIONS.length);
    expect(quiz.text).toContain('type="radio"');
    expect(quiz.text).toContain('type="checkbox"');
    expect(pageText(quiz.text)).toContain('Antwoorden inleveren');
    // The answer key never reaches the page.
    expect(quiz.text).not.toMatch(/correct/i);

    const empty = await browser.submit(toQuiz.headers.location, { q0: '1' }, `/learn/${enrolmentId}/quiz`);
    expect(empty.status).toBe(400);
    expect(pageText(empty.text)).toContain('Kies een antwoord bij vraag 2');
    expect(empty.text).toContain('href="#q1"');
    expect(empty.text).toContain('id="q1-error"');
    expect(empty.text).toMatch(/id="q0-1" name="q0" value="1" checked/);

    // The result is shown after a redirect (POST → 303 → GET): reloading it sends no answers again.
    const sent = await browser.submit(toQuiz.headers.location, answersOf([[1], [0], [1], [1, 2]]), `/learn/${enrolmentId}/quiz`);
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/learn/${enrolmentId}?step=result`);
    const failed = await browser.get(sent.headers.location);
    expect(failed.status).toBe(200);
    const failedText = pageText(failed.text);
    expect(failedText).toContain('Je hebt 2 van 4 vragen goed.');
    expect(failedText).toContain('Je bent nog niet geslaagd');
    expect(failedText).toContain('Je hebt nog 2 pogingen');

    const reloaded = pageText((await browser.get(sent.headers.location)).text);
    expect(reloaded).not.toContain('Je hebt 2 van 4 vragen goed.');
    expect(reloaded).toContain('Antwoorden inleveren');
    const [{ attempts }] = await api.app.get(DataSource).query(`SELECT count(*)::int AS attempts FROM quiz_attempts WHERE enrolment_id = $1`, [enrolmentId]);
    expect(attempts).toBe(1);

    const sentAgain = await browser.submit(toQuiz.headers.location, answersOf(QUIZ_QUESTIONS.map((q) => q.correct)), `/learn/${enrolmentId}/quiz`);
    const passed = await browser.get(sentAgain.headers.location);
    const passedText = pageText(passed.text);
    expect(passedText).toContain('Je hebt 4 van 4 vragen goed. Je bent geslaagd.');
    expect(passedText).toContain('Je certificaat wordt gemaakt');
    expect(passed.text).toContain('href="/me/certificates"');
  });

  it('says so when no attempts are left, and shows no form', async () => {
    const course = await createOnlineCourse(api, trainer, { lessons: 1, maxAttempts: 1 });
    const learner = await createPerson(api.app);
    const enrolmentId = await enrol(api, learner, course.id);
    await api.http().post(`/api/enrolments/${enrolmentId}/quiz-attempts`).set(learner.auth).send({ answers: [[0], [0], [1], [0]] });
    const page = await (await signedIn(learner)).get(`/learn/${enrolmentId}?step=quiz`);
    expect(pageText(page.text)).toContain('Je hebt geen pogingen meer');
    expect(page.text).not.toContain('Antwoorden inleveren');
  });

  it("answers another person's enrolment, and a made-up id, with the niet gevonden page", async () => {
    const course = await createOnlineCourse(api, trainer, { lessons: 1 });
    const owner = await createPerson(api.app);
    const enrolmentId = await enrol(api, owner, course.id);
    const intruder = await signedIn(await createPerson(api.app));
    for (const path of [`/learn/${enrolmentId}`, '/learn/not-an-id', '/learn/00000000-0000-4000-8000-000000000000']) {
      const page = await intruder.get(path);
      expect(page.status).toBe(404);
      expect(pageText(page.text)).toContain('Niet gevonden');
    }
    const forged = await intruder.submit('/me', {}, `/learn/${enrolmentId}/lessons/${course.lessonIds[0]}`);
    expect(forged.status).toBe(404);
  });

  it('keeps a blended learner\'s progress on the page when she moves from the online part into a session', async () => {
    const course = await createCourse(api, trainer, { format: 'blended' });
    await addLessons(api, trainer, course, 3);
    await putQuiz(api, trainer, course.id);
    await publish(api, trainer, course.id);
    const session = await scheduleSession(api, trainer, course, { capacity: 1 });
    await enrol(api, await createPerson(api.app), course.id, session.id); // the one seat is taken
    const learner = await createPerson(api.app);
    const enrolmentId = await enrol(api, learner, course.id);
    const browser = await signedIn(learner);
    await browser.submit(`/learn/${enrolmentId}`, {}, `/learn/${enrolmentId}/lessons/${course.lessonIds[0]}`);
    await browser.submit(`/learn/${enrolmentId}`, {}, `/learn/${enrolmentId}/lessons/${course.lessonIds[1]}`);

    const moved = await requestEnrolment(api, learner, course.id, session.id);
    expect(moved.body).toMatchObject({ id: enrolmentId, status: 'waitlisted', waitlistPosition: 1 });
    const page = await browser.get(`/learn/${enrolmentId}`);
    const text = pageText(page.text);
    expect(text).toContain('2 van 3 lessen klaar');
    expect(text).toContain('Je staat op de wachtlijst voor de bijeenkomst (plek 1)');
    expect(text).toContain('Je lessen en je voortgang blijven bewaard');
  });
});
