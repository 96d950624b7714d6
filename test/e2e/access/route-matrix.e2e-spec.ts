import { startApi, TestApi } from '../../support/app';
import { asPageActor, isNotFoundPage, routesOf } from '../../support/page-actors';
import { pageText } from '../../support/page-client';
import type { Person } from '../../factories/person.factory';
import { isExempt, ROUTE_ROWS, type Method, type Row } from './route-matrix.rows';
import { buildWorld, type World } from '../../factories/two-organisations.factory';

const takesAnId = (route: string) => route.includes('/:');

let built: World | undefined;
const world = (): World => built ?? (() => { throw new Error('no world yet'); })();

function send(api: TestApi, row: Row, route: string, path: string, actor: Person, body = row.body?.(world())) {
  const method = route.split(' ')[0].toLowerCase() as Method;
  if (row.call) return row.call(api, method, path, actor, body);
  const request = api.http()[method](path).set(actor.auth);
  if (body === undefined) return request;
  return typeof body === 'string' ? request.set('Content-Type', row.contentType ?? 'text/plain').send(body) : request.send(body);
}

/**
 * The route matrix, generated from the router: every route that takes an id, called by
 * organisation A's member, trainer and admin with organisation B's record → 404, the same
 * answer as for a record that does not exist, and nothing of B in it. The table of how to
 * name B's record per route is `route-matrix.rows.ts`; a route without a row fails here by name.
 */
describe('route matrix: every route with an id, A’s people against B’s records', () => {
  let api: TestApi;
  let routes: string[];

  beforeAll(async () => {
    api = await startApi();
    built = await buildWorld(api);
    routes = routesOf(api);
  }, 120_000);
  afterAll(() => api.close());

  it('has a row for every route of the router that takes an id, and none for a route that is gone', () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((route) => takesAnId(route) && !(route in ROUTE_ROWS))).toEqual([]);
    expect(Object.keys(ROUTE_ROWS).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('answers A’s member, trainer and admin 404 on B’s records (403 only where every id is refused alike), with nothing of B', async () => {
    const { a, b } = world();
    const secrets = [b.organisation.name, b.admin.user.email, b.learner.user.email, b.learner.user.name, b.author.user.name, b.waiting.user.email];
    const wrong: string[] = [];
    for (const [route, row] of Object.entries(ROUTE_ROWS)) {
      if (isExempt(row)) continue;
      const calls = [
        ...row.paths(world()).flatMap((path) => (['member', 'trainer', 'admin'] as const).map((role) => ({ path, role }))),
        ...(row.throughA?.(world()) ?? []).map((path) => ({ path, role: 'admin' as const })),
      ];
      for (const { path, role } of calls) {
        const actor = { member: a.learner, trainer: a.trainer, admin: a.admin }[role];
        const response = await send(api, row, route, path, actor);
        if (row.page) {
          // Pages: the "niet gevonden" page, the same as for a page that does not exist.
          if (!isNotFoundPage(response)) wrong.push(`${route} as A's ${role} (${path}): ${response.status} ${pageText(response.text ?? '').slice(0, 160)}`);
        } else {
          const expected = row.refusedToAll ? 403 : 404;
          if (response.status !== expected) wrong.push(`${route} as A's ${role} (${path}): ${response.status} ${JSON.stringify(response.body).slice(0, 120)}`);
          if (row.refusedToAll && response.body.message !== 'Only platform administrators may do this') wrong.push(`${route}: refused after reading the record`);
        }
        const text = `${response.text ?? ''}${JSON.stringify(response.body ?? '')}`;
        for (const secret of secrets) if (text.includes(secret)) wrong.push(`${route} as A's ${role} shows "${secret}"`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('shows A’s people a public course page without B’s in-company session on it; B’s learner sees it (the control)', async () => {
    const { a, b } = world();
    const path = `/courses/${b.liveSlug}`;
    for (const actor of [a.learner, a.trainer, a.admin]) {
      const page = await asPageActor(api, 'get', path, actor);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain(b.sessionId);
      expect(page.text).not.toContain(b.organisation.name);
    }
    expect((await asPageActor(api, 'get', path, b.learner)).text).toContain(b.sessionId);
  });

  it('answers A’s admin enrolling B’s person on A’s own page as it answers a made-up person (nothing told about B’s)', async () => {
    const { a, b } = world();
    const answer = async (member: string) => {
      const response = await asPageActor(api, 'post', `/org/${a.organisation.id}/enrol`, a.admin, { enrolMember: member, enrolChoice: b.online.id });
      return { status: response.status, text: pageText(response.text).replace(/\s+/g, ' ') };
    };
    const madeUp = await answer('00000000-0000-4000-8000-000000000000');
    for (const member of [b.learner.user.id, b.waiting.user.id]) {
      const real = await answer(member);
      expect(real.status).toBe(madeUp.status);
      expect(real.text).toBe(madeUp.text);
    }
  });

  it('leaves B’s records as they were', async () => {
    const { b } = world();
    const members = await api.http().get(`/api/organisations/${b.organisation.id}/members`).set(b.admin.auth);
    expect(members.body.items.find((m: { userId: string }) => m.userId === b.learner.user.id)).toMatchObject({ chainRoles: ['first-conversation'], status: 'active' });
    const session = await api.http().get(`/api/sessions/${b.sessionId}`).set(b.learner.auth);
    expect(session.body).toMatchObject({ status: 'scheduled', capacity: 1, confirmedCount: 1, waitlistCount: 1 });
    expect((await api.http().get(`/api/enrolments/${b.confirmedEnrolmentId}`).set(b.learner.auth)).body.status).toBe('confirmed');
    expect((await api.http().get(`/api/orders/${b.requestedOrderId}`).set(b.admin.auth)).body.state).toBe('requested');
    expect((await api.http().get(`/api/enrolments/${b.onlineEnrolmentId}`).set(b.learner.auth)).body).toMatchObject({ status: 'active', completedLessonIds: [] });
    expect((await api.http().get(`/api/courses/${b.draft.id}`).set(b.author.auth)).body).toMatchObject({ status: 'draft', prerequisiteIds: [] });
    expect((await api.http().get(`/api/courses/${b.draft.id}`).set(b.author.auth)).body.title).not.toBe('Overgenomen door A');
    expect((await api.http().get(`/api/courses/${b.draft.id}/lessons`).set(b.author.auth)).body.total).toBe(1);
    expect((await api.http().get(`/api/courses/${b.draft.id}/quiz`).set(b.author.auth)).body.questions[0].prompt).not.toBe('Vraag van A');
    expect((await api.http().get(`/api/invoices/${b.invoiceId}`).set(b.admin.auth)).body.paidAt).toBeNull();
    expect((await api.http().get(`/api/certificates/${b.certificateId}`).set(b.admin.auth)).body.status).toBe('valid');
  });

  it('answers B’s own people (the control): B’s records are real and reachable, so A’s 404 means “not yours”', async () => {
    const notReached: string[] = [];
    for (const [route, row] of Object.entries(ROUTE_ROWS)) {
      if (isExempt(row) || !row.owner) continue;
      const path = row.paths(world())[0];
      const response = await send(api, row, route, path, row.owner(world()), (row.ownerBody ?? row.body)?.(world()));
      if (response.status === 404 || response.status >= 500) notReached.push(`${route} (${path}): ${response.status} ${(row.page ? pageText(response.text ?? '') : JSON.stringify(response.body)).slice(0, 120)}`);
    }
    expect(notReached).toEqual([]);
  });
});
