import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { createValidationPipe } from './edge/validation';

export const BODY_LIMIT = '1mb';
/** A bulk import may carry 10,000 rows: up to 5 MB, on that route only. */
export const IMPORT_BODY_LIMIT = '5mb';
const IMPORT_PATH = /^\/api\/organisations\/[^/]+\/imports\/?(\?|$)/;

/** The edge settings, shared by main.ts and the end-to-end tests so both run the same app. */
export function configureApi(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(Logger));
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
  app.useGlobalPipes(createValidationPipe());
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
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

export async function createApi(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true, bodyParser: false });
  configureApi(app);
  return app;
}
