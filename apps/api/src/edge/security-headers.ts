import type { HelmetOptions } from 'helmet';

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
