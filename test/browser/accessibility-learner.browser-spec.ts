import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { insertCertificate } from '../factories/certificate.factory';
import { createCourse } from '../factories/course.factory';
import { addMember, createOrganisation } from '../factories/organisation.factory';
import { createPerson, TEST_PASSWORD, type Person } from '../factories/person.factory';
import { QUIZ_QUESTIONS, QUIZ_RIGHT, QUIZ_WRONG } from '../factories/quiz.factory';
import { scheduleSession } from '../factories/session.factory';
import { AxeAudit } from './support/axe';
import { signIn, submit } from './support/people';
import { startBrowserStack, type BrowserStack } from './support/stack';
import { buildWorld, type World } from './support/world';

const DAY = 86_400_000;

/**
 * Issue 12, proof: axe-core finds no serious or critical violation on a learner's pages, in each
 * state they have (empty, filled, error, done); the visitor's pages are in accessibility-visitor.
 * Each test lists every finding of its pages at once.
 */
describe('browser: accessibility of the learner pages (axe-core, no serious or critical violation)', () => {
  let stack: BrowserStack;
  let world: World;

  beforeAll(async () => {
    stack = await startBrowserStack('browser-axe-learner');
    world = await buildWorld(stack.api);
  }, 90_000);
  afterAll(() => stack?.close());

  const learner = async (roles = true): Promise<Person> => {
    const person = await createPerson(stack.api.app, { name: `Lies ${randomUUID().slice(0, 4)}` });
    if (roles) await addMember(stack.api.app, await createOrganisation(stack.api.app), person, ['learner'], ['first-conversation']);
    return person;
  };

  it('the learner pages while empty: Mijn leerpad without a role, Mijn trainingen, Mijn certificaten, Instellingen (and saved)', async () => {
    const person = await learner(false);
    const { page } = await stack.newPage();
    const audit = new AxeAudit(page);
    await signIn(page, person.user.email, TEST_PASSWORD);
    for (const [where, path] of [
      ['Mijn leerpad, no role yet', '/me'],
      ['Mijn trainingen, none', '/me/trainings'],
      ['Mijn certificaten, none', '/me/certificates'],
      ['Instellingen', '/me/settings'],
      ['home, signed in', '/'],
    ]) {
      await page.goto(path);
      await audit.check(where);
    }
    await page.goto('/me/settings');
    await submit(page, 'Opslaan');
    await audit.check('Instellingen, saved');
    await submit(page, 'Nieuwe link maken');
    await audit.check('Instellingen, new calendar link');
    audit.assertClean();
  });

  it('the learner pages while filled: enrolling (done, refused), Mijn leerpad, Mijn trainingen with the confirm step, the cancel mail link, certificates being made and issued', async () => {
    const person = await learner();
    const needsFirst = await createCourse(stack.api, world.trainer, { slug: 'na-het-eerste-gesprek', title: 'Na het eerste gesprek', format: 'live', prerequisiteIds: [world.live.id], status: 'published' });
    await scheduleSession(stack.api, world.trainer, needsFirst, { capacity: 8 });
    await insertCertificate(stack.api.app, { userId: person.user.id, courseId: world.blended.id, expiresAt: new Date(Date.now() + 300 * DAY) });
    await insertCertificate(stack.api.app, { userId: person.user.id, courseId: world.online.id, expiresAt: null, state: 'pending' });
    const { page } = await stack.newPage();
    const audit = new AxeAudit(page);
    await signIn(page, person.user.email, TEST_PASSWORD);

    await page.goto('/courses/het-eerste-gesprek');
    await page.locator(`#session-${world.liveSession.id}`).getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForLoadState('load');
    await audit.check('enrolled in a session');
    await page.goto('/courses/het-eerste-gesprek');
    await audit.check('course page, enrolled');
    await page.goto('/courses/na-het-eerste-gesprek');
    await audit.check('course page, prerequisite missing');
    await submit(page, 'Aanmelden');
    expect(await page.getByRole('alert').first().innerText()).toContain('Aanmelden lukte niet');
    await audit.check('enrolling refused');

    for (const [where, path] of [
      ['Mijn leerpad, filled', '/me'],
      ['learning path, signed in with statuses', '/learning-paths/first-conversation'],
      ['Mijn trainingen, filled', '/me/trainings'],
      ['Mijn certificaten, being made and issued', '/me/certificates'],
    ]) {
      await page.goto(path);
      await audit.check(where);
    }
    await page.goto('/me/trainings');
    await submit(page, 'Afmelden');
    await audit.check('Mijn trainingen, confirm step');
    await page.goto('/me/trainings');

    const cancelLink = await stack.mailLink(person.user.email, /^\/cancel-enrolment\?token=/);
    await page.goto(cancelLink);
    await audit.check('cancel mail link, asked');
    await submit(page, 'Ja, meld mij af');
    await audit.check('cancel mail link, done');
    await page.goto(cancelLink);
    await audit.check('cancel mail link, already cancelled');
    await page.goto('/me/trainings');
    await audit.check('Mijn trainingen, with a cancelled training');
    audit.assertClean();
  });

  it('the module player: a lesson, the quiz (empty, not answered, failed, passed) and the finished module', async () => {
    const person = await learner();
    const { page } = await stack.newPage();
    const audit = new AxeAudit(page);
    await signIn(page, person.user.email, TEST_PASSWORD);
    await page.goto('/courses/eenzaamheid-herkennen');
    await submit(page, 'Aanmelden');
    await page.getByRole('link', { name: 'Begin met de module' }).click();
    await page.waitForURL('**/learn/*');
    await audit.check('lesson 1');
    for (let i = 0; i < 3; i += 1) await submit(page, 'Volgende');
    await audit.check('quiz');
    await submit(page, 'Antwoorden inleveren');
    await audit.check('quiz, nothing answered');
    const answer = async (answers: number[][]) => {
      for (const [q, question] of QUIZ_QUESTIONS.entries()) {
        for (const i of answers[q]) await page.getByRole('group', { name: question.prompt }).getByLabel(question.options[i], { exact: true }).check();
      }
      await submit(page, 'Antwoorden inleveren');
    };
    await answer(QUIZ_WRONG);
    await audit.check('quiz, failed');
    const player = page.url().split('?')[0];
    await page.goto('/me');
    await audit.check('Mijn leerpad, module under way');
    await page.goto(`${player}?step=quiz`);
    await answer(QUIZ_RIGHT);
    await audit.check('quiz, passed');
    await page.goto(player);
    await audit.check('module finished');
    await page.goto('/me/certificates');
    await audit.check('Mijn certificaten, being made or issued');
    audit.assertClean();
  });
});
