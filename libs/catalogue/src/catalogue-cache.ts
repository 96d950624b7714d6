import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '@schakel/config';
import { REDIS_CLIENT } from '@schakel/database';

/** A cached page of the public catalogue: its JSON and the ETag of that JSON. */
export interface CataloguePage {
  body: string;
  etag: string;
}

const TTL_SECONDS = 3600;

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

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.versionKey = `${config.queuePrefix}:catalogue:version`;
    this.pagesKey = `${config.queuePrefix}:catalogue:pages:`;
  }

  async page(filterKey: string, build: () => Promise<string>): Promise<CataloguePage> {
    const cached = await this.read(filterKey);
    if (cached?.page) return cached.page;
    const body = await build();
    const page = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
    if (cached) await this.write(cached.version, filterKey, page);
    return page;
  }

  /** After a commit that changed what the catalogue shows. */
  async invalidate(): Promise<void> {
    await this.redis.incr(this.versionKey).catch((error: Error) => this.logger.warn(`catalogue cache not invalidated: ${error.message}`));
  }

  /** One round trip: the current version and, under it, the page (if any). */
  private async read(filterKey: string): Promise<{ version: string; page: CataloguePage | null } | null> {
    try {
      const [version, stored] = (await this.redis.eval(
        `local v = redis.call('GET', KEYS[1]) or '0'
         return { v, redis.call('HGET', ARGV[2] .. v, ARGV[1]) }`,
        1,
        this.versionKey,
        filterKey,
        this.pagesKey,
      )) as [string, string | null];
      if (!stored) return { version, page: null };
      const newline = stored.indexOf('\n');
      return { version, page: { etag: stored.slice(0, newline), body: stored.slice(newline + 1) } };
    } catch {
      return null;
    }
  }

  private async write(version: string, filterKey: string, page: CataloguePage): Promise<void> {
    const key = `${this.pagesKey}${version}`;
    await this.redis
      .multi()
      .hset(key, filterKey, `${page.etag}\n${page.body}`)
      .expire(key, TTL_SECONDS)
      .exec()
      .catch(() => undefined);
  }
}
