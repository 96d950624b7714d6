import { Injectable } from '@nestjs/common';
import { DomainException, type Page } from '@schakel/common';
import { OutboxRepository, UnitOfWork, type DeadLetter } from '@schakel/jobs';

/**
 * The outbox's dead letter, for platform admins (the JSON route and the Beheer page): events
 * that kept failing are set aside; here they are read with their last error, and retried.
 */
@Injectable()
export class FailedEvents {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly work: UnitOfWork,
  ) {}

  page(limit: number, offset: number): Promise<Page<DeadLetter>> {
    return this.outbox.deadLetters(limit, offset);
  }

  /** Relays the event again at once, with a fresh failure budget; 404 for an event that is not set aside. */
  async retry(eventId: string): Promise<void> {
    if (!(await this.outbox.revive(eventId))) throw new DomainException(404, 'jobs.failed-event-not-found', 'No failed event with this id');
    this.work.eventsCommitted();
  }
}
