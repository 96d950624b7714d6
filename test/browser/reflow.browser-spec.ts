import type { BrowserContextOptions } from 'playwright-core';
import { insertCertificate } from '../factories/certificate.factory';
import { enrol } from '../factories/enrolment.factory';
import { addMember, createOrganisation } from '../factories/organisation.factory';
import { createPerson, TEST_PASSWORD, type Person } from '../factories/person.factory';
import { signIn } from './support/people';
import { expectNoHorizontalScroll, TABLET, ZOOM_200, ZOOM_400 } from './support/reflow';
import { startBrowserStack, type BrowserStack } from './support/stack';
import { buildWorld, type World } from './support/world';

const DAY = 86_400_000;

/**
 * Issue 12, proof: on a 768 px wide tablet and at 200 % zoom (a 1280 px window zoomed: 640 CSS
 * pixels at two device pixels each) the main pages need no sideways scrolling; nor at 400 %
 * (320 px), which WCAG's reflow criterion asks.
 */
describe('browser: no horizontal scrolling at 768 px, at 200 % and at 400 % zoom', () => {
  let stack: BrowserStack;
  let world: World;
  let learner: Person;
  let signedIn: Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>;
  let certificateCode: string;
  let moduleId: string;

  beforeAll(async () => {
    stack = await startBrowserStack('browser-reflow');
    world = await buildWorld(stack.api);
    learner = await createPerson(stack.api.app, { name: 'Wilhelmina van der Heijden-Oosterbroek' });
    await addMember(stack.api.app, await createOrganisation(stack.api.app, 'Stichting Welzijn Voorbeeldstad'), learner, ['learner'], ['first-conversation', 'deeper-conversation']);
    moduleId = await enrol(stack.api, learner, world.online.id);
    await enrol(stack.api, learner, world.live.id, world.liveSession.id);
    certificateCode = (await insertCertificate(stack.api.app, { userId: learner.user.id, courseId: world.blended.id, expiresAt: new Date(Date.now() + 400 * DAY) })).code;
    const { context, page } = await stack.newPage();
    await signIn(page, learner.user.email, TEST_PASSWORD);
    signedIn = await context.storageState();
    await context.close();
  }, 90_000);
  afterAll(() => stack?.close());

  const VISITOR_PAGES = ['/', '/courses', '/courses/het-eerste-gesprek', '/learning-paths/first-conversation', '/login', '/register', '/forgot-password', '/verify'];
  const learnerPages = () => [
    '/me',
    '/me/trainings',
    `/learn/${moduleId}`,
    `/learn/${moduleId}?step=quiz`,
    '/me/certificates',
    '/me/settings',
    '/courses/het-verdiepende-gesprek',
    `/verify/${certificateCode}`,
  ];

  const noSidewaysScrolling = async (profile: string, options: BrowserContextOptions) => {
    const problems: string[] = [];
    const check = async (storageState: typeof signedIn | undefined, paths: string[]) => {
      const { page } = await stack.newPage({ ...options, ...(storageState ? { storageState } : {}) });
      for (const path of paths) {
        await page.goto(path);
        await expectNoHorizontalScroll(page, profile).catch((error: Error) => problems.push(error.message));
      }
    };
    await check(undefined, VISITOR_PAGES);
    await check(signedIn, learnerPages());
    if (problems.length > 0) throw new Error(problems.join('\n'));
  };

  it('on a tablet, 768 px wide', () => noSidewaysScrolling('768 px', TABLET));

  it('at 200 % zoom', () => noSidewaysScrolling('200 % zoom', ZOOM_200));

  it('at 400 % zoom too (320 px, WCAG reflow)', () => noSidewaysScrolling('400 % zoom', ZOOM_400));
});
