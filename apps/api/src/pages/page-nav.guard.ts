import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AccessService } from '@schakel/access';
import type { AuthUser } from '@schakel/identity';
import { isPageRequest, type PageNav } from '@schakel/web';

/**
 * The header's staff links ("Mijn sessies", the organisations she administers, "Beheer") for
 * a signed-in person on a page request: one query, after the sign-in guard and before the
 * handler. A guard that always lets the request through, not an interceptor: a global
 * interceptor wraps every request of the API in rxjs and an async resource (about 5 % of an
 * enrolment's CPU), while a guard that has nothing to do on /api returns at once.
 */
@Injectable()
export class PageNavGuard implements CanActivate {
  constructor(private readonly access: AccessService) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser; pageNav?: PageNav }>();
    if (context.getType() !== 'http' || !request.user || !isPageRequest(request.path)) return true;
    const user = request.user;
    return this.access.staffRoles(user).then((roles) => {
      request.pageNav = { ...roles, admin: user.isPlatformAdmin };
      return true;
    });
  }
}
