import { DomainException } from '@schakel/common';

export const CatalogueError = {
  courseNotFound: () => new DomainException(404, 'catalogue.course-not-found', 'Course not found'),
  lessonNotFound: () => new DomainException(404, 'catalogue.lesson-not-found', 'Lesson not found'),
  quizNotFound: () => new DomainException(404, 'catalogue.quiz-not-found', 'This course has no quiz'),
  notAnAuthor: () => new DomainException(403, 'catalogue.not-an-author', 'Only the authors of this course may change it'),
  notATrainer: () =>
    new DomainException(403, 'catalogue.trainer-required', 'Only trainers and platform administrators may create courses'),
  slugTaken: () =>
    new DomainException(409, 'catalogue.slug-taken', 'Another course already uses this slug', [
      { field: 'slug', problem: 'is already used by another course' },
    ]),
  unknownPrerequisites: (ids: string[]) =>
    new DomainException(400, 'catalogue.unknown-prerequisite', `Unknown prerequisite course: ${ids.join(', ')}`,
      ids.map((id) => ({ field: 'prerequisiteIds', problem: `course ${id} does not exist` }))),
  unknownRenewedCourse: () =>
    new DomainException(400, 'catalogue.unknown-course', 'renewsCourseId: course does not exist', [
      { field: 'renewsCourseId', problem: 'course does not exist' },
    ]),
  prerequisiteCycle: () =>
    new DomainException(422, 'catalogue.prerequisite-cycle', 'These prerequisites would make the course require itself', [
      { field: 'prerequisiteIds', problem: 'would create a cycle' },
    ]),
  statusTransition: (from: string, to: string) =>
    new DomainException(409, 'catalogue.status-transition', `A ${from} course cannot become ${to}`, [
      { field: 'status', problem: `cannot change from ${from} to ${to}` },
    ]),
  onlineWithoutLessons: () =>
    new DomainException(422, 'catalogue.no-lessons', 'An online course needs at least one lesson before it is published'),
  passMarkRequired: () =>
    new DomainException(400, 'common.validation', 'passMark is required when the course has no pass mark', [
      { field: 'passMark', problem: 'is required when the course has no pass mark' },
    ]),
  unknownChainRole: (role: string, allowed: readonly string[]) =>
    new DomainException(400, 'catalogue.unknown-chain-role', `Unknown chain role "${role}"`, [
      { field: 'chainRole', problem: `must be one of: ${allowed.join(', ')}` },
    ]),
};
