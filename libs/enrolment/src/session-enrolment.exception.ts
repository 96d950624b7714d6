import { DomainException } from '@schakel/common';

/** Errors of enrolment in live sessions, cancellation and attendance. */
export const SessionEnrolmentError = {
  sessionNotFound: () => new DomainException(404, 'enrolment.session-not-found', 'Session not found'),
  sessionCancelled: () => new DomainException(409, 'enrolment.session-cancelled', 'This session is cancelled'),
  sessionStarted: () =>
    new DomainException(422, 'enrolment.session-started', 'This session has already started', [{ field: 'sessionId', problem: 'has already started' }]),
  deadlinePassed: () =>
    new DomainException(422, 'enrolment.deadline-passed', 'The enrolment deadline has passed', [{ field: 'sessionId', problem: 'enrolment deadline has passed' }]),
  otherSession: () =>
    new DomainException(409, 'enrolment.already-enrolled', 'This person is already enrolled in another session of this course'),
  notCancellable: (status: string) => new DomainException(409, 'enrolment.not-cancellable', `A ${status} enrolment cannot be cancelled`),
  notWaitlisted: () => new DomainException(409, 'enrolment.not-waitlisted', 'This person is not on the waitlist'),
  noSeat: () => new DomainException(409, 'enrolment.session-full', 'No seat is free in this session'),
  notInSession: (field: string) =>
    new DomainException(404, 'enrolment.not-in-session', 'Enrolment not found in this session', [{ field, problem: 'is not an enrolment of this session' }]),
  noSeatToAttend: (field: string) =>
    new DomainException(422, 'enrolment.not-confirmed', 'Only people with a seat can be marked', [{ field, problem: 'has no seat in this session' }]),
  unknownMeeting: (field: string) =>
    new DomainException(400, 'enrolment.unknown-meeting', 'Not a meeting of this session', [{ field, problem: 'is not a meeting of this session' }]),
  rosterForbidden: () => new DomainException(403, 'enrolment.roster-forbidden', "Only the session's trainers and organisation admins see its enrolments"),
};
