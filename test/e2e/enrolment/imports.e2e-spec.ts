import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { waitFor } from '../../support/wait-for';
import { ImportRunner } from '@schakel/enrolment';
import { insertOnlineCourse } from '../../factories/course.factory';
import { insertLicence, licenceRow } from '../../factories/order.factory';
import { createTenant, type Tenant } from '../../factories/organisation.factory';

/**
 * 1,000 rows: 10 bad ones at known places; rows 1–8 also enrol in a course whose licence has 5
 * seats (row 7 is bad, so 1–5 get a seat and 6 and 8 do not); row 2 is a member already; row 3's
 * name is a spreadsheet formula.
 */
function file(courseId: string, existingEmail: string): { csv: string; bad: Map<number, string> } {
  const bad = new Map<number, string>();
  const lines = ['email,name,chainRoles,courseId,sessionId'];
  for (let row = 1; row <= 1000; row += 1) {
    let email = `import-${row}@voorbeeldstad.test`;
    let name = `Deelnemer ${row}`;
    let roles = row % 2 ? 'first-conversation' : 'first-conversation;coordinator';
    if (row % 100 === 7 && row <= 700) { email = `geen-adres-${row}`; bad.set(row, 'bad e-mail'); }
    if (row === 150 || row === 250) { roles = 'wethouder'; bad.set(row, 'unknown chain role wethouder'); }
    if (row === 999) { name = ''; bad.set(row, 'name missing'); }
    if (row === 2) email = existingEmail;
    if (row === 3) name = '=HYPERLINK("http://evil.test","klik")';
    lines.push([email, name, roles, row <= 8 ? courseId : '', ''].map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));
  }
  return { csv: `${lines.join('\n')}\n`, bad };
}

