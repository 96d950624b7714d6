import { WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

/**
 * @nestjs/bullmq closes its workers in onApplicationShutdown, the same phase in which
 * TypeORM destroys its data source; which goes first depends on module order, so an
 * in-flight job could lose its database halfway. Closing every worker one phase earlier
 * lets in-flight jobs finish (worker.close() waits for them) while PostgreSQL is still open.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(GracefulShutdown.name);

  constructor(private readonly discovery: DiscoveryService) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const hosts = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost);
    const started = Date.now();
    await Promise.all(hosts.map((host) => host.worker?.close()));
    this.logger.log(`closed ${hosts.length} queue worker(s)${signal ? ` on ${signal}` : ''} in ${Date.now() - started} ms`);
  }
}
