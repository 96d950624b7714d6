import { DomainException, type FieldProblem } from '@schakel/common';

/** Every code enrolment answers with; clients rely on them, so they never change. */
export enum EnrolmentErrorCode {
  NotFound = 'enrolment.not-found',
  CourseNotFound = 'enrolment.course-not-found',
  LearnerNotFound = 'enrolment.learner-not-found',
  PrerequisiteMissing = 'enrolment.prerequisite-missing',
  SessionRequired = 'enrolment.session-required',
  OnlineHasNoSessions = 'enrolment.online-has-no-sessions',
  AlreadyEnrolled = 'enrolment.already-enrolled',
  SessionNotFound = 'enrolment.session-not-found',
  SessionCancelled = 'enrolment.session-cancelled',
  SessionStarted = 'enrolment.session-started',
  DeadlinePassed = 'enrolment.deadline-passed',
  NotCancellable = 'enrolment.not-cancellable',
  NotWaitlisted = 'enrolment.not-waitlisted',
  SessionFull = 'enrolment.session-full',
  NotInSession = 'enrolment.not-in-session',
  NotConfirmed = 'enrolment.not-confirmed',
  UnknownMeeting = 'enrolment.unknown-meeting',
  MeetingNotStarted = 'enrolment.meeting-not-started',
  OwnAttendance = 'enrolment.own-attendance',
  RosterForbidden = 'enrolment.roster-forbidden',
  LessonNotFound = 'enrolment.lesson-not-found',
  QuizNotFound = 'enrolment.quiz-not-found',
  NotInProgress = 'enrolment.not-in-progress',
  QuizAttemptsExhausted = 'enrolment.quiz-attempts-exhausted',
  BulkInvalid = 'enrolment.bulk-invalid',
  BulkRowInvalid = 'enrolment.bulk-row-invalid',
  BulkRowFailed = 'enrolment.bulk-row-failed',
  BulkOrganisationRequired = 'enrolment.bulk-organisation-required',
  /** Field problems the validation pipe cannot see: the same code as its own answers. */
  SeatRequired = 'enrolment.seat-required',
  ImportNotFound = 'import.not-found',
  LicenceNotFound = 'licence.not-found',
  LicenceExpired = 'licence.expired',
  LicenceNoSeatsLeft = 'licence.no-seats-left',
  Validation = 'common.validation',
}

