import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Course } from '@schakel/catalogue';
import { Certificate, generateCertificateCode } from '@schakel/certification';
import type { ChainRole } from '@schakel/common';
import { CompletionService } from '@schakel/enrolment';
import { JobProducer, UnitOfWork } from '@schakel/jobs';
import { waitFor } from './wait-for';

const unique = () => randomUUID().slice(0, 8);

/** A published online course with no lessons and no quiz: an active enrolment completes at once. */
export async function createOnlineCourse(
  app: INestApplicationContext,
  options: { title?: string; chainRoles?: ChainRole[]; validityMonths?: number | null; durationHours?: number | null; renewsCourseId?: string | null; status?: Course['status'] } = {},
): Promise<Course> {
  const suffix = unique();
  return app.get(DataSource).getRepository(Course).save({
    slug: `cursus-${suffix}`,
    title: options.title ?? `Het eerste gesprek ${suffix}`,
    summary: 'Een training voor de keten.',
    language: 'nl',
    chainRoles: options.chainRoles ?? ['first-conversation'],
    format: 'online',
    status: options.status ?? 'published',
    certificateValidityMonths: options.validityMonths === undefined ? 24 : options.validityMonths,
    durationHours: options.durationHours === undefined ? 2.5 : options.durationHours,
    renewsCourseId: options.renewsCourseId ?? null,
  });
}

export async function enrolActive(app: INestApplicationContext, userId: string, courseId: string, status = 'active'): Promise<string> {
  const [row] = await app.get(DataSource).query(
    `INSERT INTO enrolments (user_id, course_id, status) VALUES ($1, $2, $3) RETURNING id`,
    [userId, courseId, status],
  );
  return (row as { id: string }).id;
}

/** Exactly what production does when the last step is recorded: the completion and its outbox row, in one transaction. */
export async function completeEnrolment(app: INestApplicationContext, enrolmentId: string): Promise<string> {
  const completionId = await app.get(UnitOfWork).run((tx) => app.get(CompletionService).completeIfDone(tx, enrolmentId));
  if (!completionId) throw new Error(`enrolment ${enrolmentId} did not complete`);
  return completionId;
}

export async function completeCourse(app: INestApplicationContext, userId: string, courseId: string): Promise<string> {
  return completeEnrolment(app, await enrolActive(app, userId, courseId));
}

/** Asks the worker's relay to run now (best effort, as the API does after a commit). */
export function nudge(app: INestApplicationContext): void {
  app.get(JobProducer).nudgeOutboxRelay();
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

/**
 * A certificate from the past, written directly (an old completion and its certificate),
 * for expiry, revocation and renewal cases that a real run would need years for.
 */
export async function insertCertificate(
  app: INestApplicationContext,
  options: { userId: string; courseId: string; validFrom: Date; expiresAt: Date | null; state?: 'pending' | 'issued'; revokedReason?: string },
): Promise<Certificate> {
  const data = app.get(DataSource);
  const [enrolment] = await data.query(
    `INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ($1, $2, 'completed', $3) RETURNING id`,
    [options.userId, options.courseId, options.validFrom],
  );
  const [completion] = await data.query(
    `INSERT INTO completions (enrolment_id, user_id, course_id, completed_at) VALUES ($1, $2, $3, $4) RETURNING id`,
    [(enrolment as { id: string }).id, options.userId, options.courseId, options.validFrom],
  );
  const issued = (options.state ?? 'issued') === 'issued';
  return data.getRepository(Certificate).save({
    completionId: (completion as { id: string }).id,
    userId: options.userId,
    courseId: options.courseId,
    code: generateCertificateCode(),
    state: options.state ?? 'issued',
    validFrom: options.validFrom,
    expiresAt: options.expiresAt,
    issuedAt: issued ? options.validFrom : null,
    pdfSha256: issued ? 'ab'.repeat(32) : null,
    revokedAt: options.revokedReason ? new Date() : null,
    revokedReason: options.revokedReason ?? null,
    locale: 'nl',
  });
}

export const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000);
