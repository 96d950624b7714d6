import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@schakel/config';
import { redactUrl } from './redact-url.rules';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The request's id: the caller's X-Request-Id when it is sane, else a new one; echoed on the response. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/** Structured JSON logs; every line of a request carries its request id (echoed as X-Request-Id). */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: assignRequestId,
          redact: ['req.headers.authorization', 'req.headers.cookie', 'req.query.token'],
          serializers: {
            // Mail-link and feed tokens never reach the logs (see redactUrl).
            req: (req: { url?: string }) => ({ ...req, url: redactUrl(req.url) }),
          },
          // A line per request only when someone reads them (info or finer); above that the
          // per-request bookkeeping costs a quarter of the catalogue's throughput for nothing.
          autoLogging: ['trace', 'debug', 'info'].includes(config.logLevel)
            ? { ignore: (request: IncomingMessage) => request.url === '/health' }
            : false,
          quietReqLogger: true,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
