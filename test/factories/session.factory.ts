/**
 * Sessions, two ways: `scheduleSession` through the API as a trainer (the seat and visibility suites),
 * `insertSession` / `insertSessionIn` straight into the tables with exact meeting instants (the messaging suites).
 */
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TestApi } from '../support/app';
import type { Person } from './person.factory';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SessionOptions {
  capacity?: number;
  visibility?: 'open' | 'in-company';
  organisationId?: string;
  /** Days from now of the first meeting (default 30). */
  inDays?: number;
  meetings?: Array<{ startsAt: string; endsAt: string }>;
  enrolmentDeadline?: string;
  trainerIds?: string[];
}

export interface SessionBody {
  id: string;
  courseId: string;
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
  sequence: number;
  status: string;
  meetings: Array<{ id: string; startsAt: string; endsAt: string; sequence: number; cancelledAt: string | null }>;
}

/** Schedules a session through the API, as a trainer would (two three-hour meetings a week apart unless given). */
export async function scheduleSession(api: TestApi, trainer: Person, course: { id: string }, options: SessionOptions = {}): Promise<SessionBody> {
  const start = Date.now() + (options.inDays ?? 30) * DAY;
  const meetings = options.meetings ?? [
    { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3 * HOUR).toISOString() },
    { startsAt: new Date(start + 7 * DAY).toISOString(), endsAt: new Date(start + 7 * DAY + 3 * HOUR).toISOString() },
  ];
  const response = await api.http().post(`/api/courses/${course.id}/sessions`).set(trainer.auth).send({
    meetings,
    location: 'Buurthuis De Schakel, Utrecht',
    capacity: options.capacity ?? 20,
    visibility: options.visibility ?? 'open',
    ...(options.organisationId ? { organisationId: options.organisationId } : {}),
    ...(options.enrolmentDeadline ? { enrolmentDeadline: options.enrolmentDeadline } : {}),
    ...(options.trainerIds ? { trainerIds: options.trainerIds } : {}),
  });
  if (response.status !== 201) throw new Error(`scheduling failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as SessionBody;
}

export interface SessionRow {
  id: string;
  meetingIds: string[];
}

export interface SessionRowOptions {
  location?: string | null;
  onlineUrl?: string | null;
  capacity?: number;
  sequence?: number;
}

/** Directly into the tables: a session with meetings ([start, end] pairs); starts_at/ends_at follow them. */
export async function insertSession(
  app: INestApplicationContext,
  courseId: string,
  meetings: Array<[Date, Date]>,
  options: SessionRowOptions = {},
): Promise<SessionRow> {
  const ds = app.get(DataSource);
  const [session] = await ds.query(
    `INSERT INTO sessions (course_id, location, online_url, capacity, starts_at, ends_at, sequence)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      courseId,
      options.location === undefined ? 'Buurthuis De Linde, Utrecht' : options.location,
      options.onlineUrl ?? null,
      options.capacity ?? 50,
      meetings[0][0],
      meetings[meetings.length - 1][1],
      options.sequence ?? 0,
    ],
  );
  const meetingIds: string[] = [];
  for (const [startsAt, endsAt] of meetings) {
    const [m] = await ds.query(`INSERT INTO meetings (session_id, starts_at, ends_at) VALUES ($1, $2, $3) RETURNING id`, [session.id, startsAt, endsAt]);
    meetingIds.push(m.id);
  }
  return { id: session.id, meetingIds };
}

/** Directly into the tables: a one-meeting session starting `hoursAhead` from now, six hours long. */
export function insertSessionIn(app: INestApplicationContext, courseId: string, hoursAhead: number, options: SessionRowOptions = {}): Promise<SessionRow> {
  const start = new Date(Date.now() + hoursAhead * HOUR);
  return insertSession(app, courseId, [[start, new Date(start.getTime() + 6 * HOUR)]], options);
}

export interface StoredEnrolment {
  id: string;
  user_id: string;
  status: string;
  waitlist_position: number | null;
}

/** What the database holds for a session: its enrolments and its counters. */
export async function sessionState(app: INestApplicationContext, sessionId: string) {
  const ds = app.get(DataSource);
  const enrolments: StoredEnrolment[] = await ds.query(
    `SELECT id, user_id, status, waitlist_position FROM enrolments WHERE session_id = $1 ORDER BY waitlist_position NULLS FIRST, created_at`,
    [sessionId],
  );
  const [session] = (await ds.query(`SELECT capacity, confirmed_count, waitlist_count, sequence, status FROM sessions WHERE id = $1`, [sessionId])) as Array<{
    capacity: number; confirmed_count: number; waitlist_count: number; sequence: number; status: string;
  }>;
  const confirmed = enrolments.filter((e) => e.status === 'confirmed');
  const waitlisted = enrolments.filter((e) => e.status === 'waitlisted');
  return { session, enrolments, confirmed, waitlisted, positions: waitlisted.map((e) => e.waitlist_position) };
}

/**
 * Time travel for attendance: moves the session back so that its last meeting started an hour
 * ago (every meeting has begun). Enrol first: a started session takes no new enrolments.
 */
export async function meetingsHaveStarted(app: INestApplicationContext, sessionId: string): Promise<void> {
  await app.get(DataSource).transaction(async (manager) => {
    const [{ shift }]: Array<{ shift: string }> = await manager.query(
      `SELECT (max(starts_at) - now() + interval '1 hour')::text AS shift FROM meetings WHERE session_id = $1`,
      [sessionId],
    );
    await manager.query(`UPDATE meetings SET starts_at = starts_at - $2::interval, ends_at = ends_at - $2::interval WHERE session_id = $1`, [sessionId, shift]);
    await manager.query(`UPDATE sessions SET starts_at = starts_at - $2::interval, ends_at = ends_at - $2::interval WHERE id = $1`, [sessionId, shift]);
  });
}

/** Time travel: moves the whole session so that its last meeting ended `days` days ago. */
export async function sessionEndedDaysAgo(app: INestApplicationContext, sessionId: string, days: number): Promise<void> {
  await app.get(DataSource).transaction(async (manager) => {
    const [{ shift }]: Array<{ shift: string }> = await manager.query(
      `SELECT (max(ends_at) - now() + make_interval(days => $2))::text AS shift FROM meetings WHERE session_id = $1`,
      [sessionId, days],
    );
    await manager.query(`UPDATE meetings SET starts_at = starts_at - $2::interval, ends_at = ends_at - $2::interval WHERE session_id = $1`, [sessionId, shift]);
    await manager.query(`UPDATE sessions SET starts_at = starts_at - $2::interval, ends_at = ends_at - $2::interval WHERE id = $1`, [sessionId, shift]);
  });
}
