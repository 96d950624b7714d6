import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet on every response: nosniff, no framing (CSP frame-ancestors and X-Frame-Options),
 * no referrer beyond our origin, HSTS, and a CSP for the HTML pages (mail-link pages, the
 * verify page, /dev/mail) that allows only our own scripts and styles. Swagger UI's inline
 * bootstrap needs 'unsafe-inline' for scripts; nothing else we serve has inline script.
 */
export const securityHeaders: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      upgradeInsecureRequests: null,
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginResourcePolicy: { policy: 'same-site' },
};

/**
 * helmet's headers for `options`, worked out once at start. With no per-request directive (no
 * function anywhere in the CSP) helmet sets the same headers on every response, yet its dozen
 * middlewares rebuilt them, the CSP string included, for each request: ~3 % of an
 * enrolment's CPU. The spec checks that a response carries exactly what helmet gives it.
 */
export function staticSecurityHeaders(options: HelmetOptions): RequestHandler {
  const csp = options.contentSecurityPolicy;
  const directives = typeof csp === 'object' ? Object.values(csp.directives ?? {}) : [];
  if (directives.some((value) => typeof value === 'function' || (Array.isArray(value) && value.some((v) => typeof v === 'function')))) {
    throw new Error('a CSP directive is computed per request: use helmet itself');
  }
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  let outcome: { error?: unknown } | undefined;
  const recorder = {
    setHeader: (name: string, value: unknown) => set.push([name, String(value)]),
    removeHeader: (name: string) => removed.push(name),
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => (outcome = { error }));
  if (!outcome) throw new Error('helmet did not finish at once: its headers depend on the request');
  if (outcome.error) throw outcome.error;
  return (_request, response, next) => {
    for (const [name, value] of set) response.setHeader(name, value);
    for (const name of removed) response.removeHeader(name);
    next();
  };
}
