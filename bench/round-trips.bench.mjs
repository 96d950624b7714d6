// Round trips per request on the hot paths: the built API runs in this process with pg's
// Client#query and ioredis' sendCommand counted, and each route is called one request at a
// time, so every statement and Redis command between two requests is that request's. No
// baseline: the figures are counts, and a new query on a hot path shows up here by name.
// (pg_stat_statements would say the same per statement, but it needs
// shared_preload_libraries, which a shared server may not have.)
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startMailSink } from './deployed.mjs';
import { freePort, prepareEnvironment, report, root } from './lib.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const Redis = require('ioredis');
const jwt = require('jsonwebtoken');

const REQUESTS = Number(process.env.BENCH_ROUND_TRIP_REQUESTS ?? 20);

const counted = { sql: [], redis: [] };
let counting = false;
const firstWords = (text) => text.replace(/\s+/g, ' ').trim().slice(0, 90);
const rawQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function query(config, ...rest) {
  if (counting) counted.sql.push(firstWords(typeof config === 'string' ? config : (config.name ? `[${config.name}] ` : '') + config.text));
  return rawQuery.call(this, config, ...rest);
};
const rawSend = Redis.prototype.sendCommand;
Redis.prototype.sendCommand = function sendCommand(command, ...rest) {
  if (counting) counted.redis.push(command.name);
  return rawSend.call(this, command, ...rest);
};

/** A published live course with one open session, an online course, and `n` learners. */
async function seed(db, n) {
  const [{ id: liveId }] = (await db.query(
    `INSERT INTO courses (slug, title, format, status) VALUES ('rt-live', 'Round trips live', 'live', 'published') RETURNING id`)).rows;
  const [{ id: onlineId }] = (await db.query(
    `INSERT INTO courses (slug, title, format, status) VALUES ('rt-online', 'Round trips online', 'online', 'published') RETURNING id`)).rows;
  await db.query(`INSERT INTO lessons (course_id, position, title, body) VALUES ($1, 0, 'Les', 'Tekst')`, [onlineId]);
  const start = new Date(Date.now() + 30 * 86_400_000);
  const end = new Date(start.getTime() + 3_600_000);
  const [{ id: sessionId }] = (await db.query(
    `INSERT INTO sessions (course_id, location, capacity, visibility, starts_at, ends_at) VALUES ($1, 'Zaal', $2, 'open', $3, $4) RETURNING id`,
    [liveId, n * 4, start, end])).rows;
  await db.query(`INSERT INTO meetings (session_id, starts_at, ends_at) VALUES ($1, $2, $3)`, [sessionId, start, end]);
  const users = (await db.query(
    `INSERT INTO users (email, name) SELECT 'rt-' || g || '@bench.schakel', 'Learner ' || g FROM generate_series(1, $1) g RETURNING id`, [n])).rows.map((r) => r.id);
  return { liveId, onlineId, sessionId, users };
}

/** Calls `request(i)` REQUESTS times, one at a time; returns the mean round trips and the statements of the last call. */
async function measure(request) {
  const perCall = [];
  for (let i = 0; i < REQUESTS; i += 1) {
    counted.sql = [];
    counted.redis = [];
    counting = true;
    const status = await request(i);
    // The relay nudge is sent up to 20 ms after the commit: it belongs to this request.
    await new Promise((r) => setTimeout(r, 40));
    counting = false;
    perCall.push({ status, sql: counted.sql, redis: counted.redis });
  }
  const mean = (key) => perCall.reduce((sum, call) => sum + call[key].length, 0) / perCall.length;
  const last = perCall[perCall.length - 1];
  return { sql: mean('sql'), redis: mean('redis'), statuses: [...new Set(perCall.map((c) => c.status))], last };
}

