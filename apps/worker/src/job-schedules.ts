import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@schakel/config';
import { JobProducer, QueueName } from '@schakel/jobs';

/** How often the relay looks for outbox rows when nobody nudged it. */
export const OUTBOX_RELAY_EVERY_MS = 5_000;
/** How often ended sessions are settled and old rows deleted (minutes matter little to either). */
export const MAINTENANCE_EVERY_MS = 60_000;
/** How often the worker makes sure its schedulers still exist in Redis. */
export const SCHEDULER_REFRESH_MS = 10_000;

/**
 * The worker's recurring jobs. Job schedulers live in Redis: they are registered at every
 * start and again every few seconds, because a Redis restarted without persistence has
 * forgotten them while this worker kept running (work written meanwhile waits in
 * PostgreSQL). Upserting an unchanged scheduler is one cheap, idempotent call, and several
 * workers upserting the same id still make one scheduler.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobSchedules.name);
  private keepRegistered?: NodeJS.Timeout;

  constructor(
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    this.keepRegistered = setInterval(() => {
      this.register().catch((error: unknown) =>
        this.logger.debug(`job schedulers not registered: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, SCHEDULER_REFRESH_MS);
    this.keepRegistered.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.keepRegistered);
  }

  private async register(): Promise<void> {
    await this.producer
      .queue(QueueName.Maintenance)
      .upsertJobScheduler('outbox-relay', { every: OUTBOX_RELAY_EVERY_MS }, { name: 'outbox.relay', data: {} });
    await this.producer
      .queue(QueueName.Messages)
      .upsertJobScheduler('messages-sweep', { every: this.config.sweepIntervalSeconds * 1000 }, { name: 'messages.sweep', data: {} });
    await this.producer
      .queue(QueueName.Maintenance)
      .upsertJobScheduler('maintenance-sweep', { every: MAINTENANCE_EVERY_MS }, { name: 'maintenance.sweep', data: {} });
  }
}
