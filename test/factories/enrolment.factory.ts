/**
 * Enrolments, three ways:
 * - `requestEnrolment` posts through the API and hands back the response, for suites that assert on it;
 * - `enrol` posts through the API and must succeed (201): it returns the enrolment id;
 * - `insertEnrolment` writes the row directly in any state (and counts a confirmed seat).
 */
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChainReportSummaryRepository } from '@schakel/certification';
import type { TestApi } from '../support/app';
import type { Person } from './person.factory';

export function requestEnrolment(api: TestApi, person: Person, courseId: string, sessionId?: string) {
  return api.http().post('/api/enrolments').set(person.auth).send(sessionId ? { courseId, sessionId } : { courseId });
}

export async function enrol(api: TestApi, learner: Person, courseId: string, sessionId?: string): Promise<string> {
  const response = await requestEnrolment(api, learner, courseId, sessionId);
  if (response.status !== 201) throw new Error(`not enrolled: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

export type EnrolmentState = 'confirmed' | 'waitlisted' | 'cancelled' | 'active';

export interface EnrolmentRowInput {
  userId: string;
  courseId: string;
  sessionId?: string | null;
  status?: EnrolmentState;
  /** For a waitlisted enrolment (default 1). */
  waitlistPosition?: number;
  lastActivityAt?: Date;
  /** The organisation that made (and owns) the enrolment. */
  organisationId?: string;
}

/** Directly into the table (active unless asked); a confirmed one also takes its seat on the session's counter. */
export async function insertEnrolment(app: INestApplicationContext, input: EnrolmentRowInput): Promise<string> {
  const ds = app.get(DataSource);
  const status = input.status ?? 'active';
  const [row] = await ds.query(
    `INSERT INTO enrolments (user_id, course_id, session_id, status, waitlist_position, confirmed_at, cancelled_at, last_activity_at, organisation_id)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $4 = 'confirmed' THEN now() END, CASE WHEN $4 = 'cancelled' THEN now() END, coalesce($6, now()), $7)
     RETURNING id`,
    [input.userId, input.courseId, input.sessionId ?? null, status, status === 'waitlisted' ? (input.waitlistPosition ?? 1) : null, input.lastActivityAt ?? null, input.organisationId ?? null],
  );
  if (input.sessionId && status === 'confirmed') {
    await ds.query(`UPDATE sessions SET confirmed_count = confirmed_count + 1 WHERE id = $1`, [input.sessionId]);
  }
  // Written around the domain (no event): the chain report's summary is refreshed as its consumer would.
  await app.get(ChainReportSummaryRepository).refreshPeople([input.userId]);
  return row.id;
}
