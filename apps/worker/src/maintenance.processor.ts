import { Processor } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobName, OutboxRelay } from '@schakel/jobs';
import { RoutedProcessor } from './routed.processor';

/** The 'maintenance' queue: the outbox relay (scheduled by JobSchedules, nudged by the API). */
@Injectable()
@Processor('maintenance')
export class MaintenanceProcessor extends RoutedProcessor {
  protected readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(private readonly relay: OutboxRelay) {
    super();
  }

  protected route(job: Job<unknown, unknown, JobName>): Promise<unknown> {
    switch (job.name) {
      case 'outbox.relay':
        return this.relay.relayDue();
      default:
        throw new Error(`maintenance queue has no handler for ${job.name}`);
    }
  }
}
