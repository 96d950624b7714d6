import type { Response } from 'supertest';
import type { TestApi } from './app';
import { PageClient, pageText } from './page-client';
import { TEST_PASSWORD, type Person } from '../factories/person.factory';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

const UPLOAD = Symbol('upload');
/** A file field of a multipart page form (the import's CSV): `{ file: uploadOf('people.csv', csv) }`. */
export const uploadOf = (fileName: string, content: string) => ({ [UPLOAD]: true, fileName, content });
type Upload = ReturnType<typeof uploadOf>;
const isUpload = (value: unknown): value is Upload => typeof value === 'object' && value !== null && UPLOAD in value;

interface SignedIn {
  browser: PageClient;
  /** The form token of this browser's session (the layout's sign-out form carries it on every page). */
  token: string;
}

const sessions = new WeakMap<TestApi, Map<string, Promise<SignedIn>>>();

async function signIn(api: TestApi, actor: Person): Promise<SignedIn> {
  const browser = new PageClient(api);
  await browser.signIn(actor.user.email, TEST_PASSWORD);
  // The session is renewed at sign-in: the token must come from a page opened after it.
  const page = await browser.get('/me/trainings');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!token) throw new Error(`no form token for ${actor.user.email} after sign-in (status ${page.status})`);
  return { browser, token };
}

/** One signed-in page browser per person per app, made on first use (a suite calls the same people many times). */
export function pageSessionOf(api: TestApi, actor: Person): Promise<SignedIn> {
  let cached = sessions.get(api);
  if (!cached) sessions.set(api, (cached = new Map()));
  let session = cached.get(actor.user.id);
  if (!session) {
    session = signIn(api, actor);
    cached.set(actor.user.id, session);
    session.catch(() => cached!.delete(actor.user.id));
  }
  return session;
}

/**
 * A page request as `actor` would make it in her browser: her page session cookie and, for a
 * form, her session's CSRF token with `fields`. A form refused for its token ("probeer het nog
 * een keer", 403) proves nothing about the record, so it throws rather than count as a refusal.
 */
export async function asPageActor(api: TestApi, method: Method, path: string, actor: Person, fields?: object | string): Promise<Response> {
  const { browser, token } = await pageSessionOf(api, actor);
  if (method === 'get') return browser.get(path);
  if (typeof fields === 'string') throw new Error(`page forms are url-encoded fields, not text (${path})`);
  const entries = Object.entries(fields ?? {});
  let response: Response;
  if (entries.some(([, value]) => isUpload(value))) {
    // A multipart form: the token is a field like the others (checked once the body is parsed).
    const request = browser.agent[method](path).set('Accept', 'text/html').field('_csrf', token);
    for (const [name, value] of entries) {
      if (isUpload(value)) request.attach(name, Buffer.from(value.content, 'utf8'), { filename: value.fileName, contentType: 'text/csv' });
      else for (const one of [value].flat()) request.field(name, String(one));
    }
    response = await request;
  } else {
    response = await browser.agent[method](path).type('form').set('Accept', 'text/html').send({ ...(fields ?? {}), _csrf: token });
  }
  if (response.status === 403 && /probeer het nog een keer|try again/i.test(pageText(response.text))) {
    throw new Error(`${method.toUpperCase()} ${path} as ${actor.user.email}: refused for its form token, not for the record`);
  }
  return response;
}

/** The "niet gevonden" page: 404 and its heading (a 403 of the domain is shown the same way on pages). */
export const isNotFoundPage = (response: { status: number; text?: string }): boolean =>
  response.status === 404 && /niet gevonden|not found/i.test(pageText(response.text ?? ''));

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  rawPath?: unknown;
}

const stackOf = (api: TestApi): RouterLayer[] =>
  (api.app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } }).router.stack;

/** Every route Express serves, as `METHOD /path` (the catch-all `app.all` layers left out). */
export function routesOf(api: TestApi): string[] {
  const routes = stackOf(api).flatMap((layer) => {
    if (!layer.route || layer.route.methods._all) return [];
    const methods = Object.keys(layer.route.methods).filter((m) => m !== 'head' || Object.keys(layer.route!.methods).length === 1);
    if (methods.length > 5) return [];
    return methods.map((method) => `${method.toUpperCase()} ${layer.route!.path}`);
  });
  return [...new Set(routes)];
}

/** Paths where middleware is mounted rather than a route (e.g. the queue dashboard, an Express app of its own under /admin/queues). */
export function mountsOf(api: TestApi): string[] {
  const paths = stackOf(api).flatMap((layer) => (!layer.route && typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? [layer.rawPath] : []));
  return [...new Set(paths)];
}
