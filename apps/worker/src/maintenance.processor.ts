import { Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobProducer, JobName, OutboxRelay } from '@schakel/jobs';

/** How often the relay looks for outbox rows when nobody nudged it. */
export const OUTBOX_RELAY_EVERY_MS = 5_000;
/** How often the worker makes sure the relay's scheduler still exists in Redis. */
export const SCHEDULER_REFRESH_MS = 10_000;

@Injectable()
@Processor('maintenance')
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private keepRegistered?: NodeJS.Timeout;

  constructor(
    private readonly relay: OutboxRelay,
    private readonly producer: JobProducer,
  ) {
    super();
  }

  /**
   * Job schedulers live in Redis: registered at every start, and again every few seconds,
   * because a Redis restarted without persistence has forgotten the scheduler while this
   * worker kept running (the outbox rows written meanwhile wait for the relay). Upserting
   * an unchanged scheduler is one cheap idempotent call.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.registerRelayScheduler();
    this.keepRegistered = setInterval(() => {
      this.registerRelayScheduler().catch((error: unknown) =>
        this.logger.debug(`outbox relay scheduler not registered: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, SCHEDULER_REFRESH_MS);
    this.keepRegistered.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.keepRegistered);
  }

  private async registerRelayScheduler(): Promise<void> {
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
