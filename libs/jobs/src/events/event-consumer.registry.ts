import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CONSUMER_NAME, OutboxRepository } from '../outbox/outbox.repository';
import type { EventBatchJob, EventJob } from '../job.types';
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
    const consumer = this.consumer(job.consumer, job.event);
    // A dead event's leftover retries do nothing: it waits for a platform admin. A job's first
    // run needs no look: the relay never hands out a dead event, and handlers are idempotent.
    if (attempt !== 1 && (await this.outbox.isDead(job.outboxId))) return undefined;
    const outcome = await this.handle(consumer, job);
    if (outcome.failed) throw outcome.error;
    if (outcome.handled) await this.outbox.markConsumed(job.outboxId, job.consumer, this.consumerNames(job.event));
    return outcome.result;
  }

  /**
   * Handles a relay round's events for one consumer, one after another, each as `consume`
   * would: a failure is counted on its own event and does not stop the others, and the
   * successes are recorded together (one round trip per kind of event). The job then fails if
   * any event failed, so BullMQ retries it; a retry leaves out the events this consumer has
   * handled since, and those set aside.
   */
  async consumeMany(job: EventBatchJob, attempt?: number): Promise<{ handled: number; failed: number }> {
    const consumer = this.consumer(job.consumer, job.events[0]?.event);
    const open = attempt === 1 ? job.events : await this.outbox.stillOpenFor(job.consumer, job.events);
    const handled = new Map<EventName, string[]>();
    let failure: { error: unknown } | undefined;
    let failed = 0;
    for (const event of open) {
      const outcome = await this.handle(consumer, { ...event, consumer: job.consumer });
      if (outcome.failed) {
        failed += 1;
        failure ??= { error: outcome.error };
      } else if (outcome.handled) {
        handled.set(event.event, [...(handled.get(event.event) ?? []), event.outboxId]);
      }
    }
    for (const [event, ids] of handled) await this.outbox.markConsumed(ids, job.consumer, this.consumerNames(event));
    if (failure) throw failure.error;
    return { handled: [...handled.values()].reduce((n, ids) => n + ids.length, 0), failed };
  }

  private consumer(name: string, event: EventName | undefined): EventConsumer {
    const consumer = this.byName.get(name);
    if (!consumer) throw new Error(`no consumer ${name} for event ${event ?? '(none)'}`);
    return consumer;
  }

  private consumerNames(event: EventName): string[] {
    return this.consumersOf(event).map((c) => c.name);
  }

  /**
   * Runs the consumer's handler for one event. `handled: false`: nothing to record (the
   * consumer no longer handles this event, or it was just set aside); `failed`: the job is to
   * be retried, the failure already counted on the event.
   */
  private async handle(
    consumer: EventConsumer,
    job: EventJob,
  ): Promise<{ failed: false; handled: boolean; result?: unknown } | { failed: true; error: unknown }> {
    const handler = consumer.handlers[job.event] as ((payload: unknown) => Promise<unknown>) | undefined;
    if (!handler) {
      // Relayed before a release took this event from this consumer (another one handles it
      // now): nothing is left for this job to do, and failing it would count against the event.
      this.logger.warn(`${job.consumer} no longer handles ${job.event}: job for event ${job.outboxId} ends`);
      return { failed: false, handled: false };
    }
    try {
      return { failed: false, handled: true, result: await handler(job.payload) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const dead = await this.outbox.recordFailure(job.outboxId, `${job.consumer}: ${message}`, OUTBOX_MAX_FAILURES);
      if (!dead) return { failed: true, error };
      this.logger.error(`event ${job.outboxId} (${job.event}) set aside after ${OUTBOX_MAX_FAILURES} failures: ${message}`);
      return { failed: false, handled: false }; // no more BullMQ retries: the dead letter holds it
    }
  }
}
