import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { AppConfig } from '@schakel/config';
import { JobData, JobName, JobProducer, OutboxJobData } from '@schakel/jobs';
import { DeliveryService, NotificationService, SweepService } from '@schakel/messaging';

/** The 'messages' queue: notification fan-out, the reminder sweep, and one job per e-mail. */
@Injectable()
@Processor('messages', { concurrency: 8 })
export class MessagesProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MessagesProcessor.name);

  constructor(
    private readonly notifications: NotificationService,
    private readonly sweeps: SweepService,
    private readonly deliveries: DeliveryService,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {
    super();
  }

  /** Registered again at every start (job schedulers live in Redis): a flush loses one interval at most. */
  async onApplicationBootstrap(): Promise<void> {
    await this.producer
      .queue('messages')
      .upsertJobScheduler('messages-sweep', { every: this.config.sweepIntervalSeconds * 1000 }, { name: 'messages.sweep', data: {} });
  }

  async process(job: Job<unknown, unknown, JobName>): Promise<unknown> {
    const started = Date.now();
    const result = await this.route(job);
    this.logger.debug(`${job.name} ${job.id} attempt ${job.attemptsMade + 1} done in ${Date.now() - started} ms`);
    return result;
  }

  private route(job: Job<unknown, unknown, JobName>): Promise<unknown> {
    switch (job.name) {
      case 'notification.send':
        return this.notifications.handle(job.data as OutboxJobData<'notification.send'>);
      case 'messages.sweep':
        return this.sweeps.sweep();
      case 'message.send':
        return this.deliveries.deliver((job.data as JobData<'message.send'>).deliveryId);
      default:
        throw new Error(`messages queue has no handler for ${job.name}`);
    }
  }
}
