import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { CatalogueEdge } from '@schakel/catalogue/http';
import { AppConfig } from '@schakel/config';
import { PageRenderer, PageSessions } from '@schakel/web';
import { ApiModule } from './api.module';
import { CataloguePageEdge } from './pages/visitor/catalogue-page-edge';
import { assignRequestId, RequestLogging } from './edge/logging.module';
import { limitBeforeBody } from './edge/pre-body-limit';
import { RateLimiter } from './edge/rate-limiter';
import { securityHeaders, staticSecurityHeaders } from './edge/security-headers';
import { RejectUnstorableTextPipe } from './edge/unstorable-text.pipe';
import { createValidationPipe } from './edge/validation';

export const BODY_LIMIT = '1mb';
/** A bulk import may carry 10,000 rows: up to 5 MB, on that route only. */
export const IMPORT_BODY_LIMIT = '5mb';
const IMPORT_PATH = /^\/api\/organisations\/[^/]+\/imports\/?(\?|$)/;

/** The edge settings, shared by main.ts and the end-to-end tests so both run the same app. */
export function configureApi(app: NestExpressApplication): INestApplication {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  // Who the client is (rate limits, logs) is taken from X-Forwarded-For only from the proxies named here.
  app.set('trust proxy', config.trustProxy);
  app.use(staticSecurityHeaders(securityHeaders));
  // A signed-out catalogue page already served under the current catalogue version: from Redis, before the framework.
  app.use(app.get(CatalogueEdge).handler(assignRequestId));
  app.use(app.get(CataloguePageEdge).handler(assignRequestId));
  app.use(app.get(RequestLogging).middleware());
  // Before any body parser: a PDF upload over the limit is refused without reading a byte of it.
  app.use('/api/verify', limitBeforeBody(app.get(RateLimiter), 'verify', /^\/[^/]+\/check\/?$/));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // The first text parser that takes a request parses it; the second then leaves it alone.
  app.useBodyParser('text', {
    limit: IMPORT_BODY_LIMIT,
    type: (req: { url?: string; headers: Record<string, unknown> }) =>
      IMPORT_PATH.test(req.url ?? '') && /^text\/(csv|plain)/.test(String(req.headers['content-type'] ?? '')),
  });
  app.useBodyParser('text', { limit: BODY_LIMIT, type: ['text/csv', 'text/plain'] });
  // The plain HTML forms behind mail links (choosing a password) post urlencoded fields.
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  // The pages: fingerprinted CSS and script, then the page session (Redis) and CSRF tokens; never on /api.
  app.use('/assets', app.get(PageRenderer).assets.handler());
  app.use(app.get(PageSessions).middleware());
  app.useGlobalPipes(new RejectUnstorableTextPipe(), createValidationPipe());
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Schakel API')
      .setDescription('Role-based training for the people in a loneliness chain. The contract is spec/api.md.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  // The JSON document is the contract and stays; the interactive UI can be switched off in production.
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', swaggerUiEnabled: config.swaggerUi });
  return app;
}

export async function createApi(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true, bodyParser: false });
  configureApi(app);
  return app;
}
