import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainException, FieldProblem, inputFaultOf, isDatabaseUnavailable } from '@schakel/common';
import { isPageRequest, pageContextOf, PageRenderer, type PageUser } from '@schakel/web';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details?: FieldProblem[];
}

/** Errors raised by Express's body parser before any route runs. */
interface BodyParserError {
  type?: string;
  status?: number;
}

const reason = (status: number) =>
  (HttpStatus[status] ?? 'Error')
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

const RETRY_AFTER_SECONDS = 5;

/** Terminus's 503 carries the health report itself, which the contract keeps as is. */
function isHealthReport(exception: unknown): exception is HttpException {
  if (!(exception instanceof HttpException) || exception.getStatus() !== 503) return false;
  const payload = exception.getResponse();
  return typeof payload === 'object' && payload !== null && 'status' in payload && 'details' in payload;
}

type HealthEntries = Record<string, { status: string }>;

function withoutErrorText(report: string | object): object {
  const { status, info, error, details } = report as { status: string; info?: HealthEntries; error?: HealthEntries; details?: HealthEntries };
  const statusOnly = (entries: HealthEntries | undefined) =>
    Object.fromEntries(Object.entries(entries ?? {}).map(([name, entry]) => [name, { status: entry.status }]));
  return { status, info: statusOnly(info), error: statusOnly(error), details: statusOnly(details) };
}

/** Which plain page a page request gets for an error status (never a code or a stack trace). */
function errorPageFor(body: ErrorBody): 'notFound' | 'formExpired' | 'tooMany' | 'unavailable' | 'badRequest' | 'failed' {
  if (body.code === 'web.form-expired') return 'formExpired';
  // A record of another organisation, or a staff page for a learner: the same page as a missing one.
  if (body.statusCode === 404 || body.statusCode === 403) return 'notFound';
  if (body.statusCode === 429) return 'tooMany';
  if (body.statusCode === 503) return 'unavailable';
  return body.statusCode >= 500 ? 'failed' : 'badRequest';
}

/**
 * Turns every error into the contract's shape; only a real fault becomes a 500, and it is logged.
 * Page requests (anything outside /api) get a page instead: a visitor who must sign in is sent
 * to /login and back, and every other error is a plain page in the person's language.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  constructor(private readonly pages: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request & { user?: PageUser }>();
    if (isHealthReport(exception)) {
      // Up or down per dependency, nothing more: error text (hosts, ports, drivers) is for the logs.
      this.logger.warn(`health check failed: ${JSON.stringify(exception.getResponse())}`);
      response.status(exception.getStatus()).setHeader('Retry-After', String(RETRY_AFTER_SECONDS)).json(withoutErrorText(exception.getResponse()));
      return;
    }
    const body = this.toBody(exception);
    // Retry-After tells clients and load balancers that the outage is short: the pool reconnects by itself.
    if (body.statusCode === 503 && !response.headersSent) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    if (body.statusCode === 503) this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
    else if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (request && isPageRequest(request.path)) this.page(request, response, body);
    else response.status(body.statusCode).json(body);
  }

  private page(request: Request & { user?: PageUser }, response: Response, body: ErrorBody): void {
    if (body.statusCode === 401) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.originalUrl)}` : '';
      response.redirect(303, `/login${next}`);
      return;
    }
    const kind = errorPageFor(body);
    const page = pageContextOf(request);
    const status = kind === 'notFound' ? 404 : body.statusCode;
    try {
      const html = this.pages.render('error', page.view(this.pages.word(page.lang, `errors.${kind}.title`), { kind }));
      response.status(status).type('html').send(html);
    } catch (error) {
      // Rendering must never turn an error into a worse one (e.g. the session store is down).
      this.logger.error(error instanceof Error ? error.stack : String(error));
      response.status(status).type('text').send(this.pages.word(page.lang, `errors.${kind}.text`));
    }
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainException) {
      const { status, message, code, details } = exception;
      return { statusCode: status, error: reason(status), message, code, ...(details ? { details } : {}) };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string' ? payload : String((payload as { message?: unknown }).message ?? exception.message);
      // Nest turns a body that is not JSON into a plain 400; name the body as the wrong field.
      const details = status === 400 ? [{ field: 'body', problem: message }] : undefined;
      return { statusCode: status, error: reason(status), message, ...(details ? { details } : {}) };
    }
    const parser = exception as BodyParserError;
    if (parser?.type === 'entity.too.large') {
      return { statusCode: 413, error: reason(413), message: 'The request body is too large' };
    }
    if (parser?.type === 'entity.parse.failed') {
      return {
        statusCode: 400,
        error: reason(400),
        message: 'The request body is not valid JSON',
        details: [{ field: 'body', problem: 'is not valid JSON' }],
      };
    }
    if (typeof parser?.status === 'number' && parser.status >= 400 && parser.status < 500) {
      return { statusCode: parser.status, error: reason(parser.status), message: 'The request could not be read' };
    }
    const fault = inputFaultOf(exception);
    if (fault) {
      return { statusCode: fault.status, error: reason(fault.status), message: fault.message, details: [{ field: fault.field ?? 'body', problem: fault.problem }] };
    }
    if (isDatabaseUnavailable(exception)) {
      return { statusCode: 503, error: reason(503), message: 'The service is briefly unavailable; please try again shortly' };
    }
    return { statusCode: 500, error: reason(500), message: 'Something went wrong on our side' };
  }
}
