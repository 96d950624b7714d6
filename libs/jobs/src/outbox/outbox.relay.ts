import { Injectable, Logger } from '@nestjs/common';
import { EventConsumerRegistry } from '../events/event-consumer.registry';
import { JobProducer } from '../job.producer';
import type { JobData } from '../job.types';
import type { QueueName } from '../queue-name';
import { OutboxRepository } from './outbox.repository';

const BATCH = 200;
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
   * Moves every due outbox event into BullMQ, one job per consumer still to handle it, in one
   * Redis round trip per queue per batch; returns how many jobs.
   */
  async relayDue(stallSeconds = OUTBOX_STALL_SECONDS): Promise<number> {
    let relayed = 0;
    for (;;) {
      const batch = await this.outbox.claimDue(BATCH, stallSeconds);
      const nobodyLeft: string[] = [];
      const jobs = new Map<QueueName, Array<{ data: JobData<'event.consume'>; jobId: string }>>();
      for (const event of batch) {
        const waiting = this.consumers.consumersOf(event.event).filter((c) => !event.consumedBy.includes(c.name));
        if (waiting.length === 0) nobodyLeft.push(event.id);
        for (const consumer of waiting) {
          const queued = jobs.get(consumer.queue) ?? [];
          // The job id changes with each relay: a job that was lost or failed for good is not
          // shadowed by its old id, while duplicates within one relay are impossible.
          queued.push({
            data: { outboxId: event.id, consumer: consumer.name, event: event.event, payload: event.payload },
            jobId: `outbox.${event.id}.${consumer.name}.${event.relayCount}`,
          });
          jobs.set(consumer.queue, queued);
        }
      }
      try {
        for (const [queue, queued] of jobs) {
          await this.producer.enqueueEvents(queue, queued);
          relayed += queued.length;
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
