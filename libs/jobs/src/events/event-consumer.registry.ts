import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CONSUMER_NAME, OutboxRepository } from '../outbox/outbox.repository';
import type { EventJob } from '../job.types';
import { EVENT_CONSUMERS, type EventConsumer, type EventName } from './domain-events';

/**
 * The consumers the worker composed, by event. Runs one consumer's handler for one event and
 * records it; the API process has none (it only writes events).
 */
/**
 * Failed handlings of one event (every attempt of every relay counts) before it is set aside
 * in the dead letter. With the standard retry preset (8 attempts) that is one full round of
 * retries and part of the reconciler's next one: hours of trying, then a person looks.
 */
export const OUTBOX_MAX_FAILURES = 10;

@Injectable()
export class EventConsumerRegistry {
  private readonly logger = new Logger(EventConsumerRegistry.name);
  private readonly byName: ReadonlyMap<string, EventConsumer>;

  constructor(
    private readonly outbox: OutboxRepository,
    @Optional() @Inject(EVENT_CONSUMERS) consumers: EventConsumer[] | null,
  ) {
    const bad = (consumers ?? []).find((c) => !CONSUMER_NAME.test(c.name));
    if (bad) throw new Error(`event consumer name ${JSON.stringify(bad.name)}: lower-case letters, digits and dashes`);
    this.byName = new Map((consumers ?? []).map((c) => [c.name, c]));
    if (this.byName.size !== (consumers ?? []).length) throw new Error('two event consumers share a name');
  }

  consumersOf(event: EventName): EventConsumer[] {
    return [...this.byName.values()].filter((c) => c.handlers[event] !== undefined);
  }

  /**
   * Handles one event for one consumer; throws (so the job retries) when the handler does.
   * `attempt`: the job's attempt (1 for its first run), when the queue says.
   */
  async consume(job: EventJob, attempt?: number): Promise<unknown> {
    const consumer = this.byName.get(job.consumer);
    if (!consumer) throw new Error(`no consumer ${job.consumer} for event ${job.event}`);
    const handler = consumer.handlers[job.event] as ((payload: unknown) => Promise<unknown>) | undefined;
    if (!handler) {
      // Relayed before a release took this event from this consumer (another one handles it
      // now): nothing is left for this job to do, and failing it would count against the event.
      this.logger.warn(`${job.consumer} no longer handles ${job.event}: job for event ${job.outboxId} ends`);
      return undefined;
    }
    // A dead event's leftover retries do nothing: it waits for a platform admin. A job's first
    // run needs no look: the relay never hands out a dead event, and handlers are idempotent.
    if (attempt !== 1 && (await this.outbox.isDead(job.outboxId))) return undefined;
    let result: unknown;
    try {
      result = await handler(job.payload);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const dead = await this.outbox.recordFailure(job.outboxId, `${job.consumer}: ${message}`, OUTBOX_MAX_FAILURES);
      if (dead) {
        this.logger.error(`event ${job.outboxId} (${job.event}) set aside after ${OUTBOX_MAX_FAILURES} failures: ${message}`);
        return undefined; // no more BullMQ retries: the dead letter holds it
      }
      throw error;
    }
    await this.outbox.markConsumed(job.outboxId, job.consumer, this.consumersOf(job.event).map((c) => c.name));
    return result;
  }
}
