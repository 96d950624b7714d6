import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '@schakel/config';
import { REDIS_CLIENT } from '@schakel/database';

/** A cached page of the public catalogue: its JSON and the ETag of that JSON. */
export interface CataloguePage {
  body: string;
  etag: string;
  /** The catalogue version it belongs to; absent when Redis did not answer. */
  version?: string;
}

const TTL_SECONDS = 3600;
/** Entries (pages, remembered addresses, rendered pages) one catalogue version keeps at most. */
export const MAX_FIELDS = 2_000;
/** Hash fields naming a request URL (they hold its filter key) start with this; filter keys never do. */
const URL_FIELD = 'url:';
/** Hash fields holding something rendered from the catalogue (CatalogueCache.remember). */
const RENDERED_FIELD = 'rendered:';

const parse = (stored: string): CataloguePage => {
  const newline = stored.indexOf('\n');
  return { etag: stored.slice(0, newline), body: stored.slice(newline + 1) };
};

/** The cache's two reads as server-side scripts (EVALSHA: the script text is sent once per connection). */
interface CatalogueCommands {
  /** [version, page under that version or null] */
  cataloguePage(versionKey: string, filterKey: string, pagesPrefix: string): Promise<[string, string | null]>;
  /** the page the URL was served, under the current version, or null */
  catalogueUrlPage(versionKey: string, urlField: string, pagesPrefix: string): Promise<string | null>;
  /** HSET field value … on the hash unless it has max fields already; EXPIRE it */
  catalogueStore(hashKey: string, max: number, ttlSeconds: number, ...fieldsAndValues: string[]): Promise<number>;
}

const SCRIPTS = {
  cataloguePage: `local v = redis.call('GET', KEYS[1]) or '0'
    return { v, redis.call('HGET', ARGV[2] .. v, ARGV[1]) }`,
  catalogueUrlPage: `local v = redis.call('GET', KEYS[1]) or '0'
    local key = ARGV[2] .. v
    local filter = redis.call('HGET', key, ARGV[1])
    if not filter then return false end
    return redis.call('HGET', key, filter)`,
  catalogueStore: `if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
    redis.call('HSET', KEYS[1], unpack(ARGV, 3))
    redis.call('EXPIRE', KEYS[1], ARGV[2])
    return 1`,
};

/**
 * The public catalogue changes only when a course does, but is read on every visit: its
 * pages are kept in Redis (shared by every API process), under the catalogue's version.
 * A course write bumps the version after its commit, so every process stops reading the old
 * pages at once; a page computed from a snapshot older than the bump can only be stored
 * under the old version, which nobody reads any more. Redis down: every call goes to
 * PostgreSQL (fail open), nothing breaks.
 */
@Injectable()
export class CatalogueCache {
  private readonly logger = new Logger(CatalogueCache.name);
  /** Keys live under the deployment's prefix, like its queues and rate limits. */
  private readonly versionKey: string;
  private readonly pagesKey: string;
  private readonly commands: CatalogueCommands;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.versionKey = `${config.queuePrefix}:catalogue:version`;
    this.pagesKey = `${config.queuePrefix}:catalogue:pages:`;
    for (const [name, lua] of Object.entries(SCRIPTS)) {
      if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: 1, lua });
    }
    this.commands = redis as unknown as CatalogueCommands;
  }

  /**
   * The page for `filterKey`, from the cache or built (and then stored). `url`: the request URL
   * that asked for it, remembered under the same version so the edge can answer that URL.
   */
  async page(filterKey: string, build: () => Promise<string>, url?: string): Promise<CataloguePage> {
    const cached = await this.read(filterKey);
    if (cached?.page) {
      if (url) await this.write(cached.version, filterKey, null, url);
      return { ...cached.page, version: cached.version };
    }
    const body = await build();
    const page = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
    if (!cached) return page;
    await this.write(cached.version, filterKey, page, url);
    return { ...page, version: cached.version };
  }

  /** After a commit that changed what the catalogue shows. */
  async invalidate(): Promise<void> {
    await this.redis.incr(this.versionKey).catch((error: Error) => this.logger.warn(`catalogue cache not invalidated: ${error.message}`));
  }

  /**
   * The edge's lookup (CatalogueEdge): the page this exact request URL was last served, under
   * the current version, in one round trip; null when there is none or Redis does not answer.
   */
  async pageForUrl(url: string): Promise<CataloguePage | null> {
    try {
      const stored = await this.commands.catalogueUrlPage(this.versionKey, `${URL_FIELD}${url}`, this.pagesKey);
      return stored ? parse(stored) : null;
    } catch {
      return null;
    }
  }

  /**
   * Something rendered from the catalogue (a page's HTML) under `field`, kept with the
   * catalogue version its data came from, so a course write forgets it like the JSON.
   */
  async remember(version: string, field: string, body: string): Promise<void> {
    await this.store(version, { [`${RENDERED_FIELD}${field}`]: body });
  }

  /** What `remember` kept under `field` for the current version, or null (also when Redis does not answer). */
  async remembered(field: string): Promise<string | null> {
    try {
      const [, stored] = await this.commands.cataloguePage(this.versionKey, `${RENDERED_FIELD}${field}`, this.pagesKey);
      return stored;
    } catch {
      return null;
    }
  }

  /** One round trip: the current version and, under it, the page (if any). */
  private async read(filterKey: string): Promise<{ version: string; page: CataloguePage | null } | null> {
    try {
      const [version, stored] = await this.commands.cataloguePage(this.versionKey, filterKey, this.pagesKey);
      return { version, page: stored ? parse(stored) : null };
    } catch {
      return null;
    }
  }

  /** Stores the page, and which request URL asked for it (for the edge), under `version`. */
  private async write(version: string, filterKey: string, page: CataloguePage | null, url?: string): Promise<void> {
    const fields: Record<string, string> = {};
    if (page) fields[filterKey] = `${page.etag}\n${page.body}`;
    if (url) fields[`${URL_FIELD}${url}`] = filterKey;
    await this.store(version, fields);
  }

  /**
   * Sets `fields` in the version's hash, unless it already holds MAX_FIELDS (addresses are
   * chosen by callers: a flood of distinct ones must not fill Redis; past the cap they are
   * simply answered without the cache). Best effort: a failed write costs only a cache miss.
   */
  private async store(version: string, fields: Record<string, string>): Promise<void> {
    const entries = Object.entries(fields).flat();
    if (entries.length === 0) return;
    await this.commands.catalogueStore(`${this.pagesKey}${version}`, MAX_FIELDS, TTL_SECONDS, ...entries).catch(() => undefined);
  }
}