/** Enrolment, seats in sessions, cancellation, attendance, online progress and bulk enrolment. */
export const EnrolmentError = {
  importNotFound: () => new DomainException(404, EnrolmentErrorCode.ImportNotFound, 'Import not found'),
  seatRequired: () =>
    new DomainException(403, EnrolmentErrorCode.SeatRequired, 'This course is only open with a seat bought by your organisation'),
  licenceNotFound: () =>
    new DomainException(404, EnrolmentErrorCode.LicenceNotFound, 'Licence not found', [{ field: 'licenceId', problem: 'no such licence of your organisation for this course' }]),
  licenceExpired: () => new DomainException(409, EnrolmentErrorCode.LicenceExpired, 'This licence has expired'),
  noSeatsLeft: () => new DomainException(409, EnrolmentErrorCode.LicenceNoSeatsLeft, 'no seats left on this licence'),
  enrolmentNotFound: () => new DomainException(404, EnrolmentErrorCode.NotFound, 'Enrolment not found'),
  courseNotFound: () => new DomainException(404, EnrolmentErrorCode.CourseNotFound, 'Course not found'),
  learnerNotFound: () => new DomainException(404, EnrolmentErrorCode.LearnerNotFound, 'Person not found'),
  prerequisiteMissing: (titles: string[]) =>
    new DomainException(422, EnrolmentErrorCode.PrerequisiteMissing, `Complete this course first: ${titles.join(', ')}`,
      titles.map((title) => ({ field: 'courseId', problem: `requires "${title}" first` }))),
  sessionRequired: () =>
    new DomainException(400, EnrolmentErrorCode.SessionRequired, 'A live course needs a session', [
      { field: 'sessionId', problem: 'is required for a live course' },
    ]),
  noSessionsForOnline: () =>
    new DomainException(400, EnrolmentErrorCode.OnlineHasNoSessions, 'An online course has no sessions', [
      { field: 'sessionId', problem: 'must be left out for an online course' },
    ]),
  alreadyEnrolled: () =>
    new DomainException(409, EnrolmentErrorCode.AlreadyEnrolled, 'This person is already enrolled in this course'),
  otherSession: () =>
    new DomainException(409, EnrolmentErrorCode.AlreadyEnrolled, 'This person is already enrolled in another session of this course'),

  sessionNotFound: () => new DomainException(404, EnrolmentErrorCode.SessionNotFound, 'Session not found'),
  sessionCancelled: () => new DomainException(409, EnrolmentErrorCode.SessionCancelled, 'This session is cancelled'),
  sessionStarted: () =>
    new DomainException(422, EnrolmentErrorCode.SessionStarted, 'This session has already started', [{ field: 'sessionId', problem: 'has already started' }]),
  deadlinePassed: () =>
    new DomainException(422, EnrolmentErrorCode.DeadlinePassed, 'The enrolment deadline has passed', [{ field: 'sessionId', problem: 'enrolment deadline has passed' }]),
  notCancellable: (status: string) => new DomainException(409, EnrolmentErrorCode.NotCancellable, `A ${status} enrolment cannot be cancelled`),
  notWaitlisted: () => new DomainException(409, EnrolmentErrorCode.NotWaitlisted, 'This person is not on the waitlist'),
  noSeat: () => new DomainException(409, EnrolmentErrorCode.SessionFull, 'No seat is free in this session'),
  notInSession: (field: string) =>
    new DomainException(404, EnrolmentErrorCode.NotInSession, 'Enrolment not found in this session', [{ field, problem: 'is not an enrolment of this session' }]),
  noSeatToAttend: (field: string) =>
    new DomainException(422, EnrolmentErrorCode.NotConfirmed, 'Only people with a seat can be marked', [{ field, problem: 'has no seat in this session' }]),
  unknownMeeting: (field: string) =>
    new DomainException(400, EnrolmentErrorCode.UnknownMeeting, 'Not a meeting of this session', [{ field, problem: 'is not a meeting of this session' }]),
  meetingNotStarted: (field: string) =>
    new DomainException(422, EnrolmentErrorCode.MeetingNotStarted, 'Attendance can be recorded once the meeting has started', [
      { field, problem: 'has not started yet' },
    ]),
  ownAttendance: (field: string) =>
    new DomainException(403, EnrolmentErrorCode.OwnAttendance, 'A trainer cannot record her own attendance', [
      { field, problem: 'is your own enrolment' },
    ]),
  rosterForbidden: () =>
    new DomainException(403, EnrolmentErrorCode.RosterForbidden, "Only the session's trainers and organisation admins see its enrolments"),

  lessonNotFound: () => new DomainException(404, EnrolmentErrorCode.LessonNotFound, 'This lesson is not part of the course'),
  quizNotFound: () => new DomainException(404, EnrolmentErrorCode.QuizNotFound, 'This course has no quiz'),
  notInProgress: (status: string) =>
    new DomainException(409, EnrolmentErrorCode.NotInProgress, `Progress cannot be recorded on a ${status} enrolment`),
  attemptsExhausted: (max: number) =>
    new DomainException(409, EnrolmentErrorCode.QuizAttemptsExhausted, `All ${max} quiz attempts have been used`),
  invalidAnswers: (problems: FieldProblem[]) =>
    new DomainException(400, EnrolmentErrorCode.Validation, problems.map((p) => `${p.field} ${p.problem}`).join('; '), problems),

  bulkInvalid: (problem: string) =>
    new DomainException(400, EnrolmentErrorCode.BulkInvalid, `CSV: ${problem}`, [{ field: 'body', problem }]),
  bulkRowInvalid: (problem: string) => new DomainException(400, EnrolmentErrorCode.BulkRowInvalid, problem),
  /** An unexpected failure of one bulk row (logged); the other rows stand. */
  bulkRowFailed: () => new DomainException(503, EnrolmentErrorCode.BulkRowFailed, 'This row could not be processed; try it again'),
  bulkOrganisationRequired: (problem: string) =>
    new DomainException(400, EnrolmentErrorCode.BulkOrganisationRequired, 'Say which organisation: ?organisationId=', [
      { field: 'organisationId', problem },
    ]),
};

/** The seat ledger's licence refusals as this lib's errors. */
export function licenceRefused(refusal: 'licence-missing' | 'licence-expired' | 'no-seats-left'): DomainException {
  switch (refusal) {
    case 'licence-missing':
      return EnrolmentError.licenceNotFound();
    case 'licence-expired':
      return EnrolmentError.licenceExpired();
    case 'no-seats-left':
      return EnrolmentError.noSeatsLeft();
  }
}
