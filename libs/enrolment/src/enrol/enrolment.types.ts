import type { Course } from '@schakel/catalogue';
import type { Enrolment } from '../entities/enrolment.entity';

/** What an enrolment path needs, after the common checks (learner, course, prerequisites). */
export interface EnrolmentRequest {
  actorId: string;
  learnerId: string;
  /** Set when an org admin enrols one of their members. */
  organisationId: string | null;
  course: Course;
  sessionId?: string;
  /** The licence whose seat this enrolment uses, if any. */
  licenceId: string | null;
  /** A by-organisation course without a licence: only an in-company session may take the person. */
  inCompanyOnly: boolean;
}

/** A seat in a session: the seat statement checks the course itself (so no Course is needed). */
export interface SessionSeatRequest {
  actorId: string;
  learnerId: string;
  organisationId: string | null;
  courseId: string;
  sessionId: string;
  licenceId: string | null;
}

export interface EnrolmentResult {
  enrolment: Enrolment;
  /** false when an identical earlier enrolment was returned, or an existing one moved. */
  created: boolean;
  /** true when the online part of a blended course was moved into the session asked for (the same enrolment id). */
  moved?: boolean;
}
