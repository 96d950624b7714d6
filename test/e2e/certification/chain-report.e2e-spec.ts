import { DateTime } from 'luxon';
import { DomainException } from '@schakel/common';
import { generateCertificateCode, VerificationService } from '@schakel/certification';
import { startApi, TestApi } from '../../support/app';
import { daysFromNow } from '../../support/values';
import { parseXml } from '../../support/xml';
import { insertCertificate } from '../../factories/certificate.factory';
import { insertOnlineCourse } from '../../factories/course.factory';
import { insertEnrolment } from '../../factories/enrolment.factory';
import { addMember, createTenant, Tenant } from '../../factories/organisation.factory';
import { createPerson, createPlatformAdmin, Person } from '../../factories/person.factory';

describe('chain report, tenancy and unguessable codes', () => {
  let api: TestApi;
  let a: Tenant;
  let b: Tenant;
  let platformAdmin: Person;

  beforeAll(async () => {
    api = await startApi();
    [a, b, platformAdmin] = await Promise.all([createTenant(api.app, 'Gemeente Ketendam'), createTenant(api.app, 'Gemeente Elders'), createPlatformAdmin(api.app)]);

    const first = await insertOnlineCourse(api.app, { chainRoles: ['first-conversation'] });
    const draft = await insertOnlineCourse(api.app, { chainRoles: ['first-conversation'], status: 'draft' });
    const coordination = await insertOnlineCourse(api.app, { chainRoles: ['coordinator', 'first-conversation'] });
    const member = async (chainRoles: Parameters<typeof addMember>[4]) => {
      const person = await createPerson(api.app);
      await addMember(api.app, a.organisation, person, ['learner'], chainRoles);
      return person;
    };
    // a.learner (first-conversation): certified, valid for two years
    await insertCertificate(api.app, { userId: a.learner.user.id, courseId: first.id, validFrom: daysFromNow(-10), expiresAt: daysFromNow(720) });
    // certified, but expiring in 30 days
    const expiring = await member(['first-conversation']);
    await insertCertificate(api.app, { userId: expiring.user.id, courseId: first.id, validFrom: daysFromNow(-700), expiresAt: daysFromNow(30) });
    // expiring in 30 days but already renewed: not "expiring soon"
    const renewed = await member(['first-conversation']);
    await insertCertificate(api.app, { userId: renewed.user.id, courseId: first.id, validFrom: daysFromNow(-700), expiresAt: daysFromNow(30) });
    await insertCertificate(api.app, { userId: renewed.user.id, courseId: first.id, validFrom: daysFromNow(30), expiresAt: daysFromNow(760) });
    // in progress: an open enrolment in a published course for the role
    const learning = await member(['first-conversation', 'coordinator']);
    await insertEnrolment(api.app, { userId: learning.user.id, courseId: coordination.id });
    // not counted: expired, revoked, a draft course's certificate, an enrolment in a draft course
    const expired = await member(['first-conversation']);
    await insertCertificate(api.app, { userId: expired.user.id, courseId: first.id, validFrom: daysFromNow(-800), expiresAt: daysFromNow(-5) });
    const revoked = await member(['first-conversation']);
    await insertCertificate(api.app, { userId: revoked.user.id, courseId: first.id, validFrom: daysFromNow(-10), expiresAt: daysFromNow(700), revokedReason: 'Fout' });
    const drafted = await member(['first-conversation']);
    await insertCertificate(api.app, { userId: drafted.user.id, courseId: draft.id, validFrom: daysFromNow(-10), expiresAt: null });
    await insertEnrolment(api.app, { userId: drafted.user.id, courseId: draft.id });
    // a certificate for a role the member does not hold in this organisation is not counted for it
    await insertCertificate(api.app, { userId: a.trainer.user.id, courseId: coordination.id, validFrom: daysFromNow(-1), expiresAt: null });
    // the other organisation's certified member does not leak into A
    await insertCertificate(api.app, { userId: b.learner.user.id, courseId: first.id, validFrom: daysFromNow(-1), expiresAt: null });
  });
  afterAll(() => api.close());

  const path = (t: Tenant) => `/api/organisations/${t.organisation.id}/reports/chain`;

  it('counts, per chain role, the assigned, certified, in progress and expiring soon', async () => {
    const response = await api.http().get(path(a)).set(a.admin.auth);
    expect(response.status).toBe(200);
    expect(response.body.organisationId).toBe(a.organisation.id);
    // hand-computed: only the member expiring in 30 days falls in the next 12 months (the
    // renewed one runs on for two years); the expired member is the one expired (revoked: not)
    const thisMonth = DateTime.now().setZone('Europe/Amsterdam').startOf('month');
    const months = Array.from({ length: 12 }, (_, i) => thisMonth.plus({ months: i }).toFormat('yyyy-MM'));
    const expiringMonth = DateTime.fromJSDate(daysFromNow(30)).setZone('Europe/Amsterdam').toFormat('yyyy-MM');
    const byMonth = (hit: string | null) => months.map((month) => ({ month, count: month === hit ? 1 : 0 }));
    expect(response.body.roles).toEqual([
      { chainRole: 'first-conversation', assigned: 7, certified: 3, inProgress: 1, expiringSoon: 1, expiringByMonth: byMonth(expiringMonth), expired: 1 },
      { chainRole: 'deeper-conversation', assigned: 0, certified: 0, inProgress: 0, expiringSoon: 0, expiringByMonth: byMonth(null), expired: 0 },
      { chainRole: 'intake-referral', assigned: 0, certified: 0, inProgress: 0, expiringSoon: 0, expiringByMonth: byMonth(null), expired: 0 },
      { chainRole: 'coordinator', assigned: 1, certified: 0, inProgress: 1, expiringSoon: 0, expiringByMonth: byMonth(null), expired: 0 },
    ]);
  });

  it('gives the same numbers as CSV', async () => {
    const response = await api.http().get(`${path(a)}?format=csv`).set(platformAdmin.auth);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.text.trim().split('\n');
    expect(lines[0]).toMatch(/^chainRole,rol,assigned,certified,inProgress,expiringSoon,expired(,expiring \d{4}-\d{2}){12}$/);
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 7).join(','))).toEqual([
      'first-conversation,eerste gesprek,7,3,1,1,1',
      'deeper-conversation,verdiepend gesprek,0,0,0,0,0',
      'intake-referral,intake en verwijzing,0,0,0,0,0',
      'coordinator,spin in het web,1,0,1,0,0',
    ]);
    expect(lines[1].split(',').slice(7).reduce((sum, n) => sum + Number(n), 0)).toBe(1);
    expect((await api.http().get(`${path(a)}?format=pdf`).set(a.admin.auth)).status).toBe(400);
  });

  it('gives a stacked-bar chart as SVG that parses as XML and names every role', async () => {
    const response = await api.http().get(`${path(a)}?format=svg`).set(a.admin.auth).buffer(true).parse((res, done) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done(null, body));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('image/svg+xml');
    const { root, text } = parseXml(response.body as string);
    expect(root).toBe('svg');
    for (const role of ['eerste gesprek', 'verdiepend gesprek', 'intake en verwijzing', 'spin in het web']) expect(text).toContain(role);
    expect(text).toContain('Gemeente Ketendam');
    expect(text).toContain('7 toegewezen: 3 gecertificeerd · 1 bezig · 3 nog niet begonnen');
  });

  it("answers another organisation's admin 404, a member without the admin role 403", async () => {
    for (const url of [path(a), `${path(a)}?format=csv`, `${path(a)}?format=svg`]) {
      const response = await api.http().get(url).set(b.admin.auth);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('first-conversation');
    }
    expect((await api.http().get(path(a)).set(a.learner.auth)).status).toBe(403);
    expect((await api.http().get(`/api/organisations/00000000-0000-4000-8000-000000000000/reports/chain`).set(platformAdmin.auth)).status).toBe(404);
  });

  it("gives another organisation's admin 404 on a certificate A's member earned through A", async () => {
    const course = await insertOnlineCourse(api.app);
    const cert = await insertCertificate(api.app, { userId: a.learner.user.id, courseId: course.id, validFrom: daysFromNow(-1), expiresAt: null, organisationId: a.organisation.id });
    const response = await api.http().get(`/api/certificates/${cert.id}`).set(b.admin.auth);
    expect(response.status).toBe(404);
    expect(JSON.stringify(response.body)).not.toContain(a.learner.user.name);
    expect((await api.http().get(`/api/certificates/${cert.id}`).set(a.admin.auth)).status).toBe(200);
  });

  it('finds nothing for 1,000 random codes', async () => {
    const verification = api.app.get(VerificationService);
    let found = 0;
    for (let i = 0; i < 1000; i += 1) {
      try {
        await verification.verify(generateCertificateCode());
        found += 1;
      } catch (error) {
        if (!(error instanceof DomainException && error.status === 404)) throw error;
      }
    }
    expect(found).toBe(0);
    // and through HTTP, a few (the verify route is rate-limited per address)
    for (let i = 0; i < 3; i += 1) expect((await api.http().get(`/api/verify/${generateCertificateCode()}`)).status).toBe(404);
  });
});
