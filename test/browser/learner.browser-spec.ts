import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { addMember, createOrganisation } from '../factories/organisation.factory';
import { createPerson, TEST_PASSWORD, type Person } from '../factories/person.factory';
import { QUIZ_QUESTIONS, QUIZ_RIGHT, QUIZ_WRONG } from '../factories/quiz.factory';
import { waitFor } from '../support/wait-for';
import { signIn, textOf } from './support/people';
import { screenshot } from './support/screenshots';
import { startBrowserStack, type BrowserStack } from './support/stack';
import { buildWorld, type World } from './support/world';

/**
 * Issue 12, proof: a learner completes the online module with the quiz (one failed attempt,
 * then a pass) and downloads her certificate; a blended learner moves from the online part
 * into a session without losing her progress.
 */
describe('browser: a learner', () => {
  let stack: BrowserStack;
  let world: World;

  beforeAll(async () => {
    stack = await startBrowserStack('browser-learner');
    world = await buildWorld(stack.api);
  }, 90_000);
  afterAll(() => stack?.close());

  /** A volunteer of a municipality, for the first conversation (her path on /me). */
  const volunteer = async (name: string): Promise<Person> => {
    const person = await createPerson(stack.api.app, { name });
    await addMember(stack.api.app, await createOrganisation(stack.api.app, 'Gemeente Voorbeeldstad'), person, ['learner'], ['first-conversation']);
    return person;
  };

  const next = (page: Page) => page.getByRole('button', { name: 'Volgende' }).or(page.getByRole('link', { name: 'Volgende' }));

  /** Ticks the answers (option indexes per question) and hands them in. */
  const answer = async (page: Page, answers: number[][]) => {
    for (const [q, question] of QUIZ_QUESTIONS.entries()) {
      const group = page.getByRole('group', { name: question.prompt });
      for (const i of answers[q]) await group.getByLabel(question.options[i], { exact: true }).check();
    }
    await page.getByRole('button', { name: 'Antwoorden inleveren' }).click();
    await page.waitForLoadState('load');
  };

  it('completes the online module: lessons in order, the quiz failed once then passed, and downloads the certificate', async () => {
    const person = await volunteer('Anna de Vries');
    const { page } = await stack.newPage();
    await signIn(page, person.user.email, TEST_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/me');

    // "Wat nu?": the first step of her path.
    await page.getByRole('link', { name: 'Begin met Eenzaamheid herkennen' }).click();
    await page.waitForURL('**/courses/eenzaamheid-herkennen');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForLoadState('load');
    await page.getByRole('link', { name: 'Begin met de module' }).click();
    await page.waitForURL('**/learn/*');

    // Lessons in order, a progress bar that moves, "Volgende" to the next.
    for (const [i, title] of ['Wat is eenzaamheid?', 'Luisteren', 'Het gesprek afronden'].entries()) {
      expect(await textOf(page.getByRole('main'))).toContain(title);
      if (i === 1) await screenshot(page, 'module-player');
      await next(page).click();
      await page.waitForLoadState('load');
    }

    // The quiz: wrong answers first, then the right ones.
    await answer(page, QUIZ_WRONG);
    const failed = await textOf(page.getByRole('main'));
    expect(failed).toContain('Je hebt 0 van 4 vragen goed. Je bent nog niet geslaagd.');
    expect(failed).toContain('Je hebt nog 2 pogingen.');
    await page.getByRole('link', { name: 'Toets opnieuw maken' }).click();
    await page.waitForLoadState('load');
    await answer(page, QUIZ_RIGHT);
    const passed = await textOf(page.getByRole('main'));
    expect(passed).toContain('Je hebt 4 van 4 vragen goed. Je bent geslaagd.');
    expect(passed).toContain('Je certificaat wordt gemaakt.');
    await screenshot(page, 'quiz-result');

    // The certificate is made by the worker; the page says so until it is there.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn certificaten' }).click();
    await page.waitForURL('**/me/certificates');
    await waitFor(
      async () => {
        await page.reload();
        return page.getByRole('link', { name: /Download PDF/ }).count();
      },
      (n) => n > 0,
      { timeoutMs: 30_000, intervalMs: 500, what: 'the certificate on /me/certificates' },
    );
    expect(await textOf(page.getByRole('main'))).toContain('Eenzaamheid herkennen');
    await screenshot(page, 'my-certificates');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download PDF/ }).first().click()]);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // Her path says so.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn leerpad' }).click();
    await page.waitForURL('**/me');
    expect(await textOf(page.getByRole('main'))).toContain('Certificaat behaald');
    await screenshot(page, 'my-learning-path');
  });

  it('moves a blended learner from the online part into a session, keeping her progress', async () => {
    const person = await volunteer('Bram Jansen');
    const { page } = await stack.newPage();
    await signIn(page, person.user.email, TEST_PASSWORD);

    await page.goto('/courses/het-verdiepende-gesprek');
    await page.getByRole('button', { name: 'Begin met de module' }).click();
    await page.waitForLoadState('load');
    await page.getByRole('link', { name: 'Begin met de module' }).click();
    await page.waitForURL('**/learn/*');
    const player = new URL(page.url()).pathname;
    expect(await textOf(page.getByRole('main'))).toContain('Wat is eenzaamheid?');
    await next(page).click();
    await page.waitForLoadState('load');
    const progressBefore = await page.locator('progress').first().getAttribute('value');
    expect(Number(progressBefore)).toBeGreaterThan(0);

    // She picks a session on the course page: moved into it, not refused.
    await page.goto('/courses/het-verdiepende-gesprek');
    await page.locator(`#session-${world.blendedSession.id}`).getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForLoadState('load');
    expect(await textOf(page.getByRole('main'))).toContain('Je bent aangemeld voor Het verdiepende gesprek.');
    const rows: Array<{ status: string; session_id: string | null; lessons: number }> = await stack.api.app.get(DataSource).query(
      `SELECT e.status, e.session_id, (SELECT count(*)::int FROM lesson_progress p WHERE p.enrolment_id = e.id) AS lessons
         FROM enrolments e WHERE e.user_id = $1 AND e.course_id = $2`,
      [person.user.id, world.blended.id],
    );
    expect(rows).toEqual([{ status: 'confirmed', session_id: world.blendedSession.id, lessons: 1 }]);

    // Mijn trainingen shows the session; the module still holds her progress.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn trainingen' }).click();
    await page.waitForURL('**/me/trainings');
    expect(await textOf(page.getByRole('main'))).toContain('Het verdiepende gesprek');
    await page.goto(player);
    expect(await page.locator('progress').first().getAttribute('value')).toBe(progressBefore);
  });
});
