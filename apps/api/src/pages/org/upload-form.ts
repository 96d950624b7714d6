import { applyDecorators, CallHandler, ExecutionContext, Header, HttpCode, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiProduces } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { LinkForm, PageSessions, WebError } from '@schakel/web';

/** The import's limit (as `POST /api/organisations/:orgId/imports`): 5 MB; carried on (base64url, in a hidden field) between "Proef" and "Importeren". */
const FILE_BYTES = 5 * 1024 * 1024;
const FIELD_BYTES = Math.ceil((FILE_BYTES * 4) / 3) + 1024;

/** The uploaded file as multer leaves it in memory. */
export interface UploadedCsv {
  buffer: Buffer;
  originalname: string;
  size: number;
}

/**
 * The CSRF check of a multipart form. PageCsrfGuard runs before any interceptor, when multer
 * has not read the body (and so the `_csrf` field) yet; for these routes it stands aside
 * (`LinkForm`) and this interceptor, placed after the file interceptor, checks the very same
 * token of the session, before the handler runs.
 */
@Injectable()
export class UploadCsrfInterceptor implements NestInterceptor {
  constructor(private readonly modules: ModuleRef) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const sessions = this.modules.get(PageSessions, { strict: false });
    if (!sessions.validRequest(context.switchToHttp().getRequest<Request>())) throw WebError.formExpired();
    return next.handle();
  }
}

/** The POST of a page form with `enctype="multipart/form-data"` (a file in field `file`), CSRF-checked after parsing. */
export const UploadForm = () =>
  applyDecorators(
    LinkForm(),
    UseInterceptors(FileInterceptor('file', { limits: { fileSize: FILE_BYTES, files: 1, fields: 10, fieldSize: FIELD_BYTES } }), UploadCsrfInterceptor),
    HttpCode(200),
    Header('Content-Type', 'text/html; charset=utf-8'),
    ApiConsumes('multipart/form-data'),
    ApiProduces('text/html'),
  );