async function main() {
  const { env, cleanup } = await prepareEnvironment('round_trips');
  const port = await freePort();
  Object.assign(process.env, env, { PORT: String(port), LOG_LEVEL: 'silent' });
  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
  let app;
  try {
    const run = await seed(db, REQUESTS * 3);
    const { createApi } = require(join(root, 'dist/apps/api/src/bootstrap.js'));
    app = await createApi();
    await app.listen(port, '127.0.0.1');
    const key = require(join(root, 'dist/libs/config/src/app-config.js')).deriveKeys(env.JWT_SECRET).accessTokens;
    const token = (sub) => jwt.sign({ sub, typ: 'access', ver: 0 }, key, { algorithm: 'HS256', expiresIn: 3600 });
    const post = async (path, sub, body) => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token(sub)}` },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      return response.status;
    };
    const get = async (path) => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      await response.arrayBuffer();
      return response.status;
    };
    await get('/api/courses'); // warm: the first page fills the cache

    const routes = [
      ['POST /api/enrolments (session)', (i) => post('/api/enrolments', run.users[i], { courseId: run.liveId, sessionId: run.sessionId })],
      ['  the same request again (200)', (i) => post('/api/enrolments', run.users[i], { courseId: run.liveId, sessionId: run.sessionId })],
      ['POST /api/enrolments (online)', (i) => post('/api/enrolments', run.users[REQUESTS + i], { courseId: run.onlineId })],
      ['GET /api/courses (cached page)', () => get('/api/courses')],
    ];
    const rows = [];
    const details = [];
    for (const [label, request] of routes) {
      const result = await measure(request);
      rows.push([label, `${result.sql.toFixed(1)} SQL, ${result.redis.toFixed(1)} Redis per request (HTTP ${result.statuses.join('/')})`]);
      details.push([label, result.last]);
    }
    report(`Round trips per request (${REQUESTS} calls each, one at a time)`, rows);
    for (const [label, last] of details) {
      process.stdout.write(`\n  ${label.trim()}, the last call:\n`);
      for (const text of last.sql) process.stdout.write(`    SQL   ${text}\n`);
      for (const name of last.redis) process.stdout.write(`    Redis ${name}\n`);
    }
    await certificateRoundTrips(db);
  } finally {
    await app?.close();
    await db.end();
    await cleanup();
  }
}

/**
 * A completion's whole way through the worker, in this process: the relay, the certificate
 * (claim, render, store, mark issued), the chain report, the mail (event, claim, compose,
 * SMTP to a sink, mark sent), each BullMQ job's own Redis commands. The worker waits while the
 * counted completions go through one at a time, so everything counted is theirs.
 */
async function certificateRoundTrips(db) {
  const sink = await startMailSink();
  process.env.SMTP_URL = sink.url;
  // The API above runs in this process too, so its load reading would be the worker's own: no yield here.
  process.env.BACKGROUND_YIELD_MAX_MS = '0';
  const { NestFactory } = require(join(root, 'node_modules/@nestjs/core'));
  const { WorkerModule } = require(join(root, 'dist/apps/worker/src/worker.module.js'));
  const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  await worker.init();
  try {
    const [{ id: courseId }] = (await db.query(
      `INSERT INTO courses (slug, title, format, status, chain_roles, certificate_validity_months, duration_hours)
       VALUES ('rt-certificate', 'Het eerste gesprek', 'online', 'published', '{first-conversation}', 24, 3) RETURNING id`)).rows;
    const complete = async (tag) => {
      const [{ id: userId }] = (await db.query(`INSERT INTO users (email, name, locale) VALUES ($1, 'Deelnemer', 'nl') RETURNING id`, [`rt-${tag}@bench.test`])).rows;
      const [{ id: enrolmentId }] = (await db.query(
        `INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ($1, $2, 'completed', now()) RETURNING id`, [userId, courseId])).rows;
      counting = true;
      await db.query(
        `WITH done AS (INSERT INTO completions (enrolment_id, user_id, course_id) VALUES ($1, $2, $3) RETURNING id, user_id)
         INSERT INTO outbox_events (topic, payload) SELECT 'course.completed', jsonb_build_object('completionId', id, 'userId', user_id) FROM done`,
        [enrolmentId, userId, courseId]);
    };
    const issued = async () => (await db.query(`SELECT count(*)::int AS n FROM certificates WHERE state = 'issued' AND course_id = $1`, [courseId])).rows[0].n;
    const waitForMail = async (n, mailsBefore = 0) => {
      const deadline = Date.now() + 30_000;
      while (sink.received() - mailsBefore < n || (await issued()) < n) {
        if (Date.now() > deadline) throw new Error(`only ${sink.received()} of ${n} certificate mails`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 300)); // the jobs' last bookkeeping after the send
    };
    await complete('warm');
    await waitForMail(1);
    // The API part's enrolments left events (confirmations, the chain report): let the worker finish them first.
    const pending = async () => (await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE processed_at IS NULL`)).rows[0].n;
    for (const deadline = Date.now() + 60_000; (await pending()) > 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    // A batch at once, counted from the first completion's commit to the last mail; divided per certificate.
    const batch = 20;
    counted.sql = [];
    counted.redis = [];
    const mailsBefore = sink.received() - 1;
    for (let i = 0; i < batch; i += 1) await complete(`run${i}`);
    await waitForMail(batch + 1, mailsBefore);
    counting = false;
    // This script's own statements (seeding, waiting) are not the worker's.
    const own = ['WITH done AS (INSERT INTO completions', 'INSERT INTO users (email, name, locale) VALUES', 'INSERT INTO enrolments (user_id, course_id, status, completed_at)', 'SELECT count(*)::int AS n FROM'];
    const sql = counted.sql.filter((text) => !own.some((prefix) => text.startsWith(prefix)));
    report(`Round trips per certificate in the worker (completion → issued PDF → mail over SMTP; ${batch} at once)`, [
      ['SQL statements', (sql.length / batch).toFixed(1)],
      ['Redis commands of the shared client (BullMQ counts apart)', (counted.redis.length / batch).toFixed(1)],
    ]);
    const tally = (list) => [...list.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map())].sort((a, b) => b[1] - a[1]);
    process.stdout.write('\n  per certificate, by statement:\n');
    for (const [text, n] of tally(sql)) process.stdout.write(`    SQL   ${(n / batch).toFixed(2)}  ${text}\n`);
    for (const [name, n] of tally(counted.redis)) process.stdout.write(`    Redis ${(n / batch).toFixed(2)}  ${name}\n`);
  } finally {
    await worker.close();
    await sink.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
