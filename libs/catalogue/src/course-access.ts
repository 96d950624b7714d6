import type { AuthUser } from '@schakel/identity';
import { CatalogueError } from './catalogue.exception';
import type { Course } from './entities/course.entity';

/** Authors are the course's creator and every platform admin. */
export const isAuthor = (user: AuthUser | undefined, course: Course): boolean =>
  !!user && (user.isPlatformAdmin || course.createdById === user.id);

/** A draft does not exist for anyone but its authors (404, never 403). */
export function assertReadable(user: AuthUser | undefined, course: Course | null): asserts course is Course {
  if (!course || (course.status === 'draft' && !isAuthor(user, course))) throw CatalogueError.courseNotFound();
}

/** Authors may change a course; others who can see it get 403, others 404. */
export function assertEditable(user: AuthUser, course: Course | null): asserts course is Course {
  assertReadable(user, course);
  if (!isAuthor(user, course)) throw CatalogueError.notAnAuthor();
}
