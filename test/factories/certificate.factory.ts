import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Certificate, ChainReportSummaryRepository, generateCertificateCode } from '@schakel/certification';
import { daysFromNow } from '../support/values';
import { waitFor } from '../support/wait-for';
import { nudge } from './outbox-event.factory';

/**
 * A certificate written directly (a completed enrolment, its completion and the certificate), valid from
 * `validFrom` (a year ago unless given): for expiry, revocation, renewal and message cases that a real run
 * would need years for. Certificates issued the real way come from `completeCourse` plus `waitForIssued`.
 */
export async function insertCertificate(
  app: INestApplicationContext,
  options: {
    userId: string;
    courseId: string;
    validFrom?: Date;
    expiresAt: Date | null;
    state?: 'pending' | 'issued';
    revokedReason?: string;
    /** The organisation that enrolled the holder (whose admins may read the certificate). */
    organisationId?: string;
  },
): Promise<Certificate> {
  const data = app.get(DataSource);
  const validFrom = options.validFrom ?? daysFromNow(-365);
  const [enrolment] = await data.query(
    `INSERT INTO enrolments (user_id, course_id, status, completed_at, organisation_id) VALUES ($1, $2, 'completed', $3, $4) RETURNING id`,
    [options.userId, options.courseId, validFrom, options.organisationId ?? null],
  );
  const [completion] = await data.query(
    `INSERT INTO completions (enrolment_id, user_id, course_id, completed_at) VALUES ($1, $2, $3, $4) RETURNING id`,
    [(enrolment as { id: string }).id, options.userId, options.courseId, validFrom],
  );
  const issued = (options.state ?? 'issued') === 'issued';
  const certificate = await data.getRepository(Certificate).save({
    completionId: (completion as { id: string }).id,
    userId: options.userId,
    courseId: options.courseId,
    code: generateCertificateCode(),
    state: options.state ?? 'issued',
    validFrom,
    expiresAt: options.expiresAt,
    issuedAt: issued ? validFrom : null,
    pdfSha256: issued ? 'ab'.repeat(32) : null,
    revokedAt: options.revokedReason ? new Date() : null,
    revokedReason: options.revokedReason ?? null,
    locale: 'nl',
  });
  // Written around the domain (no event): the chain report's summary is refreshed as its consumer would.
  await app.get(ChainReportSummaryRepository).refreshPeople([options.userId]);
  return certificate;
}

export async function certificateOf(app: INestApplicationContext, completionId: string): Promise<Certificate | null> {
  return app.get(DataSource).getRepository(Certificate).findOneBy({ completionId });
}

/** Waits (bounded) until the completion's certificate is issued, nudging the relay meanwhile. */
export async function waitForIssued(app: INestApplicationContext, completionId: string, timeoutMs = 30_000): Promise<Certificate> {
  const certificate = await waitFor(
    async () => {
      const found = await certificateOf(app, completionId);
      if (found?.state !== 'issued') nudge(app);
      return found;
    },
    (c) => c?.state === 'issued',
    { timeoutMs, intervalMs: 200, what: `certificate of completion ${completionId}` },
  );
  return certificate as Certificate;
}
