import { DomainException } from '@schakel/common';

export const EnrolmentError = {
  courseNotFound: () => new DomainException(404, 'enrolment.course-not-found', 'Course not found'),
  learnerNotFound: () => new DomainException(404, 'enrolment.learner-not-found', 'Person not found'),
  enrolmentNotFound: () => new DomainException(404, 'enrolment.not-found', 'Enrolment not found'),
  prerequisiteMissing: (titles: string[]) =>
    new DomainException(422, 'enrolment.prerequisite-missing', `Complete this course first: ${titles.join(', ')}`,
      titles.map((title) => ({ field: 'courseId', problem: `requires "${title}" first` }))),
  sessionRequired: () =>
    new DomainException(400, 'enrolment.session-required', 'A live course needs a session', [
      { field: 'sessionId', problem: 'is required for a live course' },
    ]),
  noSessionsForOnline: () =>
    new DomainException(400, 'enrolment.online-has-no-sessions', 'An online course has no sessions', [
      { field: 'sessionId', problem: 'must be left out for an online course' },
    ]),
  alreadyEnrolled: () =>
    new DomainException(409, 'enrolment.already-enrolled', 'This person is already enrolled in this course'),
};
