import { isUuid } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { WebError, type PageContext } from '@schakel/web';

/** The signed-in person of an `@Authenticated()` page (the guard let nobody else through). */
export function signedIn(page: PageContext): AuthUser {
  if (!page.user) throw WebError.notFound();
  return page.user;
}

/** A record id from a page's path: anything that is not one is simply not found (a page, never a 400). */
export function recordId(value: string): string {
  if (!isUuid(value)) throw WebError.notFound();
  return value;
}
