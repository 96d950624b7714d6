import { CallHandler, CanActivate, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { isPageRequest, PageSessions } from './page-session';
import { WebError } from './web.exception';

const LINK_FORM_KEY = 'schakel:link-form';
const CHECKED_AFTER_UPLOAD_KEY = 'schakel:csrf-after-upload';

/**
 * The POST of a mail-link page (welcome, cancel, verify e-mail, reset password): it acts on
 * the signed, expiring token in its own URL, which another site cannot know, not on the
 * session cookie, so it carries no CSRF token (the person may not be signed in at all).
 */
export const LinkForm = () => SetMetadata(LINK_FORM_KEY, true);

/**
 * A multipart form (a file upload): the guard runs before multer has read the body, so before
 * the `_csrf` field exists. The route checks the same token with `UploadCsrfInterceptor`,
 * placed after its file interceptor, before the handler runs.
 */
export const CsrfCheckedAfterUpload = () => SetMetadata(CHECKED_AFTER_UPLOAD_KEY, true);

/** The CSRF check of a `CsrfCheckedAfterUpload()` route, once its multipart body is parsed. */
@Injectable()
export class UploadCsrfInterceptor implements NestInterceptor {
  constructor(private readonly modules: ModuleRef) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const sessions = this.modules.get(PageSessions, { strict: false });
    if (!sessions.validRequest(context.switchToHttp().getRequest<Request>())) throw WebError.formExpired();
    return next.handle();
  }
}

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
    if (this.reflector.get<boolean | undefined>(CHECKED_AFTER_UPLOAD_KEY, context.getHandler())) return true;
    if (!this.sessions.validRequest(request)) throw WebError.formExpired();
    return true;
  }
}
