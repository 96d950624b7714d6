import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LICENCE_OF_MEMBER, USE_LICENCE_SEAT } from './licence-seat.sql';
import type { LicenceRefusal } from './seat-ledger.repository';

/** Who asks for a licence seat in an online course. */
export interface OnlineSeatClaim {
  userId: string;
  courseId: string;
  organisationId: string | null;
  enrolledById: string;
  licenceId: string;
}

export type OnlineSeatOutcome = { outcome: 'enrolled'; enrolmentId: string } | { outcome: LicenceRefusal };

/**
 * Licence seats outside a session, beside the session seat statement and with the same
 * care: the online enrolment and the seat it uses are ONE statement (autocommit), and a
 * seat goes back only through `giveBack`.
 */
@Injectable()
export class LicenceSeatRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Uses a seat and writes the active enrolment in one statement. A second open enrolment
   * of the person in the course fails on uq_enrolments_open_per_course, which rolls the
   * seat back with it; the caller answers that violation.
   */
  async takeOnlineSeat(claim: OnlineSeatClaim): Promise<OnlineSeatOutcome> {
    const rows: Array<{ outcome: 'enrolled' | LicenceRefusal; id: string | null }> = await this.dataSource.query(
      `WITH lic AS (${LICENCE_OF_MEMBER})
       , used AS (${USE_LICENCE_SEAT} RETURNING l.id, l.organisation_id)
       , inserted AS (
         INSERT INTO enrolments (user_id, course_id, organisation_id, enrolled_by_id, status, licence_id)
         SELECT $1, $2, COALESCE($3::uuid, used.organisation_id), $4, $5::text, used.id FROM used
         RETURNING id
       )
       SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM lic) THEN 'licence-missing'
                   WHEN (SELECT expired FROM lic) THEN 'licence-expired'
                   WHEN NOT EXISTS (SELECT 1 FROM inserted) THEN 'no-seats-left'
                   ELSE 'enrolled' END AS outcome,
              (SELECT id FROM inserted) AS id`,
      [claim.userId, claim.courseId, claim.organisationId, claim.enrolledById, 'active', claim.licenceId],
    );
    const row = rows[0];
    if (row.outcome === 'enrolled' && row.id) return { outcome: 'enrolled', enrolmentId: row.id };
    return { outcome: row.outcome === 'enrolled' ? 'no-seats-left' : row.outcome };
  }

  /**
   * A cancelled enrolment gives its licence seat back only if the learner made no progress
   * (no lesson, quiz attempt, attendance or completion): a seat someone learned with stays
   * used. The caller holds the enrolment row's lock and has just marked it cancelled.
   */
  async giveBack(manager: EntityManager, enrolmentId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH back AS (
         UPDATE licences l SET used = l.used - 1
           FROM enrolments e
          WHERE e.id = $1 AND l.id = e.licence_id
            AND NOT EXISTS (SELECT 1 FROM lesson_progress p WHERE p.enrolment_id = e.id)
            AND NOT EXISTS (SELECT 1 FROM quiz_attempts q WHERE q.enrolment_id = e.id)
            AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.enrolment_id = e.id AND a.present)
            AND NOT EXISTS (SELECT 1 FROM completions c WHERE c.enrolment_id = e.id)
         RETURNING l.id)
       SELECT id FROM back`,
      [enrolmentId],
    );
    return rows.length > 0;
  }

  /**
   * The licence an org admin's enrolment uses when she names none: the organisation's
   * valid licence for the course with seats left (the one expiring first if there are
   * several); when none has seats, its latest licence for the course, so the answer says
   * why (expired, no seats left). Null when the organisation has none.
   */
  async licenceToUse(organisationId: string, courseId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `SELECT id FROM licences
        WHERE organisation_id = $1 AND course_id = $2
        ORDER BY (used < seats AND (expires_at IS NULL OR expires_at > now())) DESC, expires_at ASC NULLS LAST, created_at DESC
        LIMIT 1`,
      [organisationId, courseId],
    )) as Array<{ id: string }>;
    return row?.id ?? null;
  }
}
