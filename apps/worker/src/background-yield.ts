import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '@schakel/config';
import { REDIS_CLIENT } from '@schakel/database';
import { apiBusyKey } from '@schakel/jobs';

/** How often a waiting job asks again; one Redis read serves every job waiting at that moment. */
export const CALM_POLL_MS = 100;
/** A Redis that does not answer within this reads as calm: background work never hangs on the flag. */
const READ_TIMEOUT_MS = 200;

/**
 * The worker's side of "background work gives way to requests": before a background job
 * starts, it waits while any API process says it is busy (ApiPressureReporter). The wait is
 * bounded per busy stretch, not per job: once the API has been busy for
 * BACKGROUND_YIELD_MAX_MS without a calm moment, every job goes ahead until the next calm
 * reading, so under a long storm the work still flows and a chain of jobs (relay, event,
 * mail) waits once, not once per link. A waiting job uses no CPU and keeps its BullMQ lock;
 * what it then does is the same, exactly once (a send is still claimed in PostgreSQL).
 * `busySince` is this process's reading of the flag, nothing a request depends on.
 */
@Injectable()
export class BackgroundYield {
  private readonly key: string;
  private readonly maxMs: number;
  private released = false;
  private busySince?: number;
  private calmSeenAt = 0;
  private reading?: Promise<boolean>;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.key = apiBusyKey(config.queuePrefix);
    this.maxMs = config.backgroundYieldMaxMs;
  }

  /** Resolves once the API is calm, when this busy stretch has lasted the maximum, or at shutdown. */
  async calm(): Promise<void> {
    // A calm reading holds for one poll interval: a burst of jobs asks Redis once, not once each.
    if (this.maxMs === 0 || Date.now() - this.calmSeenAt < CALM_POLL_MS) return;
    while (!this.released && (await this.apiBusy())) {
      this.busySince ??= Date.now();
      if (Date.now() - this.busySince >= this.maxMs) return;
      await new Promise((resolve) => setTimeout(resolve, CALM_POLL_MS));
    }
    this.busySince = undefined;
    this.calmSeenAt = Date.now();
  }

  /** At shutdown: every waiting job goes ahead now, so closing the worker does not wait on the API. */
  release(): void {
    this.released = true;
  }

  /** One read shared by every job asking at the same moment; an error or a slow Redis reads as calm. */
  private apiBusy(): Promise<boolean> {
    this.reading ??= Promise.race([
      this.redis.exists(this.key).then((n) => n > 0),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), READ_TIMEOUT_MS).unref()),
    ])
      .catch(() => false)
      .finally(() => (this.reading = undefined));
    return this.reading;
  }
}
