import { Processor } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobData, JobName, OutboxJobData } from '@schakel/jobs';
import { DeliveryService, NotificationService, SweepService } from '@schakel/messaging';
import { RoutedProcessor } from './routed.processor';

/** The 'messages' queue: notification fan-out, the reminder sweep, and one job per e-mail. */
@Injectable()
@Processor('messages', { concurrency: 8 })
export class MessagesProcessor extends RoutedProcessor {
  protected readonly logger = new Logger(MessagesProcessor.name);

  constructor(
    private readonly notifications: NotificationService,
    private readonly sweeps: SweepService,
    private readonly deliveries: DeliveryService,
  ) {
    super();
  }

  protected route(job: Job<unknown, unknown, JobName>): Promise<unknown> {
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
