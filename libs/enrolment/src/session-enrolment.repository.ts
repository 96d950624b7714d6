import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
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

interface AtomicRow {
  seat: string;
  id: string | null;
  waitlist_position: number | null;
  created_at: Date;
  updated_at: Date;
  last_activity_at: Date;
  confirmed_at: Date | null;
}

export type AtomicEnrolment =
  | { outcome: 'enrolled'; enrolment: Enrolment }
  | { outcome: 'missing' | 'cancelled' | 'started' | 'deadline-passed' };

/** The SQL of seats taken and given back by learners. */
@Injectable()
export class SessionEnrolmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The open enrolment of this person in this course, if any (read after taking the session lock). */
  findOpenForCourse(manager: EntityManager, userId: string, courseId: string): Promise<Enrolment | null> {
    return manager.getRepository(Enrolment).findOneBy({ userId, courseId, status: In(['active', 'confirmed', 'waitlisted']) });
  }

  /** Locks one enrolment row (after its session's row, always in that order). */
  lockEnrolment(manager: EntityManager, id: string): Promise<Enrolment | null> {
    return manager.getRepository(Enrolment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The whole seat decision as ONE statement, run on its own (autocommit): lock the session
   * row, check it is this course's and visible to the learner (an in-company session is
   * "missing" to non-members), check it is open, take a seat if one is free and nobody waits (else the end of
   * the line), move the counters and write the notification's outbox row. The lock is held
   * only while PostgreSQL executes and commits this statement, never across round trips
   * through a busy API process, which is what bounds a storm on one session.
   * A newcomer is seated only when a seat is free and nobody waits: a seat freed inside the
   * promotion cutoff belongs to the line (tested end to end in waitlist.e2e-spec).
   *
   * Only the locked row is read fresh after waiting for the lock (READ COMMITTED re-checks
   * it); a subquery over enrolments would see the snapshot from before the wait. So the
   * new place in line is the locked waitlist_count + 1, which holds because the line is
   * always 1..n (cancellation renumbers it) and the count moves with every change.
   */
  async enrolAtomically(values: NewSessionEnrolment & { sessionId: string }): Promise<AtomicEnrolment> {
    const rows: AtomicRow[] = await this.dataSource.query(
      `WITH s AS (
         SELECT id, course_id, visibility, organisation_id, status, capacity, confirmed_count, waitlist_count, starts_at, enrolment_deadline
           FROM sessions WHERE id = $3 FOR UPDATE
       ), d AS (
         SELECT s.id,
                CASE WHEN s.course_id <> $2
                       OR (s.visibility = 'in-company' AND NOT EXISTS (
                             SELECT 1 FROM memberships m WHERE m.organisation_id = s.organisation_id AND m.user_id = $1))
                     THEN 'missing'
                     WHEN s.status <> 'scheduled' THEN 'cancelled'
                     WHEN s.starts_at <= now() THEN 'started'
                     WHEN s.enrolment_deadline IS NOT NULL AND s.enrolment_deadline < now() THEN 'deadline-passed'
                     WHEN s.confirmed_count < s.capacity AND s.waitlist_count = 0 THEN 'confirmed'
                     ELSE 'waitlisted' END AS seat,
                s.waitlist_count
           FROM s
       ), inserted AS (
         INSERT INTO enrolments (user_id, course_id, session_id, organisation_id, enrolled_by_id, status, waitlist_position, confirmed_at)
         SELECT $1, $2, d.id, $4, $5, d.seat,
                CASE WHEN d.seat = 'waitlisted' THEN d.waitlist_count + 1 END,
                CASE WHEN d.seat = 'confirmed' THEN now() END
           FROM d WHERE d.seat IN ('confirmed', 'waitlisted')
         RETURNING id, status, waitlist_position, created_at, updated_at, last_activity_at, confirmed_at
       ), counted AS (
         UPDATE sessions
            SET confirmed_count = confirmed_count + (SELECT count(*) FROM inserted WHERE status = 'confirmed'),
                waitlist_count = waitlist_count + (SELECT count(*) FROM inserted WHERE status = 'waitlisted')
          WHERE id = $3 AND EXISTS (SELECT 1 FROM inserted)
       ), told AS (
         INSERT INTO outbox_events (topic, payload)
         SELECT 'enrolment.' || i.status, jsonb_build_object('userId', $1::uuid, 'enrolmentId', i.id, 'sessionId', $3::uuid)
           FROM inserted i
       )
       SELECT d.seat, i.id, i.waitlist_position, i.created_at, i.updated_at, i.last_activity_at, i.confirmed_at
         FROM d LEFT JOIN inserted i ON true`,
      [values.userId, values.courseId, values.sessionId, values.organisationId, values.enrolledById],
    );
    const row = rows[0];
    if (!row) return { outcome: 'missing' };
    if (!row.id) return { outcome: row.seat as Exclude<AtomicEnrolment['outcome'], 'enrolled'> };
    // (a row without an enrolment id carries the reason: missing, cancelled, started or deadline-passed)
    const enrolment = new Enrolment();
    Object.assign(enrolment, {
      ...values,
      id: row.id,
      status: row.seat,
      waitlistPosition: row.waitlist_position,
      confirmedAt: row.confirmed_at,
      cancelledAt: null,
      completedAt: null,
      lastActivityAt: row.last_activity_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
    return { outcome: 'enrolled', enrolment };
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
