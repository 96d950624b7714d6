import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/app';
import { insertCourse } from '../../factories/course.factory';
import { addMember, createTenant, createTrainer, type Tenant } from '../../factories/organisation.factory';
import { scheduleSession, sessionState } from '../../factories/session.factory';

describe('bulk enrolment from a CSV by an org admin', () => {
  let api: TestApi;
  let tenant: Tenant;

  beforeAll(async () => {
    api = await startApi();
    tenant = await createTenant(api.app, 'Welzijn Bulkstad');
  });
  afterAll(() => api.close());

  const post = (csv: string, auth = tenant.admin.auth, query = '') =>
    api.http().post(`/api/enrolments/bulk${query}`).set(auth).set('Content-Type', 'text/csv').send(csv);

  it('enrols every good row in file order, adds new people as members, and says why the bad rows failed', async () => {
    const trainer = await createTrainer(api.app);
    const live = await insertCourse(api.app, { author: trainer, format: 'live' });
    const online = await insertCourse(api.app, { author: trainer, format: 'online' });
    const session = await scheduleSession(api, trainer, live, { capacity: 2 });
    const t = Date.now();
    const csv = [
      'email,name,courseId,sessionId',
      `eerste-${t}@example.nl,Eerste Vrijwilliger,${live.id},${session.id}`,
      `tweede-${t}@example.nl,Tweede Vrijwilliger,${live.id},${session.id}`,
      `derde-${t}@example.nl,Derde Vrijwilliger,${live.id},${session.id}`,
      `${tenant.learner.user.email},Bestaand Lid,${online.id},`,
      `geen-email,Fout Adres,${online.id},`,
      `vierde-${t}@example.nl,Vierde,00000000-0000-4000-8000-000000000000,`,
      `eerste-${t}@example.nl,Eerste Vrijwilliger,${live.id},${session.id}`,
    ].join('\n');
    const response = await post(csv);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ organisationId: tenant.organisation.id, total: 7, enrolled: 5, failed: 2 });
    const rows = response.body.rows as Array<{ row: number; outcome: string; status?: string; waitlistPosition?: number; error?: { statusCode: number } }>;
    expect(rows.map((r) => [r.row, r.outcome, r.status ?? r.error?.statusCode])).toEqual([
      [1, 'enrolled', 'confirmed'],
      [2, 'enrolled', 'confirmed'],
      [3, 'enrolled', 'waitlisted'],
      [4, 'enrolled', 'active'],
      [5, 'failed', 400],
      [6, 'failed', 404],
      [7, 'already-enrolled', 'confirmed'],
    ]);
    expect(rows[2].waitlistPosition).toBe(1);

    const state = await sessionState(api.app, session.id);
    expect(state.confirmed).toHaveLength(2);
    expect(state.positions).toEqual([1]);
    const [{ n }] = await api.app.get(DataSource).query(
      `SELECT count(*)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 AND u.email LIKE $2`,
      [tenant.organisation.id, `%-${t}@example.nl`],
    );
    expect(n).toBe(4); // eerste, tweede, derde and vierde (added before its course was found missing)
  });

  it('refuses a file without the needed header, and JSON instead of CSV (400)', async () => {
    const noHeader = await post('a@example.nl,A,x,y');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.details[0].field).toBe('body');
    const json = await api.http().post('/api/enrolments/bulk').set(tenant.admin.auth).send({ email: 'a@example.nl' });
    expect(json.status).toBe(400);
  });

  it('books each row to the organisation the request names, not to another one the admin shares with the person', async () => {
    // The admin administers two organisations; the learner belongs to both; the first one is older.
    const second = await createTenant(api.app, 'Gemeente Tweede');
    await addMember(api.app, second.organisation, tenant.admin, ['org-admin']);
    await addMember(api.app, second.organisation, tenant.learner, ['learner']);
    const trainer = await createTrainer(api.app);
    const online = await insertCourse(api.app, { author: trainer, format: 'online' });
    const response = await post(`email,name,courseId\n${tenant.learner.user.email},Lid Van Twee,${online.id}`, tenant.admin.auth, `?organisationId=${second.organisation.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ organisationId: second.organisation.id, enrolled: 1, failed: 0 });
    const [row] = await api.app.get(DataSource).query(`SELECT organisation_id FROM enrolments WHERE id = $1`, [response.body.rows[0].enrolmentId]);
    expect(row.organisation_id).toBe(second.organisation.id);
  });

  it('is for org admins of that organisation only', async () => {
    const other = await createTenant(api.app);
    const csv = 'email,name,courseId\nx@example.nl,X,00000000-0000-4000-8000-000000000000';
    expect((await post(csv, tenant.learner.auth, `?organisationId=${tenant.organisation.id}`)).status).toBe(403);
    expect((await post(csv, other.admin.auth, `?organisationId=${tenant.organisation.id}`)).status).toBe(404);
    expect((await post(csv, tenant.learner.auth)).status).toBe(400);
  });
});
