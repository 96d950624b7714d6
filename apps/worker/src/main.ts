import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { exitWithinDeadline } from '@schakel/common';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // On SIGTERM Nest closes the BullMQ workers, which wait for in-flight jobs to finish.
  app.enableShutdownHooks();
  // Armed once started: before that, SIGTERM's default (exit at once) is the right answer.
  exitWithinDeadline('worker');
  app.get(Logger).log('Schakel worker started');
}

main().catch((error: unknown) => {
  process.stderr.write(`Worker failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
