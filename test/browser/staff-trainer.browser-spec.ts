import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createCourse, type TestCourse } from '../factories/course.factory';
import { enrol } from '../factories/enrolment.factory';
import { createTrainer } from '../factories/organisation.factory';
import { createPerson, TEST_PASSWORD, type Person } from '../factories/person.factory';
import { meetingsHaveStarted, scheduleSession, sessionState } from '../factories/session.factory';
import { waitFor } from '../support/wait-for';
import { activate, tabTo } from './support/keyboard';
import { signIn, textOf } from './support/people';
import { expectNoHorizontalScroll, TABLET } from './support/reflow';
import { screenshot } from './support/screenshots';
import { startBrowserStack, type BrowserStack } from './support/stack';
import { allMeetingsStarted, amsterdamDate, firstMeetingWithinADay } from './support/staff';

const DAY = 86_400_000;

/**
 * Issue 13, proof (trainer): on a 768 px tablet a trainer plans a two-meeting session, three
 * learners enrol (the third on the waitlist), one drops out the day before and the trainer gives
 * the seat to the waitlisted one by hand ("Bevestigen"), marks attendance for both meetings, and
 * the learners' certificates appear; the attendance sheet is also saved with the keyboard alone.
 */
describe('browser: a trainer', () => {
  let stack: BrowserStack;
  let trainer: Person;
  let course: TestCourse;

  beforeAll(async () => {
    stack = await startBrowserStack('browser-staff-trainer');
    trainer = await createTrainer(stack.api.app);
    await stack.api.app.get(DataSource).query(`UPDATE users SET name = 'Mirjam Trainer' WHERE id = $1`, [trainer.user.id]);
    course = await createCourse(stack.api, trainer, { slug: 'het-eerste-gesprek', title: 'Het eerste gesprek', format: 'live', status: 'published' });
  }, 90_000);
  afterAll(() => stack?.close());

  const main = (page: Page) => textOf(page.getByRole('main'));
  const submit = async (page: Page, button: string) => {
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button, exact: true }).click()]);
  };
  /** The attendance form of meeting n (its fieldset's legend starts "Bijeenkomst n:"). */
  const sheet = (page: Page, n: number) => page.locator('form', { has: page.getByRole('group', { name: new RegExp(`^Bijeenkomst ${n}:`) }) });

  it('plans a two-meeting session, confirms a waitlisted learner by hand, marks attendance for both meetings at 768 px, and the certificates appear', async () => {
    const { page } = await stack.newPage(TABLET);
    await signIn(page, trainer.user.email, TEST_PASSWORD);

    // "Mijn sessies" → "Nieuwe sessie": two meetings, a week and two weeks from now.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn sessies' }).click();
    await page.waitForURL('**/trainer');
    expect(await main(page)).toContain('Je hebt nog geen komende sessies.');
    await page.getByRole('link', { name: 'Nieuwe sessie' }).click();
    await page.waitForURL('**/trainer/sessions/new');
    await page.getByLabel('Cursus *').selectOption({ label: 'Het eerste gesprek' });
    const first = page.getByRole('group', { name: 'Bijeenkomst 1' });
    await first.getByLabel('Datum').fill(amsterdamDate(new Date(Date.now() + 7 * DAY)));
    await first.getByLabel('Begintijd').fill('09:30');
    await first.getByLabel('Eindtijd').fill('12:00');
    await submit(page, 'Nog een bijeenkomst');
    const second = page.getByRole('group', { name: 'Bijeenkomst 2' });
    await second.getByLabel('Datum').fill(amsterdamDate(new Date(Date.now() + 14 * DAY)));
    await second.getByLabel('Begintijd').fill('09:30');
    await second.getByLabel('Eindtijd').fill('12:00');
    await page.getByLabel('Plaats (adres of zaal)').fill('Buurthuis De Schakel, Utrecht');
    await page.getByLabel('Aantal plaatsen *').fill('2');
    await submit(page, 'Sessie plannen');
    expect(await main(page)).toContain('De sessie is gepland.');
    const sessionPath = new URL(page.url()).pathname;
    const sessionId = sessionPath.split('/').pop() as string;
    expect(sessionPath).toMatch(/^\/trainer\/sessions\/[0-9a-f-]{36}$/);
    expect((await sessionState(stack.api.app, sessionId)).session).toMatchObject({ capacity: 2, status: 'scheduled' });

    // Three learners enrol (through the API, as the course page does): the third waits.
    const [anna, bram, cor] = await Promise.all(['Anna de Vries', 'Bram Jansen', 'Cor de Wit'].map((name) => createPerson(stack.api.app, { name })));
    const enrolments = new Map<Person, string>();
    for (const learner of [anna, bram, cor]) enrolments.set(learner, await enrol(stack.api, learner, course.id, sessionId));
    await page.getByRole('link', { name: 'Terug naar mijn sessies' }).first().click();
    await page.waitForURL('**/trainer');
    expect(await main(page)).toMatch(/Komende sessies.*Het eerste gesprek.*2 van 2 plaatsen bezet.*1 op de wachtlijst/);
    await screenshot(page, 'trainer-sessions');

    // The day before: Bram drops out. Inside the promotion cutoff nobody moves up by themselves.
    await firstMeetingWithinADay(stack.api.app, sessionId);
    expect((await stack.api.http().post(`/api/enrolments/${enrolments.get(bram)}/cancel`).set(bram.auth)).status).toBe(200);
    expect((await sessionState(stack.api.app, sessionId)).waitlisted).toHaveLength(1);

    await page.getByRole('link', { name: 'Het eerste gesprek' }).first().click();
    await page.waitForURL(`**${sessionPath}`);
    expect(await textOf(page.locator('section', { has: page.getByRole('heading', { name: 'Wachtlijst' }) }))).toContain('Plek 1: Cor de Wit');
    expect(await main(page)).toContain('Deze bijeenkomst is nog niet begonnen.');
    await submit(page, 'Bevestigen: Cor de Wit');
    expect(await main(page)).toContain('Bevestigd: deze persoon heeft nu een plaats');
    expect(await textOf(page.locator('section', { has: page.getByRole('heading', { name: 'Deelnemers' }) }))).toMatch(/Anna de Vries.*Cor de Wit/);
    expect((await sessionState(stack.api.app, sessionId)).confirmed.map((e) => e.user_id).sort()).toEqual([anna.user.id, cor.user.id].sort());

    // Both meetings have begun: the sheets open, one per meeting, a large row per person.
    await allMeetingsStarted(stack.api.app, sessionId);
    await page.reload();
    for (const n of [1, 2]) {
      const form = sheet(page, n);
      await form.getByLabel('Anna de Vries').check();
      await form.getByLabel('Cor de Wit').check();
      const row = await form.locator('label.schakel-choice').first().boundingBox();
      expect(row?.height).toBeGreaterThanOrEqual(44);
      if (n === 2) await screenshot(page, 'trainer-session-attendance');
      await Promise.all([page.waitForEvent('load'), form.getByRole('button', { name: 'Aanwezigheid opslaan' }).click()]);
      expect(await main(page)).toContain('De aanwezigheid is opgeslagen.');
      await expectNoHorizontalScroll(page, `attendance sheet ${n} saved`);
    }
    const present = await stack.api.app.get(DataSource).query(
      `SELECT count(*)::int AS n FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id WHERE e.session_id = $1 AND a.present`,
      [sessionId],
    );
    expect(present).toEqual([{ n: 4 }]);

    // The worker makes both certificates; Anna sees hers.
    await waitFor(
      () => stack.api.app.get(DataSource).query(`SELECT user_id FROM certificates WHERE course_id = $1 AND state = 'issued'`, [course.id]) as Promise<unknown[]>,
      (rows) => rows.length === 2,
      { timeoutMs: 30_000, intervalMs: 250, what: "Anna's and Cor's certificates" },
    );
    const learner = await stack.newPage(TABLET);
    await signIn(learner.page, anna.user.email, TEST_PASSWORD);
    await learner.page.goto('/me/certificates');
    const certificates = await main(learner.page);
    expect(certificates).toContain('Het eerste gesprek');
    expect(certificates).toContain('Geldig');
    expect(await learner.page.getByRole('link', { name: /Download PDF/ }).count()).toBe(1);
  });

  it('saves the attendance sheet with the keyboard alone (Tab, Space, Enter), the focus visible at every step', async () => {
    const other = await createTrainer(stack.api.app);
    const keyboardCourse = await createCourse(stack.api, other, { title: 'Luisteren met aandacht', format: 'live', status: 'published' });
    const session = await scheduleSession(stack.api, other, keyboardCourse, { capacity: 4, inDays: 2 });
    const [els, fenna] = await Promise.all(['Els Bakker', 'Fenna Smit'].map((name) => createPerson(stack.api.app, { name })));
    const elsEnrolment = await enrol(stack.api, els, keyboardCourse.id, session.id);
    const fennaEnrolment = await enrol(stack.api, fenna, keyboardCourse.id, session.id);
    await meetingsHaveStarted(stack.api.app, session.id);

    const { page } = await stack.newPage(TABLET);
    await signIn(page, other.user.email, TEST_PASSWORD);
    await page.goto('/trainer');
    await activate(page, 'link', 'Luisteren met aandacht');
    // Meeting 1: Els was there, Fenna not.
    await tabTo(page, 'checkbox', /^Els Bakker/);
    await page.keyboard.press('Space');
    await activate(page, 'button', 'Aanwezigheid opslaan', 'Enter');
    expect(await main(page)).toContain('De aanwezigheid is opgeslagen.');
    // The page comes back at the sheet it saved (#meeting-…): past its button to meeting 2, where both were there.
    await tabTo(page, 'button', 'Aanwezigheid opslaan');
    await tabTo(page, 'checkbox', /^Els Bakker/);
    await page.keyboard.press('Space');
    await tabTo(page, 'checkbox', /^Fenna Smit/);
    await page.keyboard.press('Space');
    await activate(page, 'button', 'Aanwezigheid opslaan', 'Space');

    const [m1, m2] = session.meetings.map((m) => m.id);
    const rows = await stack.api.app.get(DataSource).query(
      `SELECT a.enrolment_id, a.meeting_id, a.present FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id WHERE e.session_id = $1`,
      [session.id],
    );
    const key = (r: { enrolment_id: string; meeting_id: string; present: boolean }) => `${r.meeting_id === m1 ? 1 : r.meeting_id === m2 ? 2 : '?'}:${r.enrolment_id === elsEnrolment ? 'els' : r.enrolment_id === fennaEnrolment ? 'fenna' : '?'}:${r.present}`;
    expect(rows.map(key).sort()).toEqual(['1:els:true', '1:fenna:false', '2:els:true', '2:fenna:true']);
  });
});
