import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CertificateIssueService, CertificationEventConsumer, ChainReportRepository, ChainReportSummaryRepository, type ChainRoleCounts } from '@schakel/certification';
import { OutboxRelay } from '@schakel/jobs';
import { MaintenanceService } from '../../../apps/worker/src/maintenance.service';
import { ChainReportSummary1795449400000 } from '../../../migrations/1795449400000-ChainReportSummary';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { daysFromNow } from '../../support/values';
import { waitFor } from '../../support/wait-for';
import { insertCertificate, waitForIssued } from '../../factories/certificate.factory';
import { completeCourse, completeEnrolment } from '../../factories/completion.factory';
import { insertCourse, insertOnlineCourse } from '../../factories/course.factory';
import { enrol, insertEnrolment } from '../../factories/enrolment.factory';
import { addMember, createTenant, type Tenant } from '../../factories/organisation.factory';
import { createPerson, createPlatformAdmin, type Person } from '../../factories/person.factory';
import { insertSessionIn, sessionEndedDaysAgo } from '../../factories/session.factory';

/**
 * The chain report reads a stored summary kept by the `chain-report` event consumer. After a
 * varied organisation is built and changed through the domain (members added, accepted,
 * re-roled and removed; online and session enrolments, cancelled and settled; certificates
 * issued by the worker, expiring in several months, expired, renewed and revoked), every
 * event delivered by the worker, the report equals the old computation over the source
 * tables exactly; so does a rebuild, and the migration's backfill.
 */
