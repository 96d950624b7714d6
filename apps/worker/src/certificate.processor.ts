import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { CertificateIssueService, type IssueOutcome } from '@schakel/certification';
import type { JobName, OutboxJobData } from '@schakel/jobs';

/**
 * Rendering is CPU work on this thread; a few jobs at once overlap it with the database
 * and file writes. More workers (processes) scale it further.
 */
export const CERTIFICATE_CONCURRENCY = 8;

type CertificateJob = Job<OutboxJobData<'certificate.issue'>, IssueOutcome, JobName>;

/** Thin: routes `certificate.issue` to the issuing service; errors throw so BullMQ retries with backoff. */
@Injectable()
@Processor('certificates', { concurrency: CERTIFICATE_CONCURRENCY })
export class CertificateProcessor extends WorkerHost {
  private readonly logger = new Logger(CertificateProcessor.name);

  constructor(private readonly issuer: CertificateIssueService) {
    super();
  }

  async process(job: CertificateJob): Promise<IssueOutcome> {
    if (job.name !== 'certificate.issue') throw new Error(`certificates queue has no handler for ${job.name}`);
    const started = Date.now();
    const outcome = await this.issuer.issue(job.data.completionId, job.data.outboxId);
    this.logger.log(`${job.name} ${job.id} attempt ${job.attemptsMade + 1}: ${outcome} in ${Date.now() - started} ms`);
    return outcome;
  }

  @OnWorkerEvent('failed')
  onFailed(job: CertificateJob | undefined, error: Error): void {
    const attempts = job?.opts.attempts ?? 1;
    this.logger.error(`${job?.name} ${job?.id} attempt ${(job?.attemptsMade ?? 0)} of ${attempts} failed: ${error.message}`);
  }
}
