import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { AccessService } from '@schakel/access';
import type { AuthUser } from '@schakel/identity';
import { isPageRequest, type PageNav } from '@schakel/web';

/**
 * The header's staff links ("Mijn sessies", the organisations she administers, "Beheer") for
 * a signed-in person on a page request: one query, after the guards and before the handler.
 */
@Injectable()
export class PageNavInterceptor implements NestInterceptor {
  constructor(private readonly access: AccessService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser; pageNav?: PageNav }>();
    if (context.getType() === 'http' && request.user && isPageRequest(request.path)) {
      request.pageNav = { ...(await this.access.staffRoles(request.user)), admin: request.user.isPlatformAdmin };
    }
    return next.handle();
  }
}
