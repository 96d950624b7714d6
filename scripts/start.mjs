// `npm start`: the whole platform in one command. Without DATABASE_URL / REDIS_URL it
// brings up the embedded default (PostgreSQL in .data/postgres, a local redis-server),
// runs the migrations, seeds the demo data, then starts the API and the worker.
// Ctrl-C stops everything it started.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, freePort, startEmbeddedPostgres, startRedis } from './embedded.mjs';
import { heapFlagsFor } from './node-flags.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Where the embedded default keeps its data; a test points it at a fresh folder.
const dataDir = process.env.SCHAKEL_DATA_DIR ?? join(root, '.data');
const env = { ...process.env };
const stops = [];
const children = [];
let stopping = false;

const say = (line = '') => process.stdout.write(`${line}\n`);

function prettyStream() {
  try {
    const pretty = createRequire(import.meta.url)('pino-pretty');
    return pretty({ colorize: process.stdout.isTTY, ignore: 'pid,hostname,req,res,context', messageKey: 'msg' });
  } catch {
    return process.stdout; // production install without dev dependencies: plain JSON lines
  }
}

// A process that dies (killed, out of memory) is started again, waiting 1, 2, 4 … 30 s
// between tries; one that stayed up for a minute starts the count afresh. The rest of the
// platform keeps running meanwhile: the outbox and the sweep pick up whatever it left.
const RESTART_MIN_MS = 1_000;
const RESTART_MAX_MS = 30_000;
const STABLE_AFTER_MS = 60_000;

// Background work gives way to requests: on one machine the worker runs at a lower CPU
// priority than the API, so a storm of enrolments is not slowed by the mails it causes (the
// worker catches up when the API is idle). Through `nice`, so every thread of the process
// has it from its first instruction (setpriority on a running Linux process reaches only
// the thread it names, not the V8 and libuv threads already started).
const WORKER_NICENESS = 10;

function command(script, niceness) {
  const args = [...heapFlagsFor(script), join(root, script)];
  if (!niceness || process.platform === 'win32') return [process.execPath, args];
  return ['nice', ['-n', String(niceness), process.execPath, ...args]];
}

function run(label, script, { keepAlive, niceness = 0, delayMs = RESTART_MIN_MS }) {
  const [file, args] = command(script, niceness);
  const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  // Windows has no `nice`: lower the (only) priority class of the running process instead.
  if (niceness && process.platform === 'win32') child.once('spawn', () => setPriority(child.pid, niceness));
  child.stdout.pipe(keepAlive ? prettyStream() : process.stdout);
  if (keepAlive) {
    children.push(child);
    const startedAt = Date.now();
    child.once('exit', (code, signal) => {
      children.splice(children.indexOf(child), 1);
      if (stopping) return;
      const wait = Date.now() - startedAt > STABLE_AFTER_MS ? RESTART_MIN_MS : delayMs;
      process.stderr.write(`${label} stopped unexpectedly (${signal ?? code}); starting it again in ${wait / 1000} s\n`);
      setTimeout(() => {
        if (stopping) return;
        const next = run(label, script, { keepAlive, niceness, delayMs: Math.min(wait * 2, RESTART_MAX_MS) });
        say(`${label} restarted (pid ${next.pid})`);
      }, wait);
    });
    return child;
  }
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${label} failed with exit code ${code}`)))),
  );
}

/**
 * True when the database already holds every migration of this build (each file's timestamp
 * is in TypeORM's `migrations` table). Anything unexpected (no table, no connection) answers
 * false, and the migration process decides as it always does.
 */
async function schemaIsCurrent(databaseUrl) {
  const built = readdirSync(join(root, 'dist', 'migrations'))
    .map((name) => /^(\d+)-.*\.js$/.exec(name)?.[1])
    .filter(Boolean);
  const pg = createRequire(import.meta.url)('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query('SELECT timestamp::text AS ts FROM migrations');
    const applied = new Set(rows.map((row) => row.ts));
    return built.every((ts) => applied.has(ts));
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s`);
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  say('\nStopping Schakel…');
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  for (const stop of stops.reverse()) await stop().catch(() => {});
  process.exit(code);
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

async function main() {
  const embedded = [];
  if (!env.DATABASE_URL) {
    say(`No DATABASE_URL: starting the embedded PostgreSQL (data in ${join(dataDir, 'postgres')})…`);
    const cluster = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: await freePort() });
    stops.push(cluster.stop);
    await ensureDatabase(cluster.url('postgres'), 'schakel');
    env.DATABASE_URL = cluster.url('schakel');
    // The development default: the API may use the development secret and show /dev/mail (on loopback).
    env.SCHAKEL_EMBEDDED = 'true';
    embedded.push('PostgreSQL');
  }
  if (!env.REDIS_URL) {
    say('No REDIS_URL: starting a local redis-server…');
    const redis = await startRedis({ port: await freePort() });
    stops.push(redis.stop);
    env.REDIS_URL = redis.url;
    embedded.push('Redis');
  }
  env.DEMO_DATA ??= embedded.includes('PostgreSQL') ? 'true' : 'false';
  env.LOG_LEVEL ??= 'warn';
  env.STORAGE_DIR ??= join(dataDir, 'files');
  const port = env.PORT ?? '3000';
  const base = env.PUBLIC_BASE_URL ?? `http://localhost:${port}`;

  // A second start skips the migration process when the database has every migration.
  if (!(await schemaIsCurrent(env.DATABASE_URL))) await run('migrations', 'dist/libs/database/src/migrate.js', { keepAlive: false });
  // With the schema in place, the API, the worker and the demo seeder start side by side
  // (the seeder is idempotent, and the worker relays whatever outbox rows it writes).
  const seeded = env.DEMO_DATA === 'true' ? run('demo data', 'dist/libs/demo/src/seed.js', { keepAlive: false }) : Promise.resolve();
  run('API', 'dist/apps/api/src/main.js', { keepAlive: true });
  run('worker', 'dist/apps/worker/src/main.js', { keepAlive: true, niceness: WORKER_NICENESS });
  await Promise.all([seeded, waitForHealth(`http://127.0.0.1:${port}/health`, 60_000)]);

  say('');
  say('Schakel is running.');
  say(`  Open           ${base}  (the site: sign in with a demo login below)`);
  say(`  API            ${base}/api`);
  say(`  API docs       ${base}/api/docs`);
  say(`  Health         ${base}/health`);
  if (!env.SMTP_URL) say(`  Caught e-mail  ${base}/dev/mail (no SMTP_URL: nothing leaves this machine)`);
  if (embedded.length) say(`  Embedded       ${embedded.join(' and ')} (set DATABASE_URL / REDIS_URL to use your own)`);
  if (env.DEMO_DATA === 'true') {
    const { DEMO_ADMIN, DEMO_MEMBERS, DEMO_PASSWORD } = createRequire(import.meta.url)(
      join(root, 'dist/libs/demo/src/demo-accounts.js'),
    );
    say(`  Demo logins    password for all: ${DEMO_PASSWORD}`);
    say(`    ${DEMO_ADMIN.email.padEnd(34)} platform admin`);
    for (const member of DEMO_MEMBERS) say(`    ${member.email.padEnd(34)} ${member.label}`);
  }
  say('Logs show warnings and errors; LOG_LEVEL=info npm start shows every request.');
  say('Press Ctrl-C to stop.');
}

main().catch((error) => {
  process.stderr.write(`Schakel could not start: ${error.message}\n`);
  shutdown(1);
});
