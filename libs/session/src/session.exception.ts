import { DomainException } from '@schakel/common';

export const SessionError = {
  notFound: () => new DomainException(404, 'session.not-found', 'Session not found'),
  courseNotFound: () => new DomainException(404, 'session.course-not-found', 'Course not found'),
  organisationNotFound: () => new DomainException(404, 'session.organisation-not-found', 'Organisation not found'),
  notLiveCourse: () =>
    new DomainException(422, 'session.course-not-live', 'Sessions are only for live or blended courses', [
      { field: 'courseId', problem: 'must be a live or blended course' },
    ]),
  mayNotSchedule: () => new DomainException(403, 'session.may-not-schedule', 'Open sessions are scheduled by platform trainers, platform administrators and the course’s author'),
  notCourseAuthor: () =>
    new DomainException(403, 'session.not-course-author', "Only this course's authors and platform administrators schedule its open sessions"),
  trainersOnly: () => new DomainException(403, 'session.trainers-only', "Only this session's trainers may do this"),
  cancelled: () => new DomainException(409, 'session.cancelled', 'This session is cancelled'),
  capacityBelowConfirmed: (confirmed: number) =>
    new DomainException(409, 'session.capacity-below-confirmed', `${confirmed} people already have a seat`, [
      { field: 'capacity', problem: `must be at least ${confirmed}, the number of confirmed people` },
    ]),
  invalid: (field: string, problem: string) => new DomainException(400, 'session.invalid', `${field} ${problem}`, [{ field, problem }]),
  trainerNotFound: (id: string) =>
    new DomainException(400, 'session.trainer-not-found', 'Unknown trainer', [{ field: 'trainerIds', problem: `${id} is not a known person` }]),
  feedNotFound: () => new DomainException(404, 'session.calendar-feed-not-found', 'Calendar feed not found'),
};
