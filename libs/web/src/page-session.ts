import RedisStore from 'connect-redis';
import cookieParser from 'cookie-parser';
import { doubleCsrf } from 'csrf-csrf';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type Redis from 'ioredis';
import type { AppConfig } from '@schakel/config';

declare module 'express-session' {
  interface SessionData {
    /** The signed-in person and the token version she signed in with (a reset or removal ends the session). */
    userId?: string;
    tokenVersion?: number;
    /** Set when a form token was handed out before signing in, so the anonymous session keeps its id. */
    startedAt?: number;
    /** One message for the next page ("Je bent afgemeld"), as a catalogue key and its values. */
    flash?: { key: string; values?: Record<string, string> };
    /** What a form's answer page shows after its redirect (POST → 303 → GET), read once. */
    carried?: Record<string, unknown>;
  }
}

/** How long a page session lives without a request; every request renews it (rolling). */
export const PAGE_SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const PAGE_SESSION_COOKIE = 'schakel.sid';
export const LANGUAGE_COOKIE = 'schakel.lang';

/** Requests that are not pages: the JSON API (bearer tokens only, so never open to CSRF), assets, health. */
export const isPageRequest = (path: string): boolean => !/^\/(api|assets|health)(\/|$)/.test(path);

/**
 * Page sessions and CSRF for the server-rendered pages, never for `/api`: the JSON API stays
 * bearer-only, so a cookie can never authorise a JSON call from another site.
 * - The session lives in Redis (connect-redis), so any API process serves any request; the
 *   cookie is httpOnly, SameSite=Lax, Secure when PUBLIC_BASE_URL is https, and renewed by
 *   every request (rolling) until it has been idle for 12 hours. Signing out destroys it.
 * - CSRF: signed double-submit tokens (csrf-csrf) bound to the session id; PageCsrfGuard checks
 *   every page POST except the mail-link forms, which act on their signed link, not the session.
 */
export class PageSessions {
  readonly secure: boolean;
  private readonly csrf: ReturnType<typeof doubleCsrf>;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: Redis,
  ) {
    this.secure = config.publicBaseUrl.startsWith('https://');
    this.csrf = doubleCsrf({
      getSecret: () => config.keys.csrf.toString('hex'),
      getSessionIdentifier: (req) => req.session?.id ?? '',
      cookieName: this.secure ? '__Host-schakel.csrf' : 'schakel.csrf',
      cookieOptions: { sameSite: 'lax', secure: this.secure, httpOnly: true, path: '/' },
      getCsrfTokenFromRequest: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
    });
  }

  /** Cookie parsing, the session and `req.csrfToken()`, on page requests only. */
  middleware(): RequestHandler {
    const parseCookies = cookieParser();
    const sessions = session({
      name: PAGE_SESSION_COOKIE,
      secret: this.config.keys.pageSessions.toString('hex'),
      store: new RedisStore({ client: this.redis, prefix: `${this.config.queuePrefix}:page-session:`, ttl: PAGE_SESSION_IDLE_MS / 1000 }),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      proxy: this.config.trustProxy !== false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: this.secure, maxAge: PAGE_SESSION_IDLE_MS, path: '/' },
    });
    return (req: Request, res: Response, next: NextFunction) => {
      if (!isPageRequest(req.path)) return next();
      parseCookies(req, res, () =>
        sessions(req, res, (error?: unknown) => {
          // The session store is away (Redis down): the page still renders, for a visitor;
          // its forms then fail their CSRF check and say "try again" rather than a 500.
          if (error) return next();
          req.csrfToken = () => {
            // An anonymous visitor's session must keep its id for the token to match on POST.
            req.session.startedAt ??= Date.now();
            return this.csrf.generateCsrfToken(req, res);
          };
          next();
        }),
      );
    };
  }

  /** True when a POST carries the form token issued to this session. */
  validRequest(req: Request): boolean {
    return this.csrf.validateRequest(req);
  }
}
