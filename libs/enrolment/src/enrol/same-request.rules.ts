import { EnrolmentError } from '../enrolment.exception';
import type { Enrolment } from '../entities/enrolment.entity';
import type { EnrolmentResult } from './enrolment.types';

/**
 * The person already has an open enrolment in the course (the partial unique index said
 * so). The same request again (a retry, a double click, a parallel request) gets that
 * enrolment back; anything else is 409. `sessionId` is the session asked for, null when
 * the online part was asked for.
 */
export function sameRequestOrConflict(existing: Enrolment, sessionId: string | null): EnrolmentResult {
  if (existing.sessionId === sessionId) return { enrolment: existing, created: false };
  throw sessionId !== null && existing.sessionId !== null ? EnrolmentError.otherSession() : EnrolmentError.alreadyEnrolled();
}
