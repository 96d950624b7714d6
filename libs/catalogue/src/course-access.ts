import { canReadCourse, isCourseAuthor } from '@schakel/access';
import type { AuthUser } from '@schakel/identity';
import { CatalogueError } from './catalogue.exception';
import type { Course } from './entities/course.entity';

/** The course rules are @schakel/access's; these give their answers as the catalogue's errors. */
export const isAuthor = isCourseAuthor;

/** A draft does not exist for anyone but its authors (404, never 403). */
export function assertReadable(user: AuthUser | undefined, course: Course | null): asserts course is Course {
  if (!course || !canReadCourse(user, course)) throw CatalogueError.courseNotFound();
}

/** Authors may change a course; others who can see it get 403, others 404. */
export function assertEditable(user: AuthUser, course: Course | null): asserts course is Course {
  assertReadable(user, course);
  if (!isCourseAuthor(user, course)) throw CatalogueError.notAnAuthor();
}
