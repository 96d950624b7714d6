import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import Redis from 'ioredis';
import { DomainException, RATE_LIMIT_KEY, RateLimitPolicy } from '@schakel/common';
import { AppConfig } from '@schakel/config';
import { REDIS_CLIENT } from '@schakel/database';

interface Window {
  /** What the count is per: the client address, or the address and the e-mail being tried. */
  key: (request: Request) => string;
  limit: number;
}

const WINDOW_MS = 60_000;
const ip = (request: Request) => request.ip ?? request.socket.remoteAddress ?? 'unknown';
const loginEmail = (request: Request) => String((request.body as { email?: unknown })?.email ?? '').trim().toLowerCase();

/**
 * Fixed one-minute windows counted in Redis, so every API process shares the count.
 * If Redis is unreachable the request passes: a login outage is worse than a
 * minute without a limit, and argon2 already makes guessing slow.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger(RateLimitGuard.name);
  private readonly policies: Record<RateLimitPolicy, Window[]>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    const { perAccountPerMinute, perIpPerMinute } = config.loginRateLimit;
    this.policies = {
      login: [
        { key: (r) => `login:acct:${ip(r)}:${loginEmail(r)}`, limit: perAccountPerMinute },
        { key: (r) => `login:ip:${ip(r)}`, limit: perIpPerMinute },
      ],
      verify: [{ key: (r) => `verify:ip:${ip(r)}`, limit: 60 }],
    };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.get<RateLimitPolicy | undefined>(RATE_LIMIT_KEY, context.getHandler());
    if (!policy || context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    for (const window of this.policies[policy]) {
      const retryAfterMs = await this.hit(`${this.config.queuePrefix}:ratelimit:${window.key(request)}`, window.limit);
      if (retryAfterMs > 0) {
        context.switchToHttp().getResponse<Response>().setHeader('Retry-After', Math.ceil(retryAfterMs / 1000));
        throw new DomainException(429, 'common.rate-limited', 'Too many attempts. Please wait a minute and try again.');
      }
    }
    return true;
  }

  /** Counts one hit; returns 0 when allowed, else the milliseconds until the window ends. */
  private async hit(key: string, limit: number): Promise<number> {
    try {
      const result = await this.redis.multi().incr(key).pexpire(key, WINDOW_MS, 'NX').pttl(key).exec();
      const count = Number(result?.[0]?.[1] ?? 0);
      const ttl = Number(result?.[2]?.[1] ?? WINDOW_MS);
      return count > limit ? Math.max(ttl, 1) : 0;
    } catch (error) {
      this.logger.warn(`rate limit not applied, Redis unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    }
  }
}
