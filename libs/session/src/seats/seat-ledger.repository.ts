import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { missingPrerequisiteTitles } from '@schakel/catalogue';
import { preparedQuery } from '@schakel/database';
import { LICENCE_OF_MEMBER, USE_LICENCE_SEAT } from './licence-seat.sql';
import type { SeatCounts } from './seat.rules';
import { countAndTell, LOCKED_SESSION, NOT_HER_SESSION, toTakenSeat, type SeatedRow } from './seat.sql';

export interface SeatHolder {
  id: string;
  userId: string;
}

/** Who asks for a seat in which session; the enrolment row is written with these values. */
export interface SeatClaim {
  sessionId: string;
  userId: string;
  courseId: string;
  /** The organisation that enrolled this person (an org admin, a licence), if any. */
  organisationId: string | null;
  enrolledById: string;
  /**
   * A seat of this licence is used in the same statement (null: no licence). A
   * by-organisation course without one seats the person only in an in-company session.
   */
  licenceId: string | null;
}

/** The enrolment row the seat statement wrote. */
export interface TakenSeat {
  enrolmentId: string;
  status: 'confirmed' | 'waitlisted';
  waitlistPosition: number | null;
  confirmedAt: Date | null;
  lastActivityAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export type LicenceRefusal = 'licence-missing' | 'licence-expired' | 'no-seats-left';
/** The course's own refusals, decided first: not published (or none), an online course, a prerequisite not met. */
export type CourseRefusal = 'course-missing' | 'online-course';
export type SeatRefusal = CourseRefusal | 'missing' | 'cancelled' | 'started' | 'deadline-passed' | 'seat-required' | LicenceRefusal;
export type SeatOutcome =
  | { outcome: 'enrolled'; seat: TakenSeat }
  | { outcome: 'prerequisite-missing'; missing: string[] }
  | { outcome: SeatRefusal };

interface SeatRow extends SeatedRow {
  missing: string[];
}

/**
 * The seat ledger's SQL, the only place that moves enrolments of ONE session between
 * waitlisted, confirmed and cancelled and keeps `sessions.confirmed_count` /
 * `waitlist_count` in step. Every method but `takeSeat` expects the caller to hold the
 * session row's lock (FOR UPDATE), which serialises all seat changes of that session;
 * `takeSeat` takes that lock itself, inside its one statement. The CHECK on the counts is
 * the backstop. It lives with sessions (not enrolments) because capacity changes and
 * cancellations of a session need it too, and enrolment (and later seat licences) depend
 * on this lib, never the reverse.
 * (UPDATE ... RETURNING is wrapped in a CTE: TypeORM hands back [rows, count] for a bare UPDATE.)
 */
@Injectable()
export class SeatLedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The whole seat decision as ONE statement, run on its own (autocommit): check the course
   * (published, not online, every prerequisite met: the same rules and order as
   * EnrolmentService's course check, so a learner's own enrolment needs no other round trip),
   * lock the session row, check it is this course's and visible to the learner (an in-company session is
   * "missing" to non-members), check it is open, take a seat if one is free and nobody waits (else the end of
   * the line), move the counters and write the notification's outbox row. The lock is held
   * only while PostgreSQL executes and commits this statement, never across round trips
   * through a busy API process, which is what bounds a storm on one session.
   * A newcomer is seated only when a seat is free and nobody waits: a seat freed inside the
   * promotion cutoff belongs to the line (tested end to end in test/e2e/session/seats.e2e-spec.ts).
   *
   * Only the locked row is read fresh after waiting for the lock (READ COMMITTED re-checks
   * it); a subquery over enrolments would see the snapshot from before the wait. So the
   * new place in line is the locked waitlist_count + 1, which holds because the line is
   * always 1..n (cancellation renumbers it) and the count moves with every change.
   *
   * With a licence, one of its seats is used in the same statement: the UPDATE of the
   * licence row waits for its lock and re-checks `used < seats` on the committed row, so
   * concurrent enrolments on one licence never use more seats than it has (the CHECK
   * used <= seats is the backstop); a refusal leaves the session and the licence untouched.
   *
   * A second open enrolment of the same person in the course fails on the partial unique
   * index uq_enrolments_open_per_course; the caller decides what that means.
   */
  async takeSeat(claim: SeatClaim): Promise<SeatOutcome> {
    // Prepared: planning this statement cost PostgreSQL about as much CPU as running it.
    const rows = await preparedQuery<SeatRow>(
      this.dataSource,
      'seat-ledger-take-seat',
      `WITH c AS (
         SELECT format, access, ${missingPrerequisiteTitles('$2', '$1')} AS missing
           FROM courses WHERE id = $2 AND status = 'published'
       ), s AS (${LOCKED_SESSION}), lic AS (${LICENCE_OF_MEMBER})
       , d AS (
         SELECT s.id, c.missing,
                CASE WHEN c.format IS NULL THEN 'course-missing'
                     WHEN cardinality(c.missing) > 0 THEN 'prerequisite-missing'
                     WHEN c.format = 'online' THEN 'online-course'
                     WHEN s.id IS NULL OR ${NOT_HER_SESSION}
                     THEN 'missing'
                     WHEN $6::uuid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM lic) THEN 'licence-missing'
                     WHEN c.access = 'by-organisation' AND $6::uuid IS NULL AND s.visibility <> 'in-company' THEN 'seat-required'
                     WHEN s.status <> 'scheduled' THEN 'cancelled'
                     WHEN s.starts_at <= now() THEN 'started'
                     WHEN s.enrolment_deadline IS NOT NULL AND s.enrolment_deadline < now() THEN 'deadline-passed'
                     WHEN EXISTS (SELECT 1 FROM lic WHERE lic.expired) THEN 'licence-expired'
                     WHEN s.confirmed_count < s.capacity AND s.waitlist_count = 0 THEN 'confirmed'
                     ELSE 'waitlisted' END AS seat,
                s.waitlist_count
           -- one row whatever is missing, so the course's refusals come first, as they would on their own
           FROM (SELECT 1) one LEFT JOIN c ON true LEFT JOIN s ON true
       ), used AS (${USE_LICENCE_SEAT} AND EXISTS (SELECT 1 FROM d WHERE d.seat IN ('confirmed', 'waitlisted'))
         RETURNING l.id, l.organisation_id
       ), e AS (
         SELECT d.id, d.waitlist_count, d.missing,
                CASE WHEN $6::uuid IS NOT NULL AND d.seat IN ('confirmed', 'waitlisted') AND NOT EXISTS (SELECT 1 FROM used)
                     THEN 'no-seats-left' ELSE d.seat END AS seat
           FROM d
       ), inserted AS (
         INSERT INTO enrolments (user_id, course_id, session_id, organisation_id, enrolled_by_id, status, waitlist_position, confirmed_at, licence_id)
         SELECT $1, $2, e.id, COALESCE($4, (SELECT organisation_id FROM used)), $5, e.seat,
                CASE WHEN e.seat = 'waitlisted' THEN e.waitlist_count + 1 END,
                CASE WHEN e.seat = 'confirmed' THEN now() END,
                (SELECT id FROM used)
           FROM e WHERE e.seat IN ('confirmed', 'waitlisted')
         RETURNING id, status, waitlist_position, created_at, updated_at, last_activity_at, confirmed_at
       ), ${countAndTell('inserted')}
       SELECT e.seat, e.missing, i.id, i.waitlist_position, i.created_at, i.updated_at, i.last_activity_at, i.confirmed_at
         FROM e LEFT JOIN inserted i ON true`,
      [claim.userId, claim.courseId, claim.sessionId, claim.organisationId, claim.enrolledById, claim.licenceId],
    );
    const row = rows[0];
    if (!row) return { outcome: 'missing' };
    if (row.seat === 'prerequisite-missing') return { outcome: 'prerequisite-missing', missing: row.missing };
    // A row without an enrolment id carries the reason: the course's, missing, cancelled, started, deadline-passed or a licence's.
    if (!row.id) return { outcome: row.seat as SeatRefusal };
    return { outcome: 'enrolled', seat: toTakenSeat({ ...row, id: row.id }) };
  }

  async counts(manager: EntityManager, sessionId: string): Promise<SeatCounts> {
    const [counts] = (await manager.query(
      `SELECT capacity, confirmed_count AS "confirmedCount", waitlist_count AS "waitlistCount" FROM sessions WHERE id = $1`,
      [sessionId],
    )) as SeatCounts[];
    return counts;
  }

  /** The first `count` in line (lowest positions) get a seat. */
  async promoteFromWaitlist(manager: EntityManager, sessionId: string, count: number): Promise<SeatHolder[]> {
    if (count <= 0) return [];
    const rows: Array<{ id: string; user_id: string }> = await manager.query(
      `WITH promoted AS (
         UPDATE enrolments e
            SET status = 'confirmed', waitlist_position = NULL, confirmed_at = now(), updated_at = now()
           FROM (SELECT id, waitlist_position FROM enrolments
                  WHERE session_id = $1 AND status = 'waitlisted'
                  ORDER BY waitlist_position LIMIT $2) first_in_line
          WHERE e.id = first_in_line.id
        RETURNING e.id, e.user_id, first_in_line.waitlist_position AS was_position)
       SELECT id, user_id FROM promoted ORDER BY was_position`,
      [sessionId, count],
    );
    if (rows.length > 0) {
      await this.adjustCounts(manager, sessionId, rows.length, -rows.length);
      await this.renumberWaitlist(manager, sessionId);
    }
    return rows.map((r) => ({ id: r.id, userId: r.user_id }));
  }

  /** One waitlisted person gets a seat (a trainer's choice). Returns false if not waitlisted here. */
  async confirmWaitlisted(manager: EntityManager, sessionId: string, enrolmentId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH confirmed AS (
         UPDATE enrolments SET status = 'confirmed', waitlist_position = NULL, confirmed_at = now(), updated_at = now()
          WHERE id = $1 AND session_id = $2 AND status = 'waitlisted' RETURNING id)
       SELECT id FROM confirmed`,
      [enrolmentId, sessionId],
    );
    if (rows.length === 0) return false;
    await this.adjustCounts(manager, sessionId, 1, -1);
    await this.renumberWaitlist(manager, sessionId);
    return true;
  }

  /**
   * An enrolment of this session was cancelled while it held a seat or a place in line
   * (the enrolment row itself is the caller's): the counts follow, and the line closes up.
   */
  async release(manager: EntityManager, sessionId: string, was: 'confirmed' | 'waitlisted'): Promise<void> {
    await this.adjustCounts(manager, sessionId, was === 'confirmed' ? -1 : 0, was === 'waitlisted' ? -1 : 0);
    if (was === 'waitlisted') await this.renumberWaitlist(manager, sessionId);
  }

  /**
   * Closes the gaps: positions become 1..n in their old order. The unique index on
   * (session, position) is checked row by row, so a single shifting UPDATE can collide
   * with itself; moving everyone out of the way first (positions above any real one)
   * and then back in avoids that.
   */
  private async renumberWaitlist(manager: EntityManager, sessionId: string): Promise<void> {
    const [gap] = (await manager.query(
      `SELECT count(*)::int AS n, coalesce(max(waitlist_position), 0)::int AS top
         FROM enrolments WHERE session_id = $1 AND status = 'waitlisted'`,
      [sessionId],
    )) as Array<{ n: number; top: number }>;
    if (gap.n === gap.top) return;
    await manager.query(
      `UPDATE enrolments SET waitlist_position = waitlist_position + $2
        WHERE session_id = $1 AND status = 'waitlisted'`,
      [sessionId, gap.top],
    );
    await manager.query(
      `UPDATE enrolments e SET waitlist_position = ordered.position
         FROM (SELECT id, row_number() OVER (ORDER BY waitlist_position)::int AS position
                 FROM enrolments WHERE session_id = $1 AND status = 'waitlisted') ordered
        WHERE e.id = ordered.id`,
      [sessionId],
    );
  }

  /** The session is cancelled: every open enrolment is too. */
  async cancelOpenEnrolments(manager: EntityManager, sessionId: string): Promise<SeatHolder[]> {
    const rows: Array<{ id: string; user_id: string }> = await manager.query(
      `WITH cancelled AS (
         UPDATE enrolments SET status = 'cancelled', waitlist_position = NULL, cancelled_at = now(), updated_at = now()
          WHERE session_id = $1 AND status IN ('confirmed', 'waitlisted')
        RETURNING id, user_id)
       SELECT id, user_id FROM cancelled`,
      [sessionId],
    );
    await manager.query(`UPDATE sessions SET confirmed_count = 0, waitlist_count = 0 WHERE id = $1`, [sessionId]);
    return rows.map((r) => ({ id: r.id, userId: r.user_id }));
  }

  async confirmedEnrolments(manager: EntityManager, sessionId: string): Promise<SeatHolder[]> {
    const rows: Array<{ id: string; user_id: string }> = await manager.query(
      `SELECT id, user_id FROM enrolments WHERE session_id = $1 AND status = 'confirmed' ORDER BY confirmed_at, id`,
      [sessionId],
    );
    return rows.map((r) => ({ id: r.id, userId: r.user_id }));
  }

  private async adjustCounts(manager: EntityManager, sessionId: string, confirmed: number, waitlisted: number): Promise<void> {
    await manager.query(
      `UPDATE sessions SET confirmed_count = confirmed_count + $2, waitlist_count = waitlist_count + $3, updated_at = now() WHERE id = $1`,
      [sessionId, confirmed, waitlisted],
    );
  }

  /**
   * Settles enrolments of ended sessions in one statement, counters with them: waitlisted at
   * the end → not-admitted; confirmed and still not completed `graceDays` after the end →
   * no-show (the grace leaves trainers time to record attendance). Returns how many.
   */
  async settleEnded(graceDays: number): Promise<{ notAdmitted: number; noShow: number }> {
    const rows: Array<{ not_admitted: number; no_show: number }> = await this.dataSource.query(
      `WITH settled AS (
         UPDATE enrolments e
            SET status = CASE WHEN e.status = 'waitlisted' THEN 'not-admitted' ELSE 'no-show' END,
                waitlist_position = NULL, updated_at = now()
           FROM sessions s
          WHERE e.session_id = s.id
            AND ((e.status = 'waitlisted' AND s.ends_at < now())
              OR (e.status = 'confirmed' AND s.ends_at < now() - make_interval(days => $1)))
         RETURNING e.id, e.user_id, e.session_id, e.status),
       told AS (
         INSERT INTO outbox_events (topic, payload)
         SELECT 'enrolment.settled', jsonb_build_object('enrolmentId', id, 'userId', user_id) FROM settled),
       counts AS (
         SELECT session_id, count(*) FILTER (WHERE status = 'not-admitted')::int AS w, count(*) FILTER (WHERE status = 'no-show')::int AS c
           FROM settled GROUP BY session_id),
       adjusted AS (
         UPDATE sessions s SET waitlist_count = s.waitlist_count - counts.w, confirmed_count = s.confirmed_count - counts.c
           FROM counts WHERE s.id = counts.session_id RETURNING s.id)
       SELECT coalesce(sum(w), 0)::int AS not_admitted, coalesce(sum(c), 0)::int AS no_show FROM counts`,
      [graceDays],
    );
    return { notAdmitted: rows[0]?.not_admitted ?? 0, noShow: rows[0]?.no_show ?? 0 };
  }
}
