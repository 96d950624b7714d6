import { DomainException, type FieldProblem } from '@schakel/common';

/** Every code the catalogue answers with; clients rely on them, so they never change. */
export enum CatalogueErrorCode {
  CourseNotFound = 'catalogue.course-not-found',
  LessonNotFound = 'catalogue.lesson-not-found',
  QuizNotFound = 'catalogue.quiz-not-found',
  NotAnAuthor = 'catalogue.not-an-author',
  TrainerRequired = 'catalogue.trainer-required',
  SlugTaken = 'catalogue.slug-taken',
  UnknownPrerequisite = 'catalogue.unknown-prerequisite',
  UnknownCourse = 'catalogue.unknown-course',
  PrerequisiteCycle = 'catalogue.prerequisite-cycle',
  StatusTransition = 'catalogue.status-transition',
  NoLessons = 'catalogue.no-lessons',
  LastLesson = 'catalogue.last-lesson',
  UnknownChainRole = 'catalogue.unknown-chain-role',
  /** Field problems the validation pipe cannot see: the same code as its own answers. */
  Validation = 'common.validation',
}

const invalid = (problems: FieldProblem[]) =>
  new DomainException(400, CatalogueErrorCode.Validation, problems.map((p) => `${p.field} ${p.problem}`).join('; '), problems);

export const CatalogueError = {
  courseNotFound: () => new DomainException(404, CatalogueErrorCode.CourseNotFound, 'Course not found'),
  lessonNotFound: () => new DomainException(404, CatalogueErrorCode.LessonNotFound, 'Lesson not found'),
  quizNotFound: () => new DomainException(404, CatalogueErrorCode.QuizNotFound, 'This course has no quiz'),
  notAnAuthor: () => new DomainException(403, CatalogueErrorCode.NotAnAuthor, 'Only the authors of this course may change it'),
  notATrainer: () =>
    new DomainException(403, CatalogueErrorCode.TrainerRequired, 'Only platform trainers and platform administrators may create courses'),
  slugTaken: () =>
    new DomainException(409, CatalogueErrorCode.SlugTaken, 'Another course already uses this slug', [
      { field: 'slug', problem: 'is already used by another course' },
    ]),
  unknownPrerequisites: (ids: string[]) =>
    new DomainException(400, CatalogueErrorCode.UnknownPrerequisite, `Unknown prerequisite course: ${ids.join(', ')}`,
      ids.map((id) => ({ field: 'prerequisiteIds', problem: `course ${id} does not exist` }))),
  unknownRenewedCourse: () =>
    new DomainException(400, CatalogueErrorCode.UnknownCourse, 'renewsCourseId: course does not exist', [
      { field: 'renewsCourseId', problem: 'course does not exist' },
    ]),
  notAuthorOfRenewed: () =>
    new DomainException(403, CatalogueErrorCode.NotAnAuthor, 'Only the authors of a course may make another course renew it', [
      { field: 'renewsCourseId', problem: 'you are not an author of that course' },
    ]),
  prerequisiteCycle: () =>
    new DomainException(422, CatalogueErrorCode.PrerequisiteCycle, 'These prerequisites would make the course require itself', [
      { field: 'prerequisiteIds', problem: 'would create a cycle' },
    ]),
  statusTransition: (from: string, to: string) =>
    new DomainException(409, CatalogueErrorCode.StatusTransition, `A ${from} course cannot become ${to}`, [
      { field: 'status', problem: `cannot change from ${from} to ${to}` },
    ]),
  lastLessonOfPublished: () =>
    new DomainException(409, CatalogueErrorCode.LastLesson, 'A published online course keeps at least one lesson: archive the course before removing its last lesson'),
  onlineWithoutLessons: () =>
    new DomainException(422, CatalogueErrorCode.NoLessons, 'An online course needs at least one lesson before it is published'),
  passMarkRequired: () => invalid([{ field: 'passMark', problem: 'is required when the course has no pass mark' }]),
  /** Answer indexes that point past their question's options. */
  answerKeyOutOfRange: (problems: FieldProblem[]) => invalid(problems),
  unknownChainRole: (role: string, allowed: readonly string[]) =>
    new DomainException(400, CatalogueErrorCode.UnknownChainRole, `Unknown chain role "${role}"`, [
      { field: 'chainRole', problem: `must be one of: ${allowed.join(', ')}` },
    ]),
};
