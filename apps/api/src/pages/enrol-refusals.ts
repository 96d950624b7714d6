import { DomainException } from '@schakel/common';
import { EnrolmentErrorCode } from '@schakel/enrolment';

/**
 * Every refusal of the enrolment service a person can meet on a page (enrolling herself from a
 * course page, or an org admin enrolling a member), as the key of the sentence the page shows
 * instead of the code. Anything else is not theirs to fix: the exception filter renders it.
 */
const REFUSALS: Partial<Record<string, string>> = {
  [EnrolmentErrorCode.PrerequisiteMissing]: 'prerequisiteMissing',
  [EnrolmentErrorCode.AlreadyEnrolled]: 'alreadyEnrolled',
  [EnrolmentErrorCode.SessionFull]: 'sessionFull',
  [EnrolmentErrorCode.DeadlinePassed]: 'deadlinePassed',
  [EnrolmentErrorCode.SessionStarted]: 'sessionStarted',
  [EnrolmentErrorCode.SessionCancelled]: 'sessionCancelled',
  [EnrolmentErrorCode.SessionNotFound]: 'sessionNotFound',
  [EnrolmentErrorCode.SessionRequired]: 'sessionRequired',
  [EnrolmentErrorCode.OnlineHasNoSessions]: 'noSessionsOnline',
  [EnrolmentErrorCode.SeatRequired]: 'seatRequired',
  [EnrolmentErrorCode.LicenceNotFound]: 'licenceMissing',
  [EnrolmentErrorCode.LicenceExpired]: 'licenceExpired',
  [EnrolmentErrorCode.LicenceNoSeatsLeft]: 'licenceFull',
  [EnrolmentErrorCode.LearnerNotFound]: 'learnerNotFound',
  [EnrolmentErrorCode.CourseNotFound]: 'courseNotFound',
};

/** Refusals that only someone enrolling another person meets (oneself always exists; a missing course page is "niet gevonden"). */
const FOR_ADMINS_ONLY = new Set([EnrolmentErrorCode.LearnerNotFound, EnrolmentErrorCode.CourseNotFound] as string[]);

/** The key of the sentence for an enrolment refusal (`prerequisiteMissing`, …), or undefined for an error the filter renders. */
export function enrolRefusalKey(error: unknown): string | undefined {
  return error instanceof DomainException ? REFUSALS[error.code] : undefined;
}

export interface EnrolRefusal {
  /** The catalogue path of the sentence: `enrolRefused.deadlinePassed`. */
  word: string;
  status: number;
}

/** The refusal a course page can explain to the person enrolling herself, or undefined for an error the exception filter should render. */
export function enrolRefusalOf(error: unknown): EnrolRefusal | undefined {
  if (!(error instanceof DomainException) || FOR_ADMINS_ONLY.has(error.code)) return undefined;
  const key = REFUSALS[error.code];
  return key ? { word: `enrolRefused.${key}`, status: error.status === 404 ? 409 : error.status } : undefined;
}
