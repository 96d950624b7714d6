import type { CourseFormat } from '@schakel/catalogue';
import { EnrolmentError } from '../enrolment.exception';
import type { Enrolment } from '../entities/enrolment.entity';
import type { EnrolmentResult } from './enrolment.types';

/** What to do about the person's open enrolment in the course when she asks again. */
export type OpenEnrolmentAnswer =
  | { kind: 'same'; result: EnrolmentResult }
  /** The online part of a blended course, and now she picks one of its sessions: move it there (progress stays). */
  | { kind: 'move-into-session'; enrolment: Enrolment };

/**
 * The person already has an open enrolment in the course. The same request again (a retry,
 * a double click, a parallel request) gets that enrolment back. A learner doing the online
 * part of a blended course who picks a session is moved into it: a blended course is one
 * enrolment, online part and session together. Anything else is 409. `sessionId` is the
 * session asked for, null when the online part was asked for.
 */
export function answerToOpenEnrolment(existing: Enrolment, sessionId: string | null, format: CourseFormat): OpenEnrolmentAnswer {
  if (existing.sessionId === sessionId) return { kind: 'same', result: { enrolment: existing, created: false } };
  if (format === 'blended' && sessionId !== null && existing.sessionId === null && existing.status === 'active') {
    return { kind: 'move-into-session', enrolment: existing };
  }
  throw sessionId !== null && existing.sessionId !== null ? EnrolmentError.otherSession() : EnrolmentError.alreadyEnrolled();
}
