import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueName, type JobHandlers, type JobName } from '@schakel/jobs';
import { BackgroundYield } from './background-yield';
import { InjectJobHandlers } from './job-handlers';

type AnyJob = Job<unknown, unknown, JobName>;

/**
 * The one processor shape: route by job name to the handler map, log id, attempt and
 * duration; errors are not caught, so the job fails and BullMQ retries it. Every failed
 * attempt is logged here, for every queue. A queue given a BackgroundYield starts each job
 * only once the API is calm (or has been busy for the maximum): the relay, mail and
 * certificates give way to a storm of requests instead of competing with it for the CPU.
 */
export abstract class QueueProcessor extends WorkerHost {
  protected abstract readonly logger: Logger;

  constructor(
    private readonly handlers: JobHandlers,
    private readonly backgroundYield?: BackgroundYield,
  ) {
    super();
  }

  async process(job: AnyJob): Promise<unknown> {
    const handler = this.handlers[job.name] as ((data: unknown, run: { id: string | undefined; attempt: number }) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    await this.backgroundYield?.calm();
    const started = Date.now();
    const result = await handler(job.data, { id: job.id, attempt: job.attemptsMade + 1 });
    this.logger.debug(`${job.name} ${job.id} attempt ${job.attemptsMade + 1} done in ${Date.now() - started} ms`);
    return result;
  }

  @OnWorkerEvent('failed')
  onFailed(job: AnyJob | undefined, error: Error): void {
    const attempts = job?.opts.attempts ?? 1;
    this.logger.error(`${job?.name} ${job?.id} attempt ${job?.attemptsMade ?? 0} of ${attempts} failed: ${error.message}`);
  }

  /**
   * The worker's own errors (Redis gone or flushed mid-job: "Missing key for job …"). Without a
   * listener Node treats them as unhandled; the job is retried or recovered by the outbox anyway.
   */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`queue worker: ${error.message}`);
  }
}

/**
 * The outbox relay (scheduled by JobSchedules, nudged by the API) and the maintenance sweep.
 * While the relay waits for a calm API, a storm's nudges coalesce into one relay run.
 */
@Injectable()
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends QueueProcessor {
  protected readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(@InjectJobHandlers() handlers: JobHandlers, backgroundYield: BackgroundYield) {
    super(handlers, backgroundYield);
  }
}

/** Messaging's events, the reminder sweep, and one job per e-mail. */
@Injectable()
@Processor(QueueName.Messages, { concurrency: 8 })
export class MessagesProcessor extends QueueProcessor {
  protected readonly logger = new Logger(MessagesProcessor.name);

  constructor(@InjectJobHandlers() handlers: JobHandlers, backgroundYield: BackgroundYield) {
    super(handlers, backgroundYield);
  }
}

/**
 * Certification's events. Rendering is CPU work on this thread; a few jobs at once overlap
 * it with the database and file writes. More workers (processes) scale it further.
 */
export const CERTIFICATE_CONCURRENCY = 8;

@Injectable()
@Processor(QueueName.Certificates, { concurrency: CERTIFICATE_CONCURRENCY })
export class CertificatesProcessor extends QueueProcessor {
  protected readonly logger = new Logger(CertificatesProcessor.name);

  constructor(@InjectJobHandlers() handlers: JobHandlers, backgroundYield: BackgroundYield) {
    super(handlers, backgroundYield);
  }
}

/** Bulk imports: a few at once; each works through its rows in batches. Started by a person who waits for it, so it does not yield. */
@Injectable()
@Processor(QueueName.Imports, { concurrency: 2 })
export class ImportsProcessor extends QueueProcessor {
  protected readonly logger = new Logger(ImportsProcessor.name);

  constructor(@InjectJobHandlers() handlers: JobHandlers) {
    super(handlers);
  }
}
