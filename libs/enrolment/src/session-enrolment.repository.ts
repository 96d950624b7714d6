import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { decideSeat, type Session } from '@schakel/session';
import { Enrolment } from './entities/enrolment.entity';

export interface NewSessionEnrolment {
  userId: string;
  courseId: string;
  organisationId: string | null;
  enrolledById: string;
}

export interface RosterRow {
  id: string;
  userId: string;
  name: string;
  email: string;
  status: string;
  waitlistPosition: number | null;
  createdAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
}

/** The SQL of seats taken and given back by learners. Callers hold the session row's lock. */
@Injectable()
export class SessionEnrolmentRepository {
  /** The open enrolment of this person in this course, if any (read after taking the session lock). */
  findOpenForCourse(manager: EntityManager, userId: string, courseId: string): Promise<Enrolment | null> {
    return manager.getRepository(Enrolment).findOneBy({ userId, courseId, status: In(['active', 'confirmed', 'waitlisted']) });
  }

  /** Locks one enrolment row (after its session's row, always in that order). */
  lockEnrolment(manager: EntityManager, id: string): Promise<Enrolment | null> {
    return manager.getRepository(Enrolment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * A seat if one is free and nobody waits, else the end of the line (max position + 1);
   * the session's counts move with it. The session row must be locked by the caller.
   */
  async confirmOrWaitlist(manager: EntityManager, session: Session, values: NewSessionEnrolment): Promise<Enrolment> {
    const seat = decideSeat(session);
    // One statement: the row (at the end of the line when waitlisted) and the counters.
    const rows: Array<{ id: string; waitlist_position: number | null; created_at: Date; updated_at: Date; last_activity_at: Date; confirmed_at: Date | null }> =
      await manager.query(
        `WITH inserted AS (
           INSERT INTO enrolments (user_id, course_id, session_id, organisation_id, enrolled_by_id, status, waitlist_position, confirmed_at)
           VALUES ($1, $2, $3, $4, $5, $6,
                   CASE WHEN $6 = 'waitlisted' THEN (SELECT coalesce(max(waitlist_position), 0) + 1 FROM enrolments
                                                      WHERE session_id = $3 AND status = 'waitlisted') END,
                   CASE WHEN $6 = 'confirmed' THEN now() END)
           RETURNING id, waitlist_position, created_at, updated_at, last_activity_at, confirmed_at),
         counted AS (
           UPDATE sessions SET confirmed_count = confirmed_count + $7, waitlist_count = waitlist_count + $8
            WHERE id = $3 AND EXISTS (SELECT 1 FROM inserted))
         SELECT * FROM inserted`,
        [values.userId, values.courseId, session.id, values.organisationId, values.enrolledById, seat,
          seat === 'confirmed' ? 1 : 0, seat === 'waitlisted' ? 1 : 0],
      );
    const row = rows[0];
    return manager.getRepository(Enrolment).create({
      ...values,
      id: row.id,
      sessionId: session.id,
      status: seat,
      waitlistPosition: row.waitlist_position,
      confirmedAt: row.confirmed_at,
      cancelledAt: null,
      completedAt: null,
      lastActivityAt: row.last_activity_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
  }

  /** Gives up a seat or a place in line; the caller renumbers and promotes. */
  async markCancelled(manager: EntityManager, enrolment: Enrolment): Promise<Enrolment> {
    const was = enrolment.status;
    await manager.query(
      `UPDATE enrolments SET status = 'cancelled', waitlist_position = NULL, cancelled_at = now(), updated_at = now() WHERE id = $1`,
      [enrolment.id],
    );
    if (enrolment.sessionId && (was === 'confirmed' || was === 'waitlisted')) {
      await manager.query(
        `UPDATE sessions SET confirmed_count = confirmed_count - $2, waitlist_count = waitlist_count - $3 WHERE id = $1`,
        [enrolment.sessionId, was === 'confirmed' ? 1 : 0, was === 'waitlisted' ? 1 : 0],
      );
    }
    return (await manager.getRepository(Enrolment).findOneBy({ id: enrolment.id }))!;
  }

  /** Enrolments of a session for its roster; `onlyMembersOf` limits it to people of these organisations. */
  async roster(sessionId: string, manager: EntityManager, page: { limit: number; offset: number; onlyMembersOf?: string[] }): Promise<{ items: RosterRow[]; total: number }> {
    const params: unknown[] = [sessionId];
    let memberFilter = '';
    if (page.onlyMembersOf) {
      params.push(page.onlyMembersOf);
      memberFilter = `AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = e.user_id AND m.organisation_id = ANY($${params.length}))`;
    }
    const [count] = (await manager.query(`SELECT count(*)::int AS n FROM enrolments e WHERE e.session_id = $1 ${memberFilter}`, params)) as Array<{ n: number }>;
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT e.id, e.user_id, u.name, u.email, e.status, e.waitlist_position, e.created_at, e.confirmed_at, e.cancelled_at
         FROM enrolments e JOIN users u ON u.id = e.user_id
        WHERE e.session_id = $1 ${memberFilter}
        ORDER BY CASE e.status WHEN 'confirmed' THEN 0 WHEN 'completed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END,
                 e.waitlist_position NULLS LAST, e.confirmed_at NULLS LAST, e.created_at, e.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    return {
      total: count.n,
      items: rows.map((r) => ({
        id: r.id as string,
        userId: r.user_id as string,
        name: r.name as string,
        email: r.email as string,
        status: r.status as string,
        waitlistPosition: r.waitlist_position as number | null,
        createdAt: r.created_at as Date,
        confirmedAt: r.confirmed_at as Date | null,
        cancelledAt: r.cancelled_at as Date | null,
      })),
    };
  }
}
