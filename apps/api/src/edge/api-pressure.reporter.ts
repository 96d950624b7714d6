import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '@schakel/config';
import { REDIS_CLIENT } from '@schakel/database';
import { apiBusyKey, BUSY_HOLD_MS, BUSY_UTILISATION, PRESSURE_SAMPLE_MS } from '@schakel/jobs';

/**
 * The API's side of "background work gives way to requests". Every PRESSURE_SAMPLE_MS the
 * process measures its event-loop utilisation; when it was busy it raises a flag in Redis
 * that lives BUSY_HOLD_MS. Nothing is written while the process is calm, and nothing is held
 * in memory but the last sample, so any number of API processes can raise the same flag.
 */
@Injectable()
export class ApiPressureReporter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ApiPressureReporter.name);
  private readonly key: string;
  private timer?: NodeJS.Timeout;
  private last: EventLoopUtilization = performance.eventLoopUtilization();

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.key = apiBusyKey(config.queuePrefix);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.sample(), PRESSURE_SAMPLE_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One sample: raises the flag when the loop was busy since the previous one. */
  sample(): void {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, this.last);
    this.last = now;
    if (utilization >= BUSY_UTILISATION) this.raise();
  }

  /** Says "busy" for BUSY_HOLD_MS (tests use it for a busy API without a storm). */
  raise(): void {
    this.redis.set(this.key, '1', 'PX', BUSY_HOLD_MS).catch((error: Error) => this.logger.debug(`pressure not reported: ${error.message}`));
  }
}
