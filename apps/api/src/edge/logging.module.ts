import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Injectable, Module } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LoggerModule } from 'nestjs-pino';
import pino, { type Logger as Pino } from 'pino';
import { AppConfig } from '@schakel/config';
import { redactUrl } from './redact-url.rules';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const VERBOSE_LEVELS = ['trace', 'debug', 'info'];

/** The request's id: the caller's X-Request-Id when it is sane, else a new one; echoed on the response. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/** One root logger per configuration: the framework's logger and the request logger write through it. */
const roots = new WeakMap<AppConfig, Pino>();
const rootLogger = (config: AppConfig): Pino => {
  let root = roots.get(config);
  if (!root) {
    root = pino({ level: config.logLevel });
    roots.set(config, root);
  }
  return root;
};

/**
 * Every request gets its id and a logger bound to it (`req.log`, which nestjs-pino hands to
 * every log line written while the request runs). A line per request ("request completed",
 * with method, path with mail-link tokens redacted, status and time, never headers) only when
 * someone reads them (info or finer); above that a request costs one small child logger, not
 * pino-http's serialised copy of the whole request.
 */
@Injectable()
export class RequestLogging {
  constructor(private readonly config: AppConfig) {}

  middleware(): RequestHandler {
    const root = rootLogger(this.config);
    const perRequestLine = VERBOSE_LEVELS.includes(this.config.logLevel);
    return (request: Request, response: Response, next: NextFunction) => {
      const id = assignRequestId(request, response);
      const log = root.child({ reqId: id });
      Object.assign(request, { id, log });
      if (perRequestLine && request.path !== '/health') {
        const started = performance.now();
        response.once('finish', () => {
          const line = {
            req: { id, method: request.method, url: redactUrl(request.originalUrl) },
            res: { statusCode: response.statusCode },
            responseTime: Math.round(performance.now() - started),
          };
          if (response.statusCode >= 500) log.error(line, 'request errored');
          else log.info(line, 'request completed');
        });
      }
      next();
    };
  }
}

/** Structured JSON logs; every line of a request carries its request id (echoed as X-Request-Id). */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      // useExisting: the request's logger comes from RequestLogging, not from pino-http.
      useFactory: (config: AppConfig) => ({ pinoHttp: { logger: rootLogger(config) }, useExisting: true }),
    }),
  ],
  providers: [RequestLogging],
  exports: [RequestLogging],
})
export class LoggingModule {}
