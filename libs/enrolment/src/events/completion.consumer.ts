import { Injectable } from '@nestjs/common';
import { QueueName, type EventConsumer, type EventHandlers } from '@schakel/jobs';
import { CompletionService } from '../completion/completion.service';

/**
 * Completion's part in the domain events: when a course asks less than before (a lesson was
 * removed), its learners are checked against the completion rule again, so one who had done
 * every remaining step completes (and gets her certificate) without a step of her own. On the
 * long-jobs queue: a large course means many small transactions.
 */
@Injectable()
export class CompletionEventConsumer implements EventConsumer {
  readonly name = 'completion';
  readonly queue = QueueName.Imports;
  readonly handlers = {
    'lesson.removed': ({ courseId }) => this.completion.completeWhereDone(courseId),
  } satisfies EventHandlers;

  constructor(private readonly completion: CompletionService) {}
}
