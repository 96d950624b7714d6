import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import Redis from 'ioredis';
import { DomainException, type RateLimitPolicy } from '@schakel/common';
import { AppConfig } from '@schakel/config';
import { REDIS_CLIENT } from '@schakel/database';

interface Window {
  /** What the count is per: the client address, or the account being tried (from any address). */
  key: (request: Request) => string;
  limit: number;
}

interface Policy {
  windows: Window[];
  /**
   * Without Redis the count is unknown. Login then refuses (503): guessing passwords from
   * many addresses while the limiter is blind is the attack the limit exists for. The others
   * pass: a minute without a limit is better than no registrations or verifications.
   */
  failClosed: boolean;
}

const WINDOW_MS = 60_000;
const ip = (request: Request) => request.ip ?? request.socket.remoteAddress ?? 'unknown';
const loginEmail = (request: Request) => String((request.body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase();

/** Fixed one-minute windows counted in Redis, so every API process shares the count. */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly policies: Record<RateLimitPolicy, Policy>;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    const limits = config.rateLimits;
    this.policies = {
      login: {
        windows: [
          { key: (r) => `login:ip:${ip(r)}`, limit: limits.loginPerIpPerMinute },
          // Per account across addresses: a botnet spreading guesses over many IPs still meets this one.
          { key: (r) => `login:acct:${loginEmail(r)}`, limit: limits.loginPerAccountPerMinute },
        ],
        failClosed: true,
      },
      register: { windows: [{ key: (r) => `register:ip:${ip(r)}`, limit: limits.registerPerIpPerMinute }], failClosed: false },
      'password-reset': { windows: [{ key: (r) => `reset:ip:${ip(r)}`, limit: limits.passwordResetPerIpPerMinute }], failClosed: false },
      verify: { windows: [{ key: (r) => `verify:ip:${ip(r)}`, limit: limits.verifyPerIpPerMinute }], failClosed: false },
    };
  }

  /** Counts the request against the policy; throws 429 (with the seconds to wait) or, failing closed, 503. */
  async consume(policy: RateLimitPolicy, request: Request, setHeader: (name: string, value: string) => void): Promise<void> {
    const { windows, failClosed } = this.policies[policy];
    for (const window of windows) {
      let retryAfterMs: number;
      try {
        retryAfterMs = await this.hit(`${this.config.queuePrefix}:ratelimit:${window.key(request)}`, window.limit);
      } catch (error) {
        this.logger.warn(`rate limit ${policy} unavailable (Redis): ${error instanceof Error ? error.message : String(error)}`);
        if (!failClosed) return;
        setHeader('Retry-After', '10');
        throw new DomainException(503, 'common.rate-limit-unavailable', 'Signing in is briefly unavailable. Please try again shortly.');
      }
      if (retryAfterMs > 0) {
        setHeader('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
        throw new DomainException(429, 'common.rate-limited', 'Too many attempts. Please wait a minute and try again.');
      }
    }
  }

  /** Counts one hit; returns 0 when allowed, else the milliseconds until the window ends. */
  private async hit(key: string, limit: number): Promise<number> {
    const result = await this.redis.multi().incr(key).pexpire(key, WINDOW_MS, 'NX').pttl(key).exec();
    if (!result || result.some(([error]) => error)) throw new Error('rate limit transaction failed');
    const count = Number(result[0][1]);
    const ttl = Number(result[2][1]);
    return count > limit ? Math.max(ttl, 1) : 0;
  }
}
