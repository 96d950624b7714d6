import { SetMetadata } from '@nestjs/common';

/** Named rate-limit policies; the API's RateLimitGuard knows their limits. */
export type RateLimitPolicy = 'login' | 'register' | 'password-reset' | 'verify';
export const RATE_LIMIT_KEY = 'schakel:rate-limit';

/** Limits calls to this route per client, counted in Redis so every API process shares the count. */
export const RateLimit = (policy: RateLimitPolicy) => SetMetadata(RATE_LIMIT_KEY, policy);
