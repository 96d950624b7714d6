import { DomainException } from '@schakel/common';
import { EnrolmentErrorCode } from '@schakel/enrolment';

/**
 * Every refusal of the enrolment service a person can meet from a course page, as the word
 * (`enrolRefused.<key>`) the page shows instead of the code. Anything else is not hers to fix
 * (a missing course is the "niet gevonden" page, the database down a 503 page): the filter.
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
};

export interface EnrolRefusal {
  /** The catalogue path of the sentence: `enrolRefused.deadlinePassed`. */
  word: string;
  status: number;
}

/** The refusal a page can explain, or undefined for an error the exception filter should render. */
export function enrolRefusalOf(error: unknown): EnrolRefusal | undefined {
  if (!(error instanceof DomainException)) return undefined;
  const key = REFUSALS[error.code];
  return key ? { word: `enrolRefused.${key}`, status: error.status === 404 ? 409 : error.status } : undefined;
}
