import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import type { JobName } from '@schakel/jobs';

/**
 * A processor routes each job by name to one service method and logs its id, attempt and
 * duration. Errors are not caught: they fail the job, so BullMQ retries it.
 */
export abstract class RoutedProcessor extends WorkerHost {
  protected abstract readonly logger: Logger;

  protected abstract route(job: Job<unknown, unknown, JobName>): Promise<unknown>;

  async process(job: Job<unknown, unknown, JobName>): Promise<unknown> {
    const started = Date.now();
    const result = await this.route(job);
    this.logger.debug(`${job.name} ${job.id} attempt ${job.attemptsMade + 1} done in ${Date.now() - started} ms`);
    return result;
  }
}
