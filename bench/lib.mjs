// Shared pieces for the benchmark scripts (bench/*.bench.mjs, run by `npm run bench`).
// Each benchmark gets its own fresh database and Redis prefix, and measures a baseline
// in the same run so results are reported as ratios, not as absolute numbers alone.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropDatabase, ensureDatabase, freePort, startEmbeddedPostgres, startRedis } from '../scripts/embedded.mjs';
import { heapFlagsFor } from '../scripts/node-flags.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const withDatabase = (url, database) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/** A fresh, migrated database and a Redis; returns the environment for the apps and a cleanup. */
export async function prepareEnvironment(name) {
  const id = `${name}_${randomBytes(3).toString('hex')}`;
  const stops = [];
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const cluster = await startEmbeddedPostgres({ dataDir: join(mkdtempSync(join(tmpdir(), 'schakel-bench-')), 'pg'), port: await freePort() });
    stops.push(cluster.stop);
    serverUrl = cluster.url('postgres');
  }
  const adminUrl = withDatabase(serverUrl, 'postgres');
  const database = `schakel_bench_${id}`;
  await ensureDatabase(adminUrl, database);
  stops.push(() => dropDatabase(adminUrl, database));
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedis({ port: await freePort() });
    stops.push(redis.stop);
    redisUrl = redis.url;
  }
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: withDatabase(serverUrl, database),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `schakel-bench-${id}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    STORAGE_DIR: mkdtempSync(join(tmpdir(), 'schakel-bench-files-')),
  };
  await require(join(root, 'dist/libs/database/src/migrate.js')).runMigrations(env.DATABASE_URL);
  return { env, cleanup: async () => { for (const stop of stops.reverse()) await stop().catch(() => {}); } };
}

/**
 * Starts a built app (dist/...) as its own process and waits until /health answers (for the
 * API). `niceness`: a lower CPU priority, as `npm start` gives the worker (scripts/start.mjs).
 */
export async function startProcess(script, env, { healthPort, niceness = 0 } = {}) {
  // BENCH_PROFILE=<dir>: every started process writes a CPU profile there when it stops
  // (read it with `node bench/profile-summary.mjs <file>` or in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  // The apps start as npm start starts them (their heap limits); the bench's own helpers plainly.
  const heap = heapFlagsFor(script);
  const args = [...profile, ...heap, join(root, script)];
  const [file, argv] = niceness ? ['nice', ['-n', String(niceness), process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(file, argv, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (healthPort) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${healthPort}/health`)).ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`${script} did not become healthy`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `task(i)` for i in [0, total) with at most `concurrency` in flight; returns each latency in ms. */
export async function runConcurrently(total, concurrency, task) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await task(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { latencies, seconds, perSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/**
 * The load generator's HTTP client: node:http over kept-alive connections, at most
 * `connections` at once. It costs a fraction of fetch's CPU per request, so on a shared
 * 2-core machine the load takes less from what it measures; every product figure and its
 * HTTP baseline use the same client.
 */
export function httpClient(port, connections = 64) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  return {
    request(path, { method = 'GET', headers = {}, body } = {}) {
      return new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : Buffer.from(body);
        const req = http.request(
          { host: '127.0.0.1', port, path, method, agent, headers: payload ? { ...headers, 'content-length': payload.length } : headers },
          (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

/**
 * One row of the summary table `npm run bench` prints at the end (issue 14's table):
 * `figure: product / baseline = ratio`, against its goal. Written to BENCH_SUMMARY_FILE
 * (set by scripts/bench.mjs) as a JSON line; nothing when a script runs on its own.
 */
export function summarise(row) {
  if (process.env.BENCH_SUMMARY_FILE) appendFileSync(process.env.BENCH_SUMMARY_FILE, `${JSON.stringify(row)}\n`);
}

export function report(title, rows) {
  process.stdout.write(`\n${title}\n`);
  for (const [label, value] of rows) process.stdout.write(`  ${label.padEnd(44)} ${value}\n`);
}

export { freePort };