describe('bulk import as a job with progress', () => {
  let dropDatabase: () => Promise<void>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let tenant: Tenant;

  beforeAll(async () => {
    dropDatabase = await isolateRun('imp');
    api = await startApi();
    worker = await startWorker();
    tenant = await createTenant(api.app, 'Gemeente Voorbeeldstad');
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await dropDatabase?.();
  });

  const upload = (csv: string, dryRun: boolean) =>
    api.http().post(`/api/organisations/${tenant.organisation.id}/imports?dryRun=${dryRun}`).set(tenant.admin.auth).set('Content-Type', 'text/csv').send(csv);
  const finished = (id: string) =>
    waitFor(async () => (await api.http().get(`/api/organisations/${tenant.organisation.id}/imports/${id}`).set(tenant.admin.auth)).body,
      (s) => s.state === 'done', { what: `import ${id} done`, timeoutMs: 150_000 });
  const db = () => api.app.get(DataSource);
  const memberCount = async () =>
    ((await db().query(`SELECT count(*)::int AS n FROM memberships WHERE organisation_id = $1`, [tenant.organisation.id])) as Array<{ n: number }>)[0].n;

  it('dry run, real run with progress, exact per-row results, formula escaping, and an idempotent re-upload', async () => {
    const course = await insertOnlineCourse(api.app, { access: 'by-organisation' });
    const licenceId = await insertLicence(api.app, { organisationId: tenant.organisation.id, courseId: course.id, seats: 5 });
    const { csv, bad } = file(course.id, tenant.learner.user.email);
    expect(bad.size).toBe(10);

    const dry = await upload(csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body.rows).toHaveLength(1000);
    expect(dry.body.counts).toEqual({ 'will-be-invited': 987, 'already-member': 1, invalid: 10, 'no-seat-left': 2 });
    expect(dry.body.emailsToSend).toBe(987);
    for (const [row, problem] of bad) expect(dry.body.rows[row - 1]).toMatchObject({ row, outcome: 'invalid', problem });
    expect([dry.body.rows[5].outcome, dry.body.rows[7].outcome]).toEqual(['no-seat-left', 'no-seat-left']);
    expect(dry.body.rows[1].outcome).toBe('already-member');
    // a dry run changes nothing
    expect(await licenceRow(api.app, licenceId)).toMatchObject({ used: 0 });
    expect(await memberCount()).toBe(3);

    const started = await upload(csv, false);
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ id: expect.any(String), state: 'queued' });
    const status = await finished(started.body.id);
    expect(status).toMatchObject({ total: 1000, done: 1000, percent: 100 });
    expect(status.counts).toEqual({ added: 983, enrolled: 5, failed: 12 });

    const result = await api.http().get(`/api/organisations/${tenant.organisation.id}/imports/${started.body.id}/result.csv`).set(tenant.admin.auth);
    expect(result.headers['content-type']).toContain('text/csv');
    const lines = result.text.trim().split('\n');
    expect(lines[0]).toBe('row,email,name,outcome,problem');
    expect(lines).toHaveLength(1001);
    for (const [row, problem] of bad) expect(lines[row]).toMatch(new RegExp(`^${row},.*,failed,${problem}$`));
    expect(lines[3]).toBe(`3,import-3@voorbeeldstad.test,"'=HYPERLINK(""http://evil.test"",""klik"")",enrolled,`);
    for (const row of [1, 2, 4, 5]) expect(lines[row]).toMatch(/,enrolled,$/);
    for (const row of [6, 8]) expect(lines[row]).toMatch(/,failed,no seats left on this licence$/);
    expect(lines[9]).toBe('9,import-9@voorbeeldstad.test,Deelnemer 9,added,');
    expect(await licenceRow(api.app, licenceId)).toEqual({ seats: 5, used: 5, enrolments: 5 });
    const members = await memberCount();
    expect(members).toBe(3 + 983 + 6);
    const [{ n: invitations }] = await db().query(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'member.invited'`);
    expect(invitations).toBe(983 + 6);
    const [roles] = await db().query(
      `SELECT m.chain_roles FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 AND u.email = 'import-10@voorbeeldstad.test'`,
      [tenant.organisation.id],
    );
    expect(roles.chain_roles).toEqual(['first-conversation', 'coordinator']);

    // the same file again changes nothing
    const again = await upload(csv, false);
    const second = await finished(again.body.id);
    expect(second.counts).toEqual({ 'already-member': 983, 'already-enrolled': 5, failed: 12 });
    expect(await memberCount()).toBe(members);
    const [{ n: invitationsAgain }] = await db().query(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'member.invited'`);
    expect(invitationsAgain).toBe(invitations);
    expect(await licenceRow(api.app, licenceId)).toEqual({ seats: 5, used: 5, enrolments: 5 });
  }, 400_000); // two runs of 1,000 rows on a machine shared with the other suites

  it('a retried or doubled job adds no person, membership, invitation or seat twice, and the licence never seats more than bought', async () => {
    const course = await insertOnlineCourse(api.app, { access: 'by-organisation' });
    const licenceId = await insertLicence(api.app, { organisationId: tenant.organisation.id, courseId: course.id, seats: 250 });
    const lines = ['email,name,chainRoles,courseId,sessionId'];
    for (let row = 1; row <= 450; row += 1) lines.push(`retry-${row}@voorbeeldstad.test,Herhaling ${row},coordinator,${course.id},`);
    const started = await upload(`${lines.join('\n')}\n`, false);
    const status = await finished(started.body.id);
    expect(status.counts).toEqual({ enrolled: 250, failed: 200 });
    const people = `SELECT count(*)::int AS n FROM users WHERE email LIKE 'retry-%'`;
    const invited = `SELECT count(*)::int AS n FROM outbox_events o JOIN users u ON u.id = (o.payload->>'userId')::uuid
                      WHERE o.topic = 'member.invited' AND u.email LIKE 'retry-%'`;
    const before = { people: (await db().query(people))[0].n, members: await memberCount(), invited: (await db().query(invited))[0].n };
    expect(before).toMatchObject({ people: 450, invited: 450 });

    // The job again, twice at once, as if BullMQ had retried it after the last two batches were lost
    // (their outcomes gone, their people and seats still there: worse than a real crash, where a batch commits whole).
    await db().query(`UPDATE imports SET state = 'running' WHERE id = $1`, [started.body.id]);
    await db().query(`UPDATE import_rows SET outcome = NULL, problem = NULL WHERE import_id = $1 AND row > 200`, [started.body.id]);
    const runner = worker.get(ImportRunner);
    await Promise.all([runner.process(started.body.id), runner.process(started.body.id)]);

    const again = await finished(started.body.id);
    expect(again.counts).toEqual({ enrolled: 200, 'already-enrolled': 50, failed: 200 });
    expect({ people: (await db().query(people))[0].n, members: await memberCount(), invited: (await db().query(invited))[0].n }).toEqual(before);
    expect(await licenceRow(api.app, licenceId)).toEqual({ seats: 250, used: 250, enrolments: 250 });
    const [{ n: finishedEntries }] = await db().query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'import.finished' AND subject_id = $1`, [started.body.id]);
    expect(finishedEntries).toBe(2); // the first run's and the retry's; the doubled job finished second and added none
  }, 120_000);

  it("another organisation's admin gets 404 on the import and its result", async () => {
    const other = await createTenant(api.app);
    const started = await upload('email,name\nx@voorbeeldstad.test,X\n', false);
    for (const path of [`/imports/${started.body.id}`, `/imports/${started.body.id}/result.csv`]) {
      expect((await api.http().get(`/api/organisations/${tenant.organisation.id}${path}`).set(other.admin.auth)).status).toBe(404);
      expect((await api.http().get(`/api/organisations/${other.organisation.id}${path}`).set(other.admin.auth)).status).toBe(404);
    }
  });
});
