import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { Response } from 'superagent';
import { DataSource } from 'typeorm';
import type { Course } from '@schakel/catalogue';
import { formatCertificateCode } from '@schakel/certification';
import { startApi, startWorker, TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { pdfText } from '../../support/pdf-text';
import { daysFromNow } from '../../support/values';
import { waitFor } from '../../support/wait-for';
import { insertCertificate, waitForIssued } from '../../factories/certificate.factory';
import { completeCourse } from '../../factories/completion.factory';
import { insertOnlineCourse } from '../../factories/course.factory';
import { createTenant, Tenant } from '../../factories/organisation.factory';
import { createPerson, createPlatformAdmin, Person } from '../../factories/person.factory';

const binary = (res: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('certification: a completion becomes one verifiable PDF certificate', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let a: Tenant;
  let b: Tenant;
  let admin: Person;
  let course: Course;

  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    dropDatabase = await isolateRun('cert');
    api = await startApi();
    worker = await startWorker();
    [a, b, admin] = await Promise.all([createTenant(api.app, 'Gemeente Certdam'), createTenant(api.app, 'Gemeente Anderdam'), createPlatformAdmin(api.app)]);
    course = await insertOnlineCourse(api.app, { title: 'Het eerste gesprek voeren', validityMonths: 24 });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await dropDatabase();
  });

  describe('the whole path', () => {
    let certificateId: string;
    let code: string;
    let pdf: Buffer;

    it('issues the certificate after the completion, with a PDF that names the holder, the course and the code', async () => {
      const completionId = await completeCourse(api.app, a.learner.user.id, course.id, { organisationId: a.organisation.id });
      await waitForIssued(api.app, completionId);

      const mine = await api.http().get('/api/me/certificates').set(a.learner.auth);
      expect(mine.status).toBe(200);
      expect(mine.body.total).toBe(1);
      const listed = mine.body.items[0];
      expect(listed).toMatchObject({ state: 'issued', status: 'valid', courseTitle: course.title, holderName: a.learner.user.name, courseId: course.id });
      expect(listed.code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(new Date(listed.expiresAt).getTime() - new Date(listed.validFrom).getTime()).toBeGreaterThan(729 * 86_400_000);
      certificateId = listed.id;
      code = listed.code;

      const response = await api.http().get(`/api/certificates/${certificateId}/pdf`).set(a.learner.auth).buffer(true).parse(binary);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      pdf = response.body as Buffer;
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(listed.pdfSha256);
      const text = await pdfText(pdf);
      expect(text).toContain(a.learner.user.name);
      expect(text).toContain(course.title);
      expect(text).toContain(code);
      expect(text).toContain('Geldig tot');
      expect(text).toContain('eerste gesprek');
    });

    it('verifies as valid without an account, by code in any case or grouping, and tells nothing private', async () => {
      for (const variant of [code, code.replace(/-/g, '').toLowerCase()]) {
        const response = await api.http().get(`/api/verify/${variant}`);
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ valid: true, status: 'valid', holderName: a.learner.user.name, courseTitle: course.title, issuer: 'Schakel' });
        expect(response.body.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
        const text = JSON.stringify(response.body);
        for (const secret of [a.learner.user.email, a.learner.user.id, certificateId, course.id]) expect(text).not.toContain(secret);
      }
    });

    it('checks an uploaded PDF: the issued file matches, an edited one does not', async () => {
      const check = (body: Buffer, type = 'application/pdf') => api.http().post(`/api/verify/${code}/check`).set('Content-Type', type).send(body);
      expect((await check(pdf)).body).toEqual({ matches: true });
      const edited = Buffer.from(pdf);
      edited[edited.length - 100] ^= 1;
      expect((await check(edited)).body).toEqual({ matches: false });
      expect((await check(Buffer.from('{"x":1}'), 'application/json')).status).toBe(400);
      expect((await check(Buffer.alloc(6 * 1024 * 1024, 1))).status).toBe(413);
    });

    it('serves a Dutch verification page at /verify/<code>, and a clear 404 page for an unknown code', async () => {
      const page = await api.http().get(`/verify/${code}`);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('Dit certificaat is geldig.');
      expect(page.text).toContain(course.title);
      // Only our own fingerprinted script file (the CSP allows 'self' only): no inline script.
      expect(page.text).not.toMatch(/<script(?![^>]*\ssrc="\/assets\/)/);
      const unknown = await api.http().get('/verify/AAAA-BBBB-CCCC');
      expect(unknown.status).toBe(404);
      expect(unknown.text).toContain('Deze code kennen wij niet.');
    });

    it('shows the certificate to its holder, the admin of the organisation that enrolled them and a platform admin; 404 to anyone else', async () => {
      for (const person of [a.learner, a.admin, admin]) {
        expect((await api.http().get(`/api/certificates/${certificateId}`).set(person.auth)).status).toBe(200);
      }
      const stranger = await createPerson(api.app);
      for (const person of [b.admin, a.trainer, stranger]) {
        for (const path of [`/api/certificates/${certificateId}`, `/api/certificates/${certificateId}/pdf`]) {
          const response = await api.http().get(path).set(person.auth);
          expect({ path, status: response.status }).toEqual({ path, status: 404 });
          expect(JSON.stringify(response.body)).not.toContain(a.learner.user.name);
        }
      }
      expect((await api.http().get(`/api/certificates/${certificateId}`)).status).toBe(401);
    });

    it('records the course.completed event as processed and publishes one certificate.issued event', async () => {
      const data = api.app.get(DataSource);
      const issue: Array<{ processed_at: Date | null }> = await waitFor(
        () => data.query(`SELECT processed_at FROM outbox_events WHERE topic = 'course.completed' AND payload->>'completionId' = (SELECT completion_id::text FROM certificates WHERE id = $1)`, [certificateId]),
        (rows: Array<{ processed_at: Date | null }>) => rows.length > 0 && rows[0].processed_at !== null,
        { what: 'the course.completed event processed' },
      );
      expect(issue).toHaveLength(1);
      const told = await data.query(`SELECT payload FROM outbox_events WHERE topic = 'certificate.issued' AND payload->>'certificateId' = $1`, [certificateId]);
      expect(told.map((r: { payload: unknown }) => r.payload)).toEqual([{ certificateId, userId: a.learner.user.id }]);
    });
  });

  describe('misses', () => {
    it('answers an unknown code with the same 404 as an unknown certificate', async () => {
      const unknownCode = await api.http().get('/api/verify/7K3M-QX9A-0000-0000-0000-0000-0000');
      const malformed = await api.http().get('/api/verify/x');
      const unknownId = await api.http().get('/api/certificates/00000000-0000-4000-8000-000000000000').set(a.learner.auth);
      for (const response of [unknownCode, malformed, unknownId]) {
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Certificate not found', code: 'certification.not-found' });
      }
    });

    it('has no PDF and no verification while the certificate is pending', async () => {
      const pending = await insertCertificate(api.app, { userId: a.learner.user.id, courseId: course.id, validFrom: daysFromNow(-1), expiresAt: null, state: 'pending' });
      const pdf = await api.http().get(`/api/certificates/${pending.id}/pdf`).set(a.learner.auth);
      expect(pdf.status).toBe(404);
      expect(pdf.body.code).toBe('certification.pdf-not-ready');
      expect((await api.http().get(`/api/verify/${pending.code}`)).status).toBe(404);
    });
  });

  describe('expiry and revocation', () => {
    it('verifies an expired certificate as expired', async () => {
      const old = await insertCertificate(api.app, { userId: a.learner.user.id, courseId: course.id, validFrom: daysFromNow(-800), expiresAt: daysFromNow(-70) });
      const response = await api.http().get(`/api/verify/${formatCertificateCode(old.code)}`);
      expect(response.body).toMatchObject({ valid: false, status: 'expired', expiresAt: old.expiresAt?.toISOString() });
    });

    it('lets only a platform admin revoke, with a reason that verification then shows', async () => {
      const cert = await insertCertificate(api.app, { userId: a.learner.user.id, courseId: course.id, validFrom: daysFromNow(-10), expiresAt: daysFromNow(700) });
      const path = `/api/certificates/${cert.id}/revoke`;
      expect((await api.http().post(path).set(a.admin.auth).send({ reason: 'Fraude' })).status).toBe(403);
      expect((await api.http().post(path).set(admin.auth).send({ reason: '' })).status).toBe(400);
      const revoked = await api.http().post(path).set(admin.auth).send({ reason: 'Toets door een ander gemaakt' });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ id: cert.id, status: 'revoked', revokedReason: 'Toets door een ander gemaakt' });
      expect((await api.http().post(path).set(admin.auth).send({ reason: 'Nog eens' })).status).toBe(409);
      expect((await api.http().post('/api/certificates/00000000-0000-4000-8000-000000000000/revoke').set(admin.auth).send({ reason: 'Weg' })).status).toBe(404);

      const verified = await api.http().get(`/api/verify/${cert.code}`);
      expect(verified.body).toMatchObject({ valid: false, status: 'revoked', revokedReason: 'Toets door een ander gemaakt' });
      const page = await api.http().get(`/verify/${cert.code}`);
      expect(page.text).toContain('Dit certificaat is ingetrokken.');
      expect(page.text).toContain('Toets door een ander gemaakt');
    });
  });

  describe('renewal', () => {
    it('runs a renewal on from the old expiry when the same course is completed within 90 days of it', async () => {
      const holder = await createPerson(api.app);
      const old = await insertCertificate(api.app, { userId: holder.user.id, courseId: course.id, validFrom: daysFromNow(-700), expiresAt: daysFromNow(30) });
      const renewed = await waitForIssued(api.app, await completeCourse(api.app, holder.user.id, course.id));
      expect(renewed.renewsCertificateId).toBe(old.id);
      expect(renewed.validFrom.toISOString()).toBe(old.expiresAt?.toISOString());
      const years = (renewed.expiresAt!.getTime() - old.expiresAt!.getTime()) / (365.25 * 86_400_000);
      expect(years).toBeCloseTo(2, 1);
      const text = await pdfText((await api.http().get(`/api/certificates/${renewed.id}/pdf`).set(holder.auth).buffer(true).parse(binary)).body as Buffer);
      expect(text).toMatch(/Geldig van \d+ \w+ \d{4} tot \d+ \w+ \d{4}/);
    });

    it('lets a refresher course renew the course it points to', async () => {
      const holder = await createPerson(api.app, { locale: 'en' });
      const refresher = await insertOnlineCourse(api.app, { title: 'Opfrissen eerste gesprek', renewsCourseId: course.id, validityMonths: 12 });
      const old = await insertCertificate(api.app, { userId: holder.user.id, courseId: course.id, validFrom: daysFromNow(-700), expiresAt: daysFromNow(40) });
      const renewed = await waitForIssued(api.app, await completeCourse(api.app, holder.user.id, refresher.id));
      expect(renewed).toMatchObject({ courseId: course.id, renewsCertificateId: old.id, locale: 'en' });
      expect(renewed.validFrom.toISOString()).toBe(old.expiresAt?.toISOString());
      const text = await pdfText((await api.http().get(`/api/certificates/${renewed.id}/pdf`).set(holder.auth).buffer(true).parse(binary)).body as Buffer);
      expect(text).toContain('Renewed with the refresher course Opfrissen eerste gesprek');
    });

    it('does not renew a certificate that expires more than 90 days later, nor a revoked one', async () => {
      const holder = await createPerson(api.app);
      await insertCertificate(api.app, { userId: holder.user.id, courseId: course.id, validFrom: daysFromNow(-600), expiresAt: daysFromNow(120) });
      await insertCertificate(api.app, { userId: holder.user.id, courseId: course.id, validFrom: daysFromNow(-700), expiresAt: daysFromNow(20), revokedReason: 'Ingetrokken' });
      const fresh = await waitForIssued(api.app, await completeCourse(api.app, holder.user.id, course.id));
      expect(fresh.renewsCertificateId).toBeNull();
      expect(Math.abs(fresh.validFrom.getTime() - Date.now())).toBeLessThan(60_000);
    });
  });
});
