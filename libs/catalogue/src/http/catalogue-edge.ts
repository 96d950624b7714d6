import { Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { CatalogueCache } from '../catalogue-cache';
import { CATALOGUE_PAGE_HEADERS, matchesEtag } from './course.controller';

const CATALOGUE_PATH = '/api/courses';

/**
 * The public catalogue's cache at the edge, in front of the framework (as a reverse proxy's
 * cache would be, but shared by every API process and emptied by a course write at once): a
 * signed-out `GET /api/courses?…` whose exact URL was served before under the current
 * catalogue version is answered from Redis in one round trip, with the same headers, ETag and
 * 304 as the controller, without routing, guards, validation or logging. Anything else (a
 * first visit, a bearer token, Redis down) goes on to the controller, which validates the
 * query and remembers the URL for next time; so only URLs that passed validation are answered here.
 */
@Injectable()
export class CatalogueEdge {
  constructor(private readonly cache: CatalogueCache) {}

  /** `assignRequestId`: the edge's request id, as the logger gives every other answer. */
  handler(assignRequestId: (request: IncomingMessage, response: ServerResponse) => unknown): RequestHandler {
    return (request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' || request.path !== CATALOGUE_PATH || request.headers.authorization) return next();
      this.cache.pageForUrl(request.originalUrl).then(
        (page) => {
          if (!page) return next();
          assignRequestId(request, response);
          response.setHeader('Content-Type', CATALOGUE_PAGE_HEADERS['Content-Type']);
          response.setHeader('Cache-Control', CATALOGUE_PAGE_HEADERS['Cache-Control']);
          response.setHeader('ETag', page.etag);
          if (matchesEtag(request.headers['if-none-match'], page.etag)) {
            response.status(304).end();
            return;
          }
          response.setHeader('Content-Length', Buffer.byteLength(page.body));
          response.status(200).end(page.body);
        },
        () => next(),
      );
    };
  }
}
