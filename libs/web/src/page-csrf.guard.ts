import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { isPageRequest, PageSessions } from './page-session';
import { WebError } from './web.exception';

const LINK_FORM_KEY = 'schakel:link-form';

/**
 * The POST of a mail-link page (welcome, cancel, verify e-mail, reset password): it acts on
 * the signed, expiring token in its own URL, which another site cannot know, not on the
 * session cookie, so it carries no CSRF token (the person may not be signed in at all).
 */
export const LinkForm = () => SetMetadata(LINK_FORM_KEY, true);

/** Every page POST that is not a `@LinkForm()` must carry the CSRF token of its session. */
@Injectable()
export class PageCsrfGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: PageSessions,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || !isPageRequest(request.path)) return true;
    if (this.reflector.get<boolean | undefined>(LINK_FORM_KEY, context.getHandler())) return true;
    if (!this.sessions.validRequest(request)) throw WebError.formExpired();
    return true;
  }
}
