// One fresh database (and one Redis key prefix) per test run, so runs never collide.
// Uses DATABASE_URL / REDIS_URL when given (CI gives the machine's services), else the
// embedded default. Migrations run once here, from the build `npm test` makes first.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDatabase, freePort, startEmbeddedPostgres, startRedis } from '../../scripts/embedded.mjs';

const require = createRequire(import.meta.url);

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function globalSetup() {
  const runId = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const stops = [];
  const scratch = mkdtempSync(join(tmpdir(), `schakel-test-${runId}-`));

  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const cluster = await startEmbeddedPostgres({ dataDir: join(scratch, 'postgres'), port: await freePort() });
    stops.push(cluster.stop);
    serverUrl = cluster.url('postgres');
  }
  const database = `schakel_test_${runId}`;
  await ensureDatabase(withDatabase(serverUrl, 'postgres'), database);

  if (!process.env.REDIS_URL) {
    const redis = await startRedis({ port: await freePort() });
    stops.push(redis.stop);
    process.env.REDIS_URL = redis.url;
  }

  process.env.DATABASE_URL = withDatabase(serverUrl, database);
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'silent';
  process.env.QUEUE_PREFIX = `schakel-test-${runId}`;
  process.env.JWT_SECRET = randomBytes(32).toString('hex');
  // Every suite calls from 127.0.0.1: per-address limits are proven by their own suite with low values.
  process.env.REGISTER_RATE_LIMIT_PER_IP_PER_MINUTE ??= '100000';
  process.env.PASSWORD_RESET_RATE_LIMIT_PER_IP_PER_MINUTE ??= '100000';
  // Most suites run the API and the worker in this one process, whose own load would read as a
  // busy API and hold the worker's jobs back: background-yield.e2e proves the yield on its own.
  process.env.BACKGROUND_YIELD_MAX_MS ??= '0';
  process.env.STORAGE_DIR = join(scratch, 'files');
  process.env.PUBLIC_BASE_URL = 'http://schakel.test';

  const { runMigrations } = require('../../dist/libs/database/src/migrate.js');
  await runMigrations(process.env.DATABASE_URL);

  globalThis.__SCHAKEL_TEST__ = { serverUrl: withDatabase(serverUrl, 'postgres'), database, stops };
}
