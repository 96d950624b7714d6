import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobProducer, JobName, OutboxRelay } from '@schakel/jobs';

/** How often the relay looks for outbox rows when nobody nudged it. */
export const OUTBOX_RELAY_EVERY_MS = 5_000;

@Injectable()
@Processor('maintenance')
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly relay: OutboxRelay,
    private readonly producer: JobProducer,
  ) {
    super();
  }

  /** Job schedulers live in Redis: registered again at every start, so a flush loses one tick at most. */
  async onApplicationBootstrap(): Promise<void> {
    await this.producer
      .queue('maintenance')
      .upsertJobScheduler('outbox-relay', { every: OUTBOX_RELAY_EVERY_MS }, { name: 'outbox.relay', data: {} });
  }

  async process(job: Job<unknown, unknown, JobName>): Promise<unknown> {
    const started = Date.now();
    const result = await this.route(job);
    this.logger.debug(`${job.name} ${job.id} attempt ${job.attemptsMade + 1} done in ${Date.now() - started} ms`);
    return result;
  }

  private route(job: Job<unknown, unknown, JobName>): Promise<unknown> {
    switch (job.name) {
      case 'outbox.relay':
        return this.relay.relayDue();
      default:
        throw new Error(`maintenance queue has no handler for ${job.name}`);
    }
  }
}
