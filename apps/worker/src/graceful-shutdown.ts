import { WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { BackgroundYield } from './background-yield';

/** Part of SHUTDOWN_DEADLINE_MS for in-flight jobs; the rest is for closing PostgreSQL and Redis. */
export const CLOSE_WAIT_MS = 15_000;

/**
 * @nestjs/bullmq closes its workers in onApplicationShutdown, the same phase in which
 * TypeORM destroys its data source; which goes first depends on module order, so an
 * in-flight job could lose its database halfway. Closing every worker one phase earlier
 * lets in-flight jobs finish (worker.close() waits for them) while PostgreSQL is still open.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(GracefulShutdown.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly backgroundYield: BackgroundYield,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    // Jobs waiting for a calm API go ahead now instead of holding the close.
    this.backgroundYield.release();
    const hosts = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost);
    const started = Date.now();
    await Promise.all(hosts.map((host) => this.close(host)));
    this.logger.log(`closed ${hosts.length} queue worker(s)${signal ? ` on ${signal}` : ''} in ${Date.now() - started} ms`);
  }

  /**
   * Waits for in-flight jobs, but not forever: a job stuck on a hanging SMTP server or Redis
   * is abandoned after CLOSE_WAIT_MS (it stalls and runs again elsewhere; sends are claimed
   * in PostgreSQL, so nothing is sent twice), leaving time to close the rest before the deadline.
   */
  private async close(host: WorkerHost): Promise<void> {
    if (!host.worker) return;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), CLOSE_WAIT_MS)));
    const outcome = await Promise.race([host.worker.close().then(() => 'closed' as const, () => 'closed' as const), gaveUp]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger.warn(`queue worker ${host.worker.name} still busy after ${CLOSE_WAIT_MS} ms; closing without waiting`);
      await Promise.race([host.worker.close(true).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    }
  }
}
