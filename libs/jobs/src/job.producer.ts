import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { JOB_ROUTES, JobData, JobName, QueueName, RETRY } from './job-catalogue';

/** The one way domain code puts work on a queue; nobody else touches a raw Queue. */
@Injectable()
export class JobProducer {
  private readonly logger = new Logger(JobProducer.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(@InjectQueue('maintenance') maintenance: Queue) {
    this.queues = { maintenance };
    for (const queue of Object.values(this.queues)) {
      // Without a listener an unreachable Redis is reported on the console for every retry.
      queue.on('error', (error) => this.logger.warn(`queue ${queue.name}: ${error.message}`));
    }
  }

  async enqueue<N extends JobName>(name: N, data: JobData<N> & { outboxId?: string }, options: JobsOptions = {}): Promise<void> {
    const route = JOB_ROUTES[name];
    await this.queues[route.queue].add(name, data, {
      ...RETRY[route.retry],
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
      ...options,
    });
  }

  /**
   * Asks the worker to relay the outbox now rather than at its next tick. Best
   * effort: if Redis is down the rows wait in PostgreSQL and the relay finds them.
   * The fixed job id coalesces a burst of nudges into one relay run.
   */
  nudgeOutboxRelay(): void {
    this.enqueue('outbox.relay', {}, { jobId: 'outbox-relay-nudge' }).catch((error: unknown) =>
      this.logger.debug(`outbox relay nudge skipped: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }
}
