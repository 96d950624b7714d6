// Round trips per request on the hot paths: the built API runs in this process with pg's
// Client#query and ioredis' sendCommand counted, and each route is called one request at a
// time, so every statement and Redis command between two requests is that request's. No
// baseline: the figures are counts, and a new query on a hot path shows up here by name.
// (pg_stat_statements would say the same per statement, but it needs
// shared_preload_libraries, which a shared server may not have.)
import { createRequire } from 'node:module';
import { join } from 'node:path';
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
  } finally {
    await app?.close();
    await db.end();
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
