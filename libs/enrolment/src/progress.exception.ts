import { DomainException, type FieldProblem } from '@schakel/common';

/** Errors of online progress (lessons, quiz attempts); the enrolment itself has EnrolmentError. */
export const ProgressError = {
  enrolmentNotFound: () => new DomainException(404, 'enrolment.not-found', 'Enrolment not found'),
  lessonNotFound: () => new DomainException(404, 'enrolment.lesson-not-found', 'This lesson is not part of the course'),
  quizNotFound: () => new DomainException(404, 'enrolment.quiz-not-found', 'This course has no quiz'),
  notOpen: (status: string) =>
    new DomainException(409, 'enrolment.not-in-progress', `Progress cannot be recorded on a ${status} enrolment`),
  attemptsExhausted: (max: number) =>
    new DomainException(409, 'enrolment.quiz-attempts-exhausted', `All ${max} quiz attempts have been used`),
  invalidAnswers: (problems: FieldProblem[]) =>
    new DomainException(400, 'common.validation', problems.map((p) => `${p.field} ${p.problem}`).join('; '), problems),
};
