import type { NextFunction, Request, Response } from 'express';
import { DomainException, type RateLimitPolicy } from '@schakel/common';
import type { RateLimiter } from './rate-limiter';

/**
 * A rate limit that runs before the body is read, for routes that take uploads: refusing
 * after a 5 MB body has arrived would still let anyone make us read 5 MB at will. Answers
 * in the contract's error shape itself, since no Nest filter runs this early.
 */
export function limitBeforeBody(limiter: RateLimiter, policy: RateLimitPolicy, path: RegExp) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'POST' || !path.test(request.path)) return next();
    limiter.consume(policy, request, (name, value) => response.setHeader(name, value)).then(
      () => next(),
      (error: unknown) => {
        if (!(error instanceof DomainException)) return next(error);
        response.setHeader('Connection', 'close');
        response.status(error.status).json({ statusCode: error.status, error: error.status === 429 ? 'Too Many Requests' : 'Service Unavailable', message: error.message, code: error.code });
      },
    );
  };
}
