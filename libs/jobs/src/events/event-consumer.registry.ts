import { Inject, Injectable, Optional } from '@nestjs/common';
import { OutboxRepository } from '../outbox/outbox.repository';
import type { EventJob } from '../job.types';
import { EVENT_CONSUMERS, type EventConsumer, type EventName } from './domain-events';

/**
 * The consumers the worker composed, by event. Runs one consumer's handler for one event and
 * records it; the API process has none (it only writes events).
 */
@Injectable()
export class EventConsumerRegistry {
  private readonly byName: ReadonlyMap<string, EventConsumer>;

  constructor(
    private readonly outbox: OutboxRepository,
    @Optional() @Inject(EVENT_CONSUMERS) consumers: EventConsumer[] | null,
  ) {
    this.byName = new Map((consumers ?? []).map((c) => [c.name, c]));
    if (this.byName.size !== (consumers ?? []).length) throw new Error('two event consumers share a name');
  }

  consumersOf(event: EventName): EventConsumer[] {
    return [...this.byName.values()].filter((c) => c.handlers[event] !== undefined);
  }

  /** Handles one event for one consumer; throws (so the job retries) when the handler does. */
  async consume(job: EventJob): Promise<unknown> {
    const consumer = this.byName.get(job.consumer);
    const handler = consumer?.handlers[job.event] as ((payload: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`no consumer ${job.consumer} for event ${job.event}`);
    const result = await handler(job.payload);
    await this.outbox.markConsumed(job.outboxId, job.consumer, this.consumersOf(job.event).map((c) => c.name));
    return result;
  }
}
