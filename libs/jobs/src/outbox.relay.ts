import { Injectable, Logger } from '@nestjs/common';
import { JobProducer } from './job.producer';
import { OutboxRepository } from './outbox.repository';

const BATCH = 200;
/** A relayed row whose job has not finished after this long is relayed again (the reconciler). */
export const OUTBOX_STALL_SECONDS = 300;

@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly producer: JobProducer,
  ) {}

  /** Moves every due outbox row into BullMQ; returns how many were relayed. */
  async relayDue(stallSeconds = OUTBOX_STALL_SECONDS): Promise<number> {
    let relayed = 0;
    for (;;) {
      const batch = await this.outbox.claimDue(BATCH, stallSeconds);
      for (const [index, event] of batch.entries()) {
        try {
          // The job id changes with each relay: a job that was lost or failed for good is not
          // shadowed by its old id, while duplicates within one relay are impossible.
          await this.producer.enqueue(event.topic, { ...event.payload, outboxId: event.id } as never, {
            jobId: `outbox.${event.id}.${event.relayCount}`,
          });
          relayed += 1;
        } catch (error) {
          await this.outbox.release(batch.slice(index).map((e) => e.id));
          throw error;
        }
      }
      if (batch.length < BATCH) break;
    }
    if (relayed > 0) this.logger.log(`relayed ${relayed} outbox event(s)`);
    return relayed;
  }
}
