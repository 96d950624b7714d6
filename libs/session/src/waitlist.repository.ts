import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface SeatHolder {
  id: string;
  userId: string;
}

/**
 * The seat ledger's SQL: moves enrolments of ONE session between waitlisted, confirmed
 * and cancelled, and keeps `sessions.confirmed_count` / `waitlist_count` in step.
 * Every method expects the caller to hold the session row's lock (FOR UPDATE), which
 * serialises all seat changes of that session; the CHECK on the counts is the backstop.
 * It lives with sessions (not enrolments) because capacity changes and cancellations of a
 * session need it too, and the enrolment domain already depends on this one.
 * (UPDATE ... RETURNING is wrapped in a CTE: TypeORM hands back [rows, count] for a bare UPDATE.)
 */
@Injectable()
export class WaitlistRepository {
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
   * Closes the gaps: positions become 1..n in their old order. The unique index on
   * (session, position) is checked row by row, so a single shifting UPDATE can collide
   * with itself; moving everyone out of the way first (positions above any real one)
   * and then back in avoids that.
   */
  async renumberWaitlist(manager: EntityManager, sessionId: string): Promise<void> {
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

  async adjustCounts(manager: EntityManager, sessionId: string, confirmed: number, waitlisted: number): Promise<void> {
    await manager.query(
      `UPDATE sessions SET confirmed_count = confirmed_count + $2, waitlist_count = waitlist_count + $3, updated_at = now() WHERE id = $1`,
      [sessionId, confirmed, waitlisted],
    );
  }
}
