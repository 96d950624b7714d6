import { Injectable, Logger } from '@nestjs/common';
import { EventConsumerRegistry } from '../events/event-consumer.registry';
import { JobProducer } from '../job.producer';
import type { JobData } from '../job.types';
import type { EventConsumer } from '../events/domain-events';
import type { QueueName } from '../queue-name';
import { OutboxRepository, type ClaimedOutboxEvent } from './outbox.repository';

const BATCH = 200;
/**
 * Events one consumer's job carries at most. A job costs the worker several Redis round trips
 * and a consumption mark of its own; ten events share them, and a burst still spreads over the
 * queue's concurrency (a thousand completions make a hundred jobs).
 */
export const EVENTS_PER_JOB = 10;
/** A relayed row whose jobs have not finished after this long is relayed again (the reconciler). */
export const OUTBOX_STALL_SECONDS = 300;

@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly producer: JobProducer,
    private readonly consumers: EventConsumerRegistry,
  ) {}

  /**
   * Moves every due outbox event into BullMQ: for each consumer, its events still to handle in
   * jobs of up to EVENTS_PER_JOB, in one Redis round trip per queue per batch; returns how many
   * events were handed out (an event with two consumers counts twice).
   */
  async relayDue(stallSeconds = OUTBOX_STALL_SECONDS): Promise<number> {
    let relayed = 0;
    for (;;) {
      const batch = await this.outbox.claimDue(BATCH, stallSeconds);
      const nobodyLeft: string[] = [];
      const perConsumer = new Map<EventConsumer, ClaimedOutboxEvent[]>();
      for (const event of batch) {
        const waiting = this.consumers.consumersOf(event.event).filter((c) => !event.consumedBy.includes(c.name));
        if (waiting.length === 0) nobodyLeft.push(event.id);
        for (const consumer of waiting) perConsumer.set(consumer, [...(perConsumer.get(consumer) ?? []), event]);
      }
      const jobs = new Map<QueueName, Array<{ data: JobData<'events.consume'>; jobId: string }>>();
      for (const [consumer, events] of perConsumer) {
        const queued = jobs.get(consumer.queue) ?? [];
        for (let i = 0; i < events.length; i += EVENTS_PER_JOB) {
          const chunk = events.slice(i, i + EVENTS_PER_JOB);
          // The job id changes with each relay (its first event's relay count): a job that was
          // lost or failed for good is not shadowed by its old id, while an event is in one
          // job per consumer within one relay.
          queued.push({
            data: { consumer: consumer.name, events: chunk.map((e) => ({ outboxId: e.id, event: e.event, payload: e.payload })) },
            jobId: `outbox.${chunk[0].id}.${consumer.name}.${chunk[0].relayCount}`,
          });
        }
        jobs.set(consumer.queue, queued);
      }
      try {
        for (const [queue, queued] of jobs) {
          await this.producer.enqueueEvents(queue, queued);
          relayed += queued.reduce((n, job) => n + job.data.events.length, 0);
        }
      } catch (error) {
        // Relayed again at once (consumers are idempotent, so a job that did get in runs harmlessly twice).
        await this.outbox.release(batch.map((e) => e.id));
        throw error;
      }
      await this.outbox.markProcessed(nobodyLeft);
      if (batch.length < BATCH) break;
    }
    if (relayed > 0) this.logger.log(`relayed ${relayed} event job(s)`);
    return relayed;
  }
}
