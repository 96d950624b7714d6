import type { TakenSeat } from './seat-ledger.repository';

/**
 * SQL shared by the statements that seat someone in a session (taking a seat, moving an online
 * enrolment into a session). Each expects `$1` = the learner, `$2` = the course, `$3` = the session.
 */

/** The session row, locked: every seat change of one session waits here (CTE `s`). */
export const LOCKED_SESSION = `SELECT id, course_id, visibility, organisation_id, status, capacity, confirmed_count, waitlist_count, starts_at, enrolment_deadline
           FROM sessions WHERE id = $3 FOR UPDATE`;

/** Not this course's session, or an in-company session of an organisation the learner is no active member of (same rule as AccessService.canSeeSession). */
export const NOT_HER_SESSION = `s.course_id <> $2
                       OR (s.visibility = 'in-company' AND NOT EXISTS (
                             SELECT 1 FROM memberships m WHERE m.organisation_id = s.organisation_id AND m.user_id = $1 AND m.status = 'active'))`;

/** CTEs `counted` and `told`: the session's counters move by the enrolments in `source`, and each gets its outbox event. */
export const countAndTell = (source: string) => `counted AS (
         UPDATE sessions
            SET confirmed_count = confirmed_count + (SELECT count(*) FROM ${source} WHERE status = 'confirmed'),
                waitlist_count = waitlist_count + (SELECT count(*) FROM ${source} WHERE status = 'waitlisted')
          WHERE id = $3 AND EXISTS (SELECT 1 FROM ${source})
       ), told AS (
         INSERT INTO outbox_events (topic, payload)
         SELECT 'enrolment.' || x.status, jsonb_build_object('userId', $1::uuid, 'enrolmentId', x.id, 'sessionId', $3::uuid)
           FROM ${source} x
       )`;

/** What a seating statement returns: the decision, and the enrolment row when it seated someone. */
export interface SeatedRow {
  seat: string;
  id: string | null;
  waitlist_position: number | null;
  created_at: Date;
  updated_at: Date;
  last_activity_at: Date;
  confirmed_at: Date | null;
}

export function toTakenSeat(row: SeatedRow & { id: string }): TakenSeat {
  return {
    enrolmentId: row.id,
    status: row.seat as TakenSeat['status'],
    waitlistPosition: row.waitlist_position,
    confirmedAt: row.confirmed_at,
    lastActivityAt: row.last_activity_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
