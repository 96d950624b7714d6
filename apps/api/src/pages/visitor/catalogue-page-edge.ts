import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { CatalogueCache } from '@schakel/catalogue';
import { LANGUAGE_COOKIE, PAGE_SESSION_COOKIE, PageRenderer } from '@schakel/web';

const CATALOGUE_PAGE = '/courses';
/** The only query parameters the page reads (its filter form and page links); any other address is not kept. */
const PAGE_PARAMETERS = new Set(['role', 'format', 'page']);
const LANGUAGE = new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE.replace('.', '\\.')}=(nl|en)(?:;|$)`);

/**
 * The catalogue page (`/courses?…`) for a signed-out visitor, at the edge like the catalogue's
 * JSON (CatalogueEdge): what a visitor without a session sees depends only on the address,
 * her language and the build, so once the controller has rendered it, it is kept in Redis
 * with the catalogue version its courses came from, and the next such visitor gets it before
 * routing, the page session and the guards. A course write forgets it at once; a new build
 * keeps its pages apart. Anyone with a page session (signed in, a message waiting) or a
 * bearer token goes to the controller.
 */
@Injectable()
export class CataloguePageEdge {
  constructor(
    private readonly cache: CatalogueCache,
    private readonly pages: PageRenderer,
  ) {}

  /** Where a signed-out visitor's catalogue page is kept, or null when the request is not one. */
  private fieldOf(request: Request): string | null {
    if (request.method !== 'GET' || request.path !== CATALOGUE_PAGE || request.headers.authorization) return null;
    const cookies = request.headers.cookie ?? '';
    if (cookies.includes(`${PAGE_SESSION_COOKIE}=`)) return null;
    const lang = LANGUAGE.exec(cookies)?.[1] ?? 'nl';
    return `page:${this.pages.buildId}:${lang}:${request.originalUrl}`;
  }

  /** After the controller rendered `html` from the catalogue page of `version`: keep it for the next visitor. */
  async remember(request: Request, version: string | undefined, html: string): Promise<void> {
    const field = this.fieldOf(request);
    const plain = Object.entries(request.query).every(([name, value]) => PAGE_PARAMETERS.has(name) && typeof value === 'string');
    if (field && version && plain) await this.cache.remember(version, field, html);
  }

  /** `assignRequestId`: the request id, as the logger gives every other answer. */
  handler(assignRequestId: (request: IncomingMessage, response: ServerResponse) => unknown): RequestHandler {
    return (request: Request, response: Response, next: NextFunction) => {
      const field = this.fieldOf(request);
      if (!field) return next();
      this.cache.remembered(field).then(
        (html) => {
          if (html === null) return next();
          assignRequestId(request, response);
          // As the controller's answer: Express adds the same ETag, Content-Length and 304.
          response.setHeader('Content-Type', 'text/html; charset=utf-8');
          response.status(200).send(html);
        },
        () => next(),
      );
    };
  }
}
