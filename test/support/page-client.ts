import request from 'supertest';
import type { App } from 'supertest/types';
import type { TestApi } from './app';

type Agent = ReturnType<typeof request.agent>;

/**
 * A browser without a browser, for page tests: keeps cookies (the page session, the CSRF
 * cookie, the language) and fills in forms with the CSRF token of the page they are on.
 */
export class PageClient {
  readonly agent: Agent;

  constructor(api: TestApi) {
    this.agent = request.agent(api.app.getHttpServer() as App);
  }

  get(path: string) {
    return this.agent.get(path).set('Accept', 'text/html');
  }

  /** Opens `page`, then posts its form to `action` (default: the page itself) with `fields` and the page's CSRF token. */
  async submit(page: string, fields: Record<string, string | string[]>, action = page.split('?')[0]) {
    const opened = await this.get(page);
    const token = /name="_csrf" value="([^"]+)"/.exec(opened.text)?.[1];
    if (!token) throw new Error(`no form token on ${page} (status ${opened.status})`);
    return this.agent.post(action).type('form').set('Accept', 'text/html').send({ ...fields, _csrf: token });
  }

  /** Signs in through the login page; the session cookie is kept for the next requests. */
  async signIn(email: string, password: string) {
    const response = await this.submit('/login', { email, password });
    if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`);
    return response;
  }
}

/**
 * The fields a form on the page would send as it stands (text inputs, hidden inputs, ticked
 * checkboxes and radios, textareas), by name; buttons are left out, as a browser sends only
 * the one pressed.
 */
export function formFields(html: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const unescaped = value.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const known = fields[name];
    fields[name] = known === undefined ? unescaped : [...(Array.isArray(known) ? known : [known]), unescaped];
  };
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    const type = /\btype="([^"]*)"/.exec(tag)?.[1] ?? 'text';
    if (!name || name === '_csrf' || ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(tag))) continue;
    add(name, /\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '');
  }
  for (const [, name, text] of html.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(name, text);
  return fields;
}

/** The text of a page without its tags, for "the page says …" checks. */
export const pageText = (html: string): string =>
  html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
