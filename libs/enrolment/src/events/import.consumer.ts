import { Injectable } from '@nestjs/common';
import { QueueName, type EventConsumer, type EventHandlers } from '@schakel/jobs';
import { ImportRunner } from '../import/import-runner';

/** Runs an uploaded import in the worker (its own queue: a long file never holds up the mail). */
@Injectable()
export class ImportEventConsumer implements EventConsumer {
  readonly name = 'imports';
  readonly queue = QueueName.Imports;
  readonly handlers = {
    'import.requested': ({ importId }) => this.imports.process(importId),
  } satisfies EventHandlers;

  constructor(private readonly imports: ImportRunner) {}
}
