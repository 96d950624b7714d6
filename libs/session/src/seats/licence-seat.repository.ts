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

/** Many learners asking for seats of one licence in one online course, in file order (no one twice). */
export interface OnlineSeatsClaim {
  licenceId: string;
  courseId: string;
  organisationId: string;
  enrolledById: string;
  userIds: readonly string[];
}

/** Per learner: a seat, a refusal, or `open` (she holds an open enrolment in the course already; no seat used). */
export type OnlineSeatsOutcome = OnlineSeatOutcome | { outcome: 'open' };

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
       ), told AS (
         INSERT INTO outbox_events (topic, payload)
         SELECT 'enrolment.started', jsonb_build_object('userId', $1::uuid, 'courseId', $2::uuid) FROM inserted
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
   * Seats of one licence for many learners (an import batch), in the caller's transaction:
   * the licence row is locked first (`FOR UPDATE`, so every concurrent seat statement on it
   * waits, and the next statement's snapshot sees every committed seat), then ONE statement
   * seats the first `seats - used` members without an open enrolment in the course, in the
   * given order, and adds exactly the number of enrolments it wrote to `used`. So the
   * licence never seats more than it has (the CHECK on used is the backstop), a non-member is
   * "licence-missing" as in the single statement, and the rest get "no-seats-left".
   */
  async takeOnlineSeats(manager: EntityManager, claim: OnlineSeatsClaim): Promise<Map<string, OnlineSeatsOutcome>> {
    const outcomes = new Map<string, OnlineSeatsOutcome>();
    if (claim.userIds.length === 0) return outcomes;
    const [licence] = (await manager.query(
      `SELECT seats - used AS "left", (expires_at IS NOT NULL AND expires_at <= now()) AS expired
         FROM licences WHERE id = $1 AND course_id = $2 AND organisation_id = $3 FOR UPDATE`,
      [claim.licenceId, claim.courseId, claim.organisationId],
    )) as Array<{ left: number; expired: boolean }>;
    if (!licence || licence.expired) {
      for (const userId of claim.userIds) outcomes.set(userId, { outcome: licence ? 'licence-expired' : 'licence-missing' });
      return outcomes;
    }
    const rows = (await manager.query(
      `WITH c AS (
         SELECT t.u, t.ord,
                EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = $3 AND m.user_id = t.u AND m.status = 'active') AS member,
                EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = t.u AND e.course_id = $2 AND e.status IN ('active', 'confirmed', 'waitlisted')) AS open
           FROM unnest($1::uuid[]) WITH ORDINALITY AS t(u, ord)
       ), seated AS (
         SELECT u, ord FROM c WHERE member AND NOT open ORDER BY ord LIMIT $6
       ), inserted AS (
         INSERT INTO enrolments (user_id, course_id, organisation_id, enrolled_by_id, status, licence_id)
         SELECT u, $2, $3, $4, 'active', $5 FROM seated ORDER BY ord
         ON CONFLICT (user_id, course_id) WHERE status IN ('active', 'confirmed', 'waitlisted') DO NOTHING
         RETURNING id, user_id
       ), used AS (
         UPDATE licences SET used = used + (SELECT count(*) FROM inserted) WHERE id = $5 RETURNING used
       )
       SELECT c.u AS "userId", i.id, c.member, c.open, (SELECT used FROM used) AS used
         FROM c LEFT JOIN inserted i ON i.user_id = c.u ORDER BY c.ord`,
      [claim.userIds, claim.courseId, claim.organisationId, claim.enrolledById, claim.licenceId, Math.max(0, licence.left)],
    )) as Array<{ userId: string; id: string | null; member: boolean; open: boolean }>;
    for (const row of rows) {
      if (row.id) outcomes.set(row.userId, { outcome: 'enrolled', enrolmentId: row.id });
      else if (!row.member) outcomes.set(row.userId, { outcome: 'licence-missing' });
      else outcomes.set(row.userId, { outcome: row.open ? 'open' : 'no-seats-left' });
    }
    return outcomes;
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
   * why (expired, no seats left). Null when the organisation has none. With a manager it reads
   * in that transaction (an import batch sees the seats it used), skipping the licences in `except`.
   */
  async licenceToUse(organisationId: string, courseId: string, manager?: EntityManager, except: readonly string[] = []): Promise<string | null> {
    const [row] = (await (manager ?? this.dataSource.manager).query(
      `SELECT id FROM licences
        WHERE organisation_id = $1 AND course_id = $2 AND NOT (id = ANY($3::uuid[]))
        ORDER BY (used < seats AND (expires_at IS NULL OR expires_at > now())) DESC, expires_at ASC NULLS LAST, created_at DESC
        LIMIT 1`,
      [organisationId, courseId, except],
    )) as Array<{ id: string }>;
    return row?.id ?? null;
  }

}