describe('chain report from its stored summary', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dropDatabase: () => Promise<void>;
  let tenant: Tenant;
  let other: Tenant;
  let platform: Person;

  beforeAll(async () => {
    dropDatabase = await isolateRun('chainsum');
    api = await startApi();
    worker = await startWorker();
    [tenant, other, platform] = await Promise.all([createTenant(api.app, 'Gemeente Samenvat'), createTenant(api.app), createPlatformAdmin(api.app)]);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await dropDatabase?.();
  });

  const data = () => api.app.get(DataSource);
  const org = () => tenant.organisation.id;
  const reports = () => api.app.get(ChainReportRepository);

  /** Relays until every event is handled by every consumer (bounded); none may be set aside. */
  async function deliverAll(): Promise<void> {
    await waitFor(
      async () => {
        await worker.get(OutboxRelay).relayDue();
        const [row] = await data().query(`SELECT count(*)::int AS n FROM outbox_events WHERE processed_at IS NULL AND dead_at IS NULL`);
        return (row as { n: number }).n;
      },
      (open) => open === 0,
      { what: 'every event handled', timeoutMs: 60_000 },
    );
    const [dead] = await data().query(`SELECT count(*)::int AS n, string_agg(last_error, '; ') AS errors FROM outbox_events WHERE dead_at IS NOT NULL`);
    expect(dead).toEqual({ n: 0, errors: null });
  }

  async function expectSummaryEqualsSource(organisationId: string): Promise<ChainRoleCounts[]> {
    const [fromSummary, fromSource] = await Promise.all([reports().countsFor(organisationId), reports().countsFromSource(organisationId)]);
    expect(fromSummary).toEqual(fromSource);
    return fromSource;
  }

  async function member(chainRoles: Parameters<typeof addMember>[4], into: Tenant = tenant): Promise<Person> {
    const person = await createPerson(api.app);
    await addMember(api.app, into.organisation, person, ['learner'], chainRoles);
    return person;
  }

  /** Through the API: an existing account is asked, and accepts (membership.changed). */
  async function invitedAndAccepted(chainRoles: string[]): Promise<Person> {
    const person = await createPerson(api.app);
    const added = await api.http().post(`/api/organisations/${org()}/members`).set(tenant.admin.auth)
      .send({ email: person.user.email, name: person.user.name, roles: ['learner'], chainRoles });
    expect(added.status).toBe(201);
    expect((await api.http().post(`/api/me/memberships/${org()}/accept`).set(person.auth)).status).toBeLessThan(300);
    return person;
  }

  it('equals the computation over the source tables after a sequence of changes delivered by the worker', async () => {
    const first = await insertOnlineCourse(api.app, { chainRoles: ['first-conversation'], validityMonths: 6 });
    const coordination = await insertOnlineCourse(api.app, { chainRoles: ['coordinator', 'first-conversation'], validityMonths: null });
    const intake = await insertOnlineCourse(api.app, { chainRoles: ['intake-referral'] });
    const draft = await insertOnlineCourse(api.app, { chainRoles: ['intake-referral'], status: 'draft' });
    const live = await insertCourse(api.app, { chainRoles: ['deeper-conversation'] });

    // Certificates expiring in several months, one renewed, one expired, one revoked (written directly: years would pass).
    for (const [i, days] of [20, 45, 75, 110, 140, 200, 250, 300].entries()) {
      const person = await member(i % 2 ? ['first-conversation', 'intake-referral'] : ['first-conversation']);
      await insertCertificate(api.app, { userId: person.user.id, courseId: first.id, validFrom: daysFromNow(days - 180), expiresAt: daysFromNow(days) });
    }
    const renewed = await member(['first-conversation']);
    await insertCertificate(api.app, { userId: renewed.user.id, courseId: first.id, validFrom: daysFromNow(-150), expiresAt: daysFromNow(30) });
    await insertCertificate(api.app, { userId: renewed.user.id, courseId: first.id, validFrom: daysFromNow(30), expiresAt: daysFromNow(210) });
    const lapsed = await member(['first-conversation', 'intake-referral']);
    await insertCertificate(api.app, { userId: lapsed.user.id, courseId: first.id, validFrom: daysFromNow(-400), expiresAt: daysFromNow(-40) });
    await insertCertificate(api.app, { userId: lapsed.user.id, courseId: draft.id, validFrom: daysFromNow(-10), expiresAt: null });
    await member([]);

    // Through the domain: members who accept, enrol online (open courses), complete (the worker issues), are re-roled.
    const learners = await Promise.all([1, 2, 3, 4].map(() => invitedAndAccepted(['first-conversation', 'coordinator'])));
    const enrolments = await Promise.all(learners.map((p) => enrol(api, p, coordination.id)));
    await enrol(api, learners[0], intake.id);
    const completionId = await completeCourse(api.app, learners[1].user.id, first.id);
    const forever = await completeEnrolment(api.app, enrolments[2]);
    const cancelled = await api.http().post(`/api/enrolments/${enrolments[3]}/cancel`).set(learners[3].auth).send({});
    expect(cancelled.status).toBeLessThan(300);
    const reroled = await api.http().patch(`/api/organisations/${org()}/members/${learners[0].user.id}`).set(tenant.admin.auth)
      .send({ chainRoles: ['intake-referral', 'coordinator'] });
    expect(reroled.status).toBe(200);

    // A member of both organisations, certified, then removed from this one; a revoked certificate.
    const both = await member(['first-conversation']);
    await addMember(api.app, other.organisation, both, ['learner'], ['first-conversation']);
    await insertCertificate(api.app, { userId: both.user.id, courseId: first.id, validFrom: daysFromNow(-10), expiresAt: daysFromNow(170) });
    expect((await api.http().delete(`/api/organisations/${org()}/members/${both.user.id}`).set(tenant.admin.auth)).status).toBeLessThan(300);
    const issued = await waitForIssued(api.app, completionId);
    await waitForIssued(api.app, forever);
    expect((await api.http().post(`/api/certificates/${issued.id}/revoke`).set(platform.auth).send({ reason: 'Ten onrechte' })).status).toBe(200);

    // Session enrolments (a seat, the line), then the session ends and the sweep settles both.
    const session = await insertSessionIn(api.app, live.id, 48, { capacity: 1 });
    const [seated, waiting] = await Promise.all([member(['deeper-conversation']), member(['deeper-conversation'])]);
    await enrol(api, seated, live.id, session.id);
    await enrol(api, waiting, live.id, session.id);
    await deliverAll();
    const before = await expectSummaryEqualsSource(org());
    expect(before.find((r) => r.chainRole === 'deeper-conversation')).toMatchObject({ assigned: 2, inProgress: 2 });

    await sessionEndedDaysAgo(api.app, session.id, 8);
    expect(await worker.get(MaintenanceService).sweep()).toMatchObject({ notAdmitted: 1, noShow: 1 });
    await deliverAll();

    const counts = await expectSummaryEqualsSource(org());
    await expectSummaryEqualsSource(other.organisation.id);
    // The organisation is varied enough to prove something: every kind of number occurs.
    const byRole = Object.fromEntries(counts.map((r) => [r.chainRole, r]));
    expect(byRole['deeper-conversation']).toMatchObject({ assigned: 2, inProgress: 0 });
    expect(byRole['first-conversation'].certified).toBeGreaterThan(5);
    expect(byRole['first-conversation'].inProgress).toBeGreaterThan(0);
    expect(byRole['first-conversation'].expiringSoon).toBeGreaterThan(0);
    expect(byRole['first-conversation'].expired).toBe(1);
    expect(byRole['first-conversation'].expiringByMonth.filter((n) => n > 0).length).toBeGreaterThanOrEqual(4);
    expect(byRole['intake-referral'].inProgress).toBe(1);
    expect(byRole.coordinator.certified).toBe(1);

    // The API answers from the summary: the same numbers.
    const response = await api.http().get(`/api/organisations/${org()}/reports/chain`).set(tenant.admin.auth);
    expect(response.status).toBe(200);
    expect(response.body.roles.map((r: { expiringByMonth: Array<{ count: number }> }) => ({ ...r, expiringByMonth: r.expiringByMonth.map((m) => m.count) }))).toEqual(counts);
  }, 180_000);

  it('gives the same rows when a refresh runs twice, and a rebuild restores a lost organisation', async () => {
    const rows = async () => data().query(`SELECT * FROM chain_report_members WHERE organisation_id = $1 ORDER BY chain_role, user_id`, [org()]);
    const stored = await rows();
    expect(stored.length).toBeGreaterThan(20);
    const summary = api.app.get(ChainReportSummaryRepository);
    const people = [...new Set((stored as Array<{ user_id: string }>).map((r) => r.user_id))];
    await Promise.all([summary.refreshPeople(people), summary.refreshPeople(people.slice().reverse())]);
    expect(await rows()).toEqual(stored);

    await data().query(`DELETE FROM chain_report_members WHERE organisation_id = $1`, [org()]);
    expect((await reports().countsFor(org())).every((r) => r.assigned === 0)).toBe(true);
    await summary.rebuildOrganisation(org());
    expect(await rows()).toEqual(stored);
    await expectSummaryEqualsSource(org());
  });

  it('counts a completion whose certificate could not be issued: the certification job refreshes before it fails', async () => {
    const course = await insertOnlineCourse(api.app, { chainRoles: ['intake-referral'] });
    const person = await member(['intake-referral'], other);
    const enrolmentId = await insertEnrolment(api.app, { userId: person.user.id, courseId: course.id, status: 'active' });
    await deliverAll();
    await worker.get(ChainReportSummaryRepository).rebuildOrganisation(other.organisation.id);
    const before = await expectSummaryEqualsSource(other.organisation.id);

    const completionId = await completeEnrolment(api.app, enrolmentId);
    const issue = jest.spyOn(worker.get(CertificateIssueService), 'issue').mockRejectedValueOnce(new Error('the disk is full'));
    try {
      const handle = worker.get(CertificationEventConsumer).handlers['course.completed']!;
      await expect(handle({ completionId, userId: person.user.id })).rejects.toThrow('the disk is full');
    } finally {
      issue.mockRestore();
    }
    // The enrolment is no longer open: the report says so although no certificate exists yet.
    expect(await expectSummaryEqualsSource(other.organisation.id)).not.toEqual(before);
    await deliverAll(); // the event's retry issues it
    await waitForIssued(api.app, completionId);
    await expectSummaryEqualsSource(other.organisation.id);
  });

  it('follows a course that is re-tagged, archived and published again (course.changed)', async () => {
    const course = await insertOnlineCourse(api.app, { chainRoles: ['deeper-conversation'] });
    await data().query(`INSERT INTO lessons (course_id, title, position) VALUES ($1, 'Luisteren', 0)`, [course.id]);
    const [holder, learner] = [await member(['deeper-conversation', 'coordinator'], other), await member(['deeper-conversation', 'coordinator'], other)];
    await insertCertificate(api.app, { userId: holder.user.id, courseId: course.id, validFrom: daysFromNow(-10), expiresAt: daysFromNow(300) });
    await insertEnrolment(api.app, { userId: learner.user.id, courseId: course.id, status: 'active' });
    await deliverAll();
    await worker.get(ChainReportSummaryRepository).rebuildOrganisation(other.organisation.id);
    const counts = async () => Object.fromEntries((await expectSummaryEqualsSource(other.organisation.id)).map((r) => [r.chainRole, r]));
    const before = await counts();
    expect(before.coordinator).toMatchObject({ certified: 0, inProgress: 0 });

    const edit = async (change: Record<string, unknown>) => {
      const response = await api.http().patch(`/api/courses/${course.id}`).set(platform.auth).send(change);
      expect(response.status).toBe(200);
      await deliverAll();
      return counts();
    };
    // Its certificate and its learner now count for coordination instead.
    const retagged = await edit({ chainRoles: ['coordinator'] });
    expect(retagged.coordinator).toMatchObject({ certified: 1, inProgress: 1 });
    expect(retagged['deeper-conversation']).toMatchObject({ certified: before['deeper-conversation'].certified - 1, inProgress: before['deeper-conversation'].inProgress - 1 });
    // An archived course counts for nobody; published again, it counts once more.
    expect((await edit({ status: 'archived' })).coordinator).toMatchObject({ certified: 0, inProgress: 0 });
    expect((await edit({ status: 'published' })).coordinator).toMatchObject({ certified: 1, inProgress: 1 });
    // A change the report does not read (the title) writes no event.
    const [{ n }] = await data().query(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'course.changed' AND payload->>'courseId' = $1`, [course.id]);
    await edit({ title: 'Verdiepend gesprek, herzien' });
    expect((await data().query(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'course.changed' AND payload->>'courseId' = $1`, [course.id]))[0].n).toBe(n);
    expect(n).toBe(3);
  });

  it("the migration's backfill fills the summary from the current tables", async () => {
    const runner = data().createQueryRunner();
    try {
      await runner.query(`DROP TABLE chain_report_members`);
      await new ChainReportSummary1795449400000().up(runner);
    } finally {
      await runner.release();
    }
    await expectSummaryEqualsSource(org());
    await expectSummaryEqualsSource(other.organisation.id);
  });
});
