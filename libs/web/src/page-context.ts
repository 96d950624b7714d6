import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { LOCALES, type Locale } from '@schakel/common';
import type { PageView } from './page.renderer';
import { LANGUAGE_COOKIE } from './page-session';

/** The signed-in person as the pages need her (the guard's AuthUser has these fields). */
export interface PageUser {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  isPlatformAdmin: boolean;
}

/** The staff parts of the site the signed-in person may open, for the header (PageNavGuard). */
export interface PageNav {
  trains: boolean;
  administers: Array<{ id: string; name: string }>;
  admin: boolean;
}

/**
 * What every page knows about its request: the language, the signed-in person, the form
 * token of the session, the path (for "back here after signing in" and the language switch)
 * and a one-time message from the previous page.
 */
export class PageContext {
  constructor(
    readonly lang: Locale,
    readonly user: PageUser | undefined,
    readonly path: string,
    private readonly request: Request,
  ) {}

  private token?: string;

  /** The session's CSRF token for this page's forms (starts an anonymous session if needed); one per response. */
  csrfToken(): string {
    this.token ??= this.request.csrfToken?.() ?? '';
    return this.token;
  }

  /** Shows `key` (a catalogue path) on the next page this browser opens. */
  flash(key: string, values?: Record<string, string>): void {
    if (this.request.session) this.request.session.flash = { key, values };
  }

  /**
   * Keeps `value` for the page the browser is sent to next (POST, then 303, then GET), so
   * reloading that page shows it again without sending the form twice.
   */
  carry(name: string, value: unknown): void {
    if (this.request.session) this.request.session.carried = { ...this.request.session.carried, [name]: value };
  }

  /** What the previous form carried under `name`, once. */
  carried<T>(name: string): T | undefined {
    const carried = this.request.session?.carried;
    if (!carried || !(name in carried)) return undefined;
    const { [name]: value, ...rest } = carried;
    this.request.session.carried = Object.keys(rest).length ? rest : undefined;
    return value as T;
  }

  /** The view for PageRenderer.render: the page's own data plus what the layout needs. */
  view(title: string, data: Record<string, unknown> = {}): PageView {
    const flash = this.request.session?.flash;
    if (flash) delete this.request.session.flash;
    const nav = (this.request as Request & { pageNav?: PageNav }).pageNav;
    const view: PageView = { ...data, lang: this.lang, title, user: this.user, nav, path: this.path, otherLang: this.lang === 'nl' ? 'en' : 'nl', flash };
    // Lazy: a page without a form (most pages a visitor sees) starts no session.
    // Not enumerable either: a partial called with hash values copies the enumerable ones.
    return Object.defineProperty(view, 'csrfToken', { get: () => this.csrfToken(), enumerable: false });
  }
}

const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** The language of a page request: the signed-in person's saved choice, else the switch's cookie, else Dutch. */
export function pageLanguage(request: Request & { user?: PageUser }): Locale {
  const cookie = (request.cookies as Record<string, unknown> | undefined)?.[LANGUAGE_COOKIE];
  return request.user?.locale ?? (isLocale(cookie) ? cookie : 'nl');
}

export function pageContextOf(request: Request & { user?: PageUser }): PageContext {
  return new PageContext(pageLanguage(request), request.user, request.originalUrl, request);
}

/** `@Page() page: PageContext` in a page controller. */
export const Page = createParamDecorator((_: unknown, context: ExecutionContext): PageContext => pageContextOf(context.switchToHttp().getRequest()));
