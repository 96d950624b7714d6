import { startApi, type TestApi } from '../../support/app';
import { asPageActor, mountsOf, routesOf } from '../../support/page-actors';
import { pageText } from '../../support/page-client';
import type { Person } from '../../factories/person.factory';
import { buildWorld, type World } from '../../factories/two-organisations.factory';
import { isExempt, ROUTE_ROWS } from '../access/route-matrix.rows';

const STAFF = /^\/(trainer|org|admin)(\/|$)/;
const area = (path: string) => STAFF.exec(path)![1] as 'trainer' | 'org' | 'admin';

interface StaffPage {
  route: string;
  /** The route with its parameters filled with organisation B's records (the route matrix's rows). */
  path: string;
  namesARecord: boolean;
}

/**
 * Issue 13's access proof: every staff page (every GET route under /trainer, /org and /admin
 * the router serves, and the queue dashboard mounted under /admin) walked with each role.
 * The list comes from the router, so a new staff page is walked without touching this file;
 * its parameters are filled from the route matrix's rows (a new route with a parameter needs
 * a row there anyway). A learner and another organisation's admin get "Niet gevonden" on every
 * one; the other organisation's trainer on every Beheer and organisation page and on every
 * trainer page that names B's record; B's own people open them (the control).
 */
describe('web: every staff page answers "niet gevonden" to a learner and to another organisation', () => {
  let api: TestApi;
  let world: World;
  let pages: StaffPage[];
  let unfilled: string[];

  beforeAll(async () => {
    api = await startApi();
    world = await buildWorld(api);
    const routes = routesOf(api)
      .filter((route) => route.startsWith('GET ') && STAFF.test(route.slice(4)))
      .concat(mountsOf(api).filter((path) => STAFF.test(path)).map((path) => `GET ${path}`));
    unfilled = [];
    pages = routes.flatMap((route): StaffPage[] => {
      const pattern = route.slice(4);
      if (!pattern.includes('/:')) return [{ route, path: pattern, namesARecord: false }];
      const row = ROUTE_ROWS[route];
      if (!row || isExempt(row)) {
        unfilled.push(route);
        return [];
      }
      return [{ route, path: row.paths(world)[0], namesARecord: true }];
    });
  }, 120_000);
  afterAll(() => api.close());

  async function walk(actor: Person, which: (page: StaffPage) => boolean): Promise<string[]> {
    const wrong: string[] = [];
    for (const page of pages.filter(which)) {
      const response = await asPageActor(api, 'get', page.path, actor);
      const text = pageText(response.text ?? '');
      if (response.status !== 404 || !text.includes('Niet gevonden')) wrong.push(`${page.route} (${page.path}): ${response.status} ${text.slice(0, 100)}`);
      for (const secret of [world.b.organisation.name, world.b.learner.user.name, world.b.learner.user.email, world.b.author.user.name]) {
        if (response.text?.includes(secret)) wrong.push(`${page.route} shows "${secret}"`);
      }
    }
    return wrong;
  }

  it('takes every staff page from the router: trainer, organisation and Beheer pages, the queue dashboard, each parameter filled', () => {
    expect(unfilled).toEqual([]);
    const paths = pages.map((p) => p.route);
    for (const prefix of ['GET /trainer', 'GET /org/:orgId', 'GET /admin']) expect(paths.filter((r) => r.startsWith(prefix)).length).toBeGreaterThan(2);
    expect(paths).toContain('GET /admin/queues');
    expect(paths).toEqual(expect.arrayContaining(['GET /trainer/sessions/:id', 'GET /trainer/courses/:id/quiz', 'GET /org/:orgId/members/:userId', 'GET /admin/orders/:orderId']));
  });

  it('answers "Niet gevonden" (404) on every staff page to a learner of A and to a learner of B', async () => {
    expect(await walk(world.a.learner, () => true)).toEqual([]);
    expect(await walk(world.b.learner, () => true)).toEqual([]);
  });

  it("answers \"Niet gevonden\" (404) on every staff page to A's admin", async () => {
    expect(await walk(world.a.admin, () => true)).toEqual([]);
  });

  it("answers \"Niet gevonden\" (404) to A's trainer on every Beheer and organisation page, and on every trainer page naming B's record", async () => {
    expect(await walk(world.a.trainer, (page) => area(page.path) !== 'trainer' || page.namesARecord)).toEqual([]);
  });

  it("opens every staff page for B's own people (the control): B's trainer, B's admin, the platform admin", async () => {
    const owner = { trainer: world.b.author, org: world.b.admin, admin: world.platformAdmin };
    const notOpened: string[] = [];
    for (const page of pages) {
      const response = await asPageActor(api, 'get', page.path, owner[area(page.path)]);
      if (response.status !== 200) notOpened.push(`${page.route} (${page.path}): ${response.status} ${pageText(response.text ?? '').slice(0, 100)}`);
    }
    expect(notOpened).toEqual([]);
  });

  it('sends a visitor to sign in first, on every staff page', async () => {
    const wrong: string[] = [];
    for (const page of pages) {
      const response = await api.http().get(page.path).set('Accept', 'text/html');
      if (response.status !== 303 || !String(response.headers.location).startsWith('/login')) wrong.push(`${page.route}: ${response.status} ${response.headers.location ?? ''}`);
    }
    expect(wrong).toEqual([]);
  });
});
