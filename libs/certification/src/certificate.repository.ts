import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ChainRole, Locale, Page } from '@schakel/common';
import type { EventName } from '@schakel/jobs';
import { Certificate } from './entities/certificate.entity';

/** A completion with what the certificate prints about it. */
export interface CompletionToCertify {
  completionId: string;
  completedAt: Date;
  userId: string;
  courseId: string;
  holderName: string;
  locale: Locale;
  /** Live and blended: the session's first trainer by name; null for online. */
  trainerName: string | null;
  /** The (not cancelled) meetings' starts of the enrolment's session. */
  meetingStarts: Date[];
  /** A certificate row exists for it already (a retry, or another job's claim). */
  claimed: boolean;
  /** The completed course, and the renewable certificate's course when that is another one. */
  courses: Map<string, CourseToCertify>;
  /**
   * The holder's unrevoked certificate of the completed course (or of the course a refresher
   * renews) that expires after the completion and at most the renewal window later; the
   * latest such, so renewals chain on. Only used for a completion not claimed yet (a claimed
   * one prints its stored row).
   */
  renewable: RenewableToCertify | null;
}

export interface RenewableToCertify {
  id: string;
  courseId: string;
  expiresAt: Date;
}

export interface CourseToCertify {
  id: string;
  slug: string;
  title: string;
  chainRoles: ChainRole[];
  validityMonths: number | null;
  durationHours: number | null;
  renewsCourseId: string | null;
}

type CourseRow = Record<'id' | 'slug' | 'title' | 'chain_roles' | 'certificate_validity_months' | 'duration_hours' | 'renews_course_id', unknown>;

const COURSE_COLUMNS = ['id', 'slug', 'title', 'chain_roles', 'certificate_validity_months', 'duration_hours', 'renews_course_id'] as const;

/** A course row as one JSON object (same keys as the columns), for a statement that returns several. */
const courseJson = (alias: string) => `jsonb_build_object(${COURSE_COLUMNS.map((c) => `'${c}', ${alias}.${c}`).join(', ')})`;

function toCourse(r: CourseRow): CourseToCertify {
  return {
    id: r.id as string,
    slug: r.slug as string,
    title: r.title as string,
    chainRoles: r.chain_roles as ChainRole[],
    validityMonths: (r.certificate_validity_months as number | null) ?? null,
    durationHours: r.duration_hours === null ? null : Number(r.duration_hours),
    renewsCourseId: (r.renews_course_id as string | null) ?? null,
  };
}

export interface NewCertificate {
  completionId: string;
  userId: string;
  courseId: string;
  code: string;
  validFrom: Date;
  expiresAt: Date | null;
  renewsCertificateId: string | null;
  locale: Locale;
}

/** A certificate with the two names people see on it. */
export interface CertificateWithNames {
  certificate: Certificate;
  holderName: string;
  courseTitle: string;
}

