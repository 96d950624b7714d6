import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { JOB_ROUTES, JobData, JobName, RETRY } from './job.types';
import { QueueName } from './queue-name';

/** How long a process gathers commits before it nudges the relay once for all of them. */
export const NUDGE_COALESCE_MS = 20;

/** Every enqueue carries these; a finished job leaves nothing behind in Redis. */
const DEFAULT_OPTIONS: JobsOptions = { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } };

/** The one way domain code puts work on a queue; nobody else touches a raw Queue. */
@Injectable()
export class JobProducer {
  private readonly logger = new Logger(JobProducer.name);
  private readonly queues: ReadonlyMap<QueueName, Queue>;
  private nudgePending = false;

  constructor(
    @InjectQueue(QueueName.Maintenance) maintenance: Queue,
    @InjectQueue(QueueName.Certificates) certificates: Queue,
    @InjectQueue(QueueName.Messages) messages: Queue,
    @InjectQueue(QueueName.Imports) imports: Queue,
  ) {
    this.queues = new Map([maintenance, certificates, messages, imports].map((queue) => [queue.name as QueueName, queue]));
    for (const [name, queue] of this.queues) {
      // Attached as soon as the queues exist (they connect at once): without a listener an
      // unreachable Redis is printed on the console for every retry.
      queue.on('error', (error) => this.logger.warn(`queue ${name}: ${error.message}`));
    }
  }

  /** Enqueues a job on the queue its route names. */
  async enqueue<N extends Exclude<JobName, 'event.consume'>>(name: N, data: JobData<N>, options: JobsOptions = {}): Promise<void> {
    const route = JOB_ROUTES[name];
    await this.queue(route.queue).add(name, data, { ...RETRY[route.retry], ...DEFAULT_OPTIONS, ...options });
  }

  /** Enqueues many jobs of one name in one round trip. */
  async enqueueMany<N extends Exclude<JobName, 'event.consume'>>(name: N, jobs: Array<{ data: JobData<N>; options?: JobsOptions }>): Promise<void> {
    if (jobs.length === 0) return;
    const route = JOB_ROUTES[name];
    await this.queue(route.queue).addBulk(
      jobs.map((job) => ({ name, data: job.data, opts: { ...RETRY[route.retry], ...DEFAULT_OPTIONS, ...job.options } })),
    );
  }

  /** Enqueues one consumer's handling of one domain event on that consumer's queue. */
  async enqueueEvent(queue: QueueName, data: JobData<'event.consume'>, options: JobsOptions = {}): Promise<void> {
    await this.queue(queue).add('event.consume', data, { ...RETRY[JOB_ROUTES['event.consume'].retry], ...DEFAULT_OPTIONS, ...options });
  }

  /** Enqueues many consumer jobs on one queue in one round trip (the relay's batches). */
  async enqueueEvents(queue: QueueName, jobs: Array<{ data: JobData<'event.consume'>; jobId: string }>): Promise<void> {
    if (jobs.length === 0) return;
    const retry = RETRY[JOB_ROUTES['event.consume'].retry];
    await this.queue(queue).addBulk(jobs.map((job) => ({ name: 'event.consume' as const, data: job.data, opts: { ...retry, ...DEFAULT_OPTIONS, jobId: job.jobId } })));
  }

  /**
   * Asks the worker to relay the outbox now rather than at its next tick. Best
   * effort: if Redis is down the rows wait in PostgreSQL and the relay finds them.
   * The fixed job id coalesces a burst of nudges into one relay run.
   */
  nudgeOutboxRelay(): void {
    // One nudge per NUDGE_COALESCE_MS per process: a storm of commits costs one Redis call
    // per window instead of one per request; the relay then moves all of them in one run.
    if (this.nudgePending) return;
    this.nudgePending = true;
    setTimeout(() => {
      this.nudgePending = false;
      this.enqueue('outbox.relay', {}, { jobId: 'outbox-relay-nudge' }).catch((error: unknown) =>
        this.logger.debug(`outbox relay nudge skipped: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, NUDGE_COALESCE_MS).unref();
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`queue ${name} is not registered`);
    return queue;
  }
}
