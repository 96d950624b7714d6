import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SeatRefusal, TakenSeat } from './seat-ledger.repository';
import { countAndTell, LOCKED_SESSION, NOT_HER_SESSION, toTakenSeat, type SeatedRow } from './seat.sql';

/** A learner's open online enrolment (the online part of a blended course) asks for a seat in one of its sessions. */
export interface SeatMove {
  enrolmentId: string;
  sessionId: string;
  userId: string;
  courseId: string;
  /** A by-organisation course whose online part used no licence: only an in-company session may seat the person. */
  inCompanyOnly: boolean;
}

/** `gone`: the enrolment was no longer an open online one when the session's lock was ours (a parallel move, a cancellation). */
export type SeatMoveOutcome = { outcome: 'moved'; seat: TakenSeat } | { outcome: Exclude<SeatRefusal, 'licence-missing' | 'licence-expired' | 'no-seats-left'> | 'gone' };


/**
 * The seat decision of SeatLedgerRepository.takeSeat for an enrolment that already exists:
 * the same one statement (session row locked, the same checks in the same order, a seat if
 * one is free and nobody waits, else the end of the line, counters and outbox row with it),
 * but it UPDATEs the online enrolment into the session instead of inserting a new one. The
 * row keeps its id, so its lessons, quiz attempts and licence seat stay with it (no second
 * licence seat is used). The UPDATE re-checks `session_id IS NULL AND status = 'active'` on
 * the committed row after any wait (READ COMMITTED), so two moves at once move it once; the
 * second finds nothing to move and the counters do not change.
 */
@Injectable()
export class SeatMoveRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async moveIntoSession(move: SeatMove): Promise<SeatMoveOutcome> {
    const rows: SeatedRow[] = await this.dataSource.query(
      `WITH s AS (${LOCKED_SESSION}), d AS (
         SELECT s.id,
                CASE WHEN ${NOT_HER_SESSION}
                     THEN 'missing'
                     WHEN $5::boolean AND s.visibility <> 'in-company' THEN 'seat-required'
                     WHEN s.status <> 'scheduled' THEN 'cancelled'
                     WHEN s.starts_at <= now() THEN 'started'
                     WHEN s.enrolment_deadline IS NOT NULL AND s.enrolment_deadline < now() THEN 'deadline-passed'
                     WHEN s.confirmed_count < s.capacity AND s.waitlist_count = 0 THEN 'confirmed'
                     ELSE 'waitlisted' END AS seat,
                s.waitlist_count
           FROM s
       ), moved AS (
         UPDATE enrolments e
            SET session_id = d.id, status = d.seat,
                waitlist_position = CASE WHEN d.seat = 'waitlisted' THEN d.waitlist_count + 1 END,
                confirmed_at = CASE WHEN d.seat = 'confirmed' THEN now() END,
                updated_at = now()
           FROM d
          WHERE e.id = $4 AND e.user_id = $1 AND e.course_id = $2 AND e.session_id IS NULL AND e.status = 'active'
            AND d.seat IN ('confirmed', 'waitlisted')
         RETURNING e.id, e.status, e.waitlist_position, e.created_at, e.updated_at, e.last_activity_at, e.confirmed_at
       ), ${countAndTell('moved')}
       SELECT CASE WHEN d.seat IN ('confirmed', 'waitlisted') AND m.id IS NULL THEN 'gone' ELSE d.seat END AS seat,
              m.id, m.waitlist_position, m.created_at, m.updated_at, m.last_activity_at, m.confirmed_at
         FROM d LEFT JOIN moved m ON true`,
      [move.userId, move.courseId, move.sessionId, move.enrolmentId, move.inCompanyOnly],
    );
    const row = rows[0];
    if (!row) return { outcome: 'missing' };
    if (!row.id) return { outcome: row.seat as Exclude<SeatMoveOutcome['outcome'], 'moved'> } as SeatMoveOutcome;
    return { outcome: 'moved', seat: toTakenSeat({ ...row, id: row.id }) };
  }
}