@Injectable()
export class CertificateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get certificates() {
    return this.dataSource.getRepository(Certificate);
  }

  /**
   * Everything a completion's certificate needs, in one round trip: the completion and its
   * holder, trainer and meetings, whether it is claimed, its course, and the certificate it
   * may renew (with that one's course). The renewal rule: a refresher renews a certificate of
   * the course it points to; any course renews itself.
   */
  async findCompletion(completionId: string, renewalWindowDays: number): Promise<CompletionToCertify | null> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT c.id, c.completed_at, c.user_id, c.course_id, u.name, u.locale,
              (SELECT t.name FROM session_trainers st JOIN users t ON t.id = st.user_id
                WHERE st.session_id = e.session_id ORDER BY t.name, t.id LIMIT 1) AS trainer_name,
              COALESCE((SELECT array_agg(m.starts_at ORDER BY m.starts_at) FROM meetings m
                         WHERE m.session_id = e.session_id AND m.cancelled_at IS NULL), '{}') AS meeting_starts,
              EXISTS (SELECT 1 FROM certificates ce WHERE ce.completion_id = c.id) AS claimed,
              ${courseJson('co')} AS course,
              r.id AS renewable_id, r.course_id AS renewable_course_id, r.expires_at AS renewable_expires_at,
              CASE WHEN rc.id IS NULL THEN NULL ELSE ${courseJson('rc')} END AS renewable_course
         FROM completions c
         JOIN users u ON u.id = c.user_id
         JOIN enrolments e ON e.id = c.enrolment_id
         JOIN courses co ON co.id = c.course_id
         LEFT JOIN LATERAL (
           SELECT ce.id, ce.course_id, ce.expires_at FROM certificates ce
            WHERE ce.user_id = c.user_id AND (ce.course_id = co.id OR ce.course_id = co.renews_course_id)
              AND ce.revoked_at IS NULL
              AND ce.expires_at > c.completed_at AND ce.expires_at <= c.completed_at + make_interval(days => $2)
            ORDER BY ce.expires_at DESC LIMIT 1) r ON true
         LEFT JOIN courses rc ON rc.id = r.course_id AND rc.id <> co.id
        WHERE c.id = $1`,
      [completionId, renewalWindowDays],
    );
    const r = rows[0];
    if (!r) return null;
    const courses = [r.course, r.renewable_course].filter((course): course is CourseRow => course !== null).map(toCourse);
    return {
      completionId: r.id as string,
      completedAt: r.completed_at as Date,
      userId: r.user_id as string,
      courseId: r.course_id as string,
      holderName: r.name as string,
      locale: r.locale as Locale,
      trainerName: (r.trainer_name as string | null) ?? null,
      meetingStarts: r.meeting_starts as Date[],
      claimed: r.claimed as boolean,
      courses: new Map(courses.map((course) => [course.id, course])),
      renewable: r.renewable_id
        ? { id: r.renewable_id as string, courseId: r.renewable_course_id as string, expiresAt: r.renewable_expires_at as Date }
        : null,
    };
  }

  async findCourses(ids: string[]): Promise<Map<string, CourseToCertify>> {
    const rows: CourseRow[] = await this.dataSource.query(`SELECT ${COURSE_COLUMNS.join(', ')} FROM courses WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id as string, toCourse(r)]));
  }

  /**
   * The claim: the first job for a completion inserts its certificate, any later or
   * concurrent one finds it (unique per completion). Returns the inserted row as stored
   * (so the rendering prints what a retry would read back), or null when another claimed it.
   */
  async claim(row: NewCertificate): Promise<Certificate | null> {
    const inserted: Array<Partial<Certificate>> = await this.dataSource.query(
      `INSERT INTO certificates (completion_id, user_id, course_id, code, state, valid_from, expires_at, renews_certificate_id, locale)
       VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8)
       ON CONFLICT ON CONSTRAINT uq_certificates_completion DO NOTHING
       RETURNING id, completion_id AS "completionId", user_id AS "userId", course_id AS "courseId", code, state,
                 valid_from AS "validFrom", expires_at AS "expiresAt", issued_at AS "issuedAt",
                 renews_certificate_id AS "renewsCertificateId", revoked_at AS "revokedAt", revoked_reason AS "revokedReason",
                 pdf_key AS "pdfKey", pdf_sha256 AS "pdfSha256", locale, created_at AS "createdAt", updated_at AS "updatedAt"`,
      [row.completionId, row.userId, row.courseId, row.code, row.validFrom, row.expiresAt, row.renewsCertificateId, row.locale],
    );
    return inserted[0] ? Object.assign(new Certificate(), inserted[0]) : null;
  }

  findByCompletion(completionId: string): Promise<Certificate | null> {
    return this.certificates.findOneBy({ completionId });
  }

  /**
   * Only a pending certificate becomes issued (of two concurrent finishers, one wins), and
   * the winner's `certificate.issued` outbox row is written by the same statement: one round
   * trip instead of a transaction of four. The caller nudges the relay (UnitOfWork.eventsCommitted).
   */
  async markIssued(id: string, pdfKey: string, pdfSha256: string): Promise<boolean> {
    const topic: EventName = 'certificate.issued';
    const rows: unknown[] = await this.dataSource.query(
      `WITH issued AS (
         UPDATE certificates SET state = 'issued', issued_at = now(), pdf_key = $2, pdf_sha256 = $3, updated_at = now()
          WHERE id = $1 AND state = 'pending' RETURNING id, user_id
       ), told AS (
         INSERT INTO outbox_events (topic, payload)
         SELECT $4, jsonb_build_object('certificateId', issued.id, 'userId', issued.user_id) FROM issued
       )
       SELECT id FROM issued`,
      [id, pdfKey, pdfSha256, topic],
    );
    return rows.length > 0;
  }

  async findWithNames(where: { id: string } | { code: string }): Promise<CertificateWithNames | null> {
    const query = this.certificates
      .createQueryBuilder('c')
      .innerJoin('c.user', 'u')
      .innerJoin('c.course', 'k')
      .addSelect(['u.name', 'k.title']);
    if ('id' in where) query.where('c.id = :id', { id: where.id });
    else query.where('c.code = :code', { code: where.code });
    const certificate = await query.getOne();
    if (!certificate?.user || !certificate.course) return null;
    return { certificate, holderName: certificate.user.name, courseTitle: certificate.course.title };
  }

  /** The organisation that owns the enrolment the certificate was earned in (null: the person enrolled herself). */
  async owningOrganisation(certificateId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `SELECT e.organisation_id FROM certificates c
         JOIN completions k ON k.id = c.completion_id JOIN enrolments e ON e.id = k.enrolment_id
        WHERE c.id = $1`,
      [certificateId],
    )) as Array<{ organisation_id: string | null }>;
    return row?.organisation_id ?? null;
  }

  async pageForUser(userId: string, limit: number, offset: number): Promise<Page<CertificateWithNames>> {
    const [items, total] = await this.certificates
      .createQueryBuilder('c')
      .innerJoin('c.user', 'u')
      .innerJoin('c.course', 'k')
      .addSelect(['u.name', 'k.title'])
      .where('c.user_id = :userId', { userId })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id')
      .take(limit)
      .skip(offset)
      .getManyAndCount();
    return { items: items.map((c) => ({ certificate: c, holderName: c.user?.name ?? '', courseTitle: c.course?.title ?? '' })), total };
  }

  /**
   * The platform admin's search: a certificate by its code (typed any way), or by part of its
   * holder's name or e-mail address; newest first, at most `limit`.
   */
  async search(term: { code: string | null; text: string }, limit: number): Promise<CertificateWithNames[]> {
    const query = this.certificates
      .createQueryBuilder('c')
      .innerJoin('c.user', 'u')
      .innerJoin('c.course', 'k')
      .addSelect(['u.name', 'k.title']);
    const pattern = `%${term.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    if (term.code) query.where('(c.code = :code OR u.name ILIKE :pattern OR u.email ILIKE :pattern)', { code: term.code, pattern });
    else query.where('(u.name ILIKE :pattern OR u.email ILIKE :pattern)', { pattern });
    const rows = await query.orderBy('c.created_at', 'DESC').addOrderBy('c.id').take(limit).getMany();
    return rows.map((c) => ({ certificate: c, holderName: c.user?.name ?? '', courseTitle: c.course?.title ?? '' }));
  }

  /** Revokes once; returns false when there is no such certificate or it was revoked already. */
  /** The holder of the certificate this call revoked (null: unknown or revoked already). */
  async revoke(manager: EntityManager, id: string, reason: string): Promise<string | null> {
    const [rows] = (await manager.query(
      `UPDATE certificates SET revoked_at = now(), revoked_reason = $2, updated_at = now()
        WHERE id = $1 AND revoked_at IS NULL RETURNING user_id`,
      [id, reason],
    )) as [Array<{ user_id: string }>, number];
    return rows[0]?.user_id ?? null;
  }

}
