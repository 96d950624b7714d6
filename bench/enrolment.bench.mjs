// Enrolment storm, as deployed: the built API and worker as their own processes, every
// confirmation mailed over SMTP to a sink during the storm. N learners enrol through the HTTP
// API in one hot session and spread over 200 sessions, at 16 and 50 concurrent clients; the
// baseline in the same run, on the same database, is the bare locking transaction (BEGIN;
// SELECT … FOR UPDATE; INSERT enrolment; UPDATE counts; COMMIT) straight through pg with the
// same concurrency, run just before and just after each storm and averaged. The API alone
// (no worker, no mail) is a second line. For each storm the CPU of the API, the worker,
// PostgreSQL and the load generator is reported (from /proc).
import { createRequire } from 'node:module';
import { formatCpu, startDeployed } from './deployed.mjs';
import { join } from 'node:path';
import { httpClient, prepareEnvironment, report, root, runConcurrently, summarise } from './lib.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const jwt = require('jsonwebtoken');

// 1,000 learners per storm: a storm of 400 lasts well under a second on this machine, so its
// figure is mostly the first burst of connections; BENCH_ENROLMENTS=400 gives the shorter one.
const N = Number(process.env.BENCH_ENROLMENTS ?? 1000);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '16,50').split(',').map(Number);
const SPREAD = 200;
const POOL = 20; // the API's default DATABASE_POOL_SIZE
let seeds = 0;

/** A live course with `sessions` open sessions (room for everybody) and N fresh learners. */
async function seed(db, sessions) {
  const label = `s${(seeds += 1)}`;
  const [{ id: courseId }] = (await db.query(
    `INSERT INTO courses (slug, title, format, status) VALUES ($1, $2, 'live', 'published') RETURNING id`, [`bench-${label}`, `Bench ${label}`])).rows;
  const start = new Date(Date.now() + 30 * 86_400_000);
  const end = new Date(start.getTime() + 3_600_000);
  const sessionIds = (await db.query(
    `INSERT INTO sessions (course_id, location, capacity, visibility, starts_at, ends_at)
     SELECT $1, 'Zaal', $2, 'open', $3, $4 FROM generate_series(1, $5) RETURNING id`,
    [courseId, N * 2, start, end, sessions])).rows.map((r) => r.id);
  await db.query(`INSERT INTO meetings (session_id, starts_at, ends_at) SELECT unnest($1::uuid[]), $2, $3`, [sessionIds, start, end]);
  const users = (await db.query(
    `INSERT INTO users (email, name) SELECT 'bench-' || $1 || '-' || g || '@bench.schakel', 'Bench ' || g FROM generate_series(1, $2) g RETURNING id`,
    [label, N])).rows.map((r) => r.id);
  return { courseId, sessionIds, users };
}

async function httpStorm(platform, env, run, concurrency) {
  // Signed as the API's TokenService does: the access-token key derived from JWT_SECRET, token version 0.
  const key = require(join(root, 'dist/libs/config/src/app-config.js')).deriveKeys(env.JWT_SECRET).accessTokens;
  const tokens = run.users.map((sub) => jwt.sign({ sub, typ: 'access', ver: 0 }, key, { algorithm: 'HS256', expiresIn: 3600 }));
  const statuses = {};
  const client = httpClient(platform.port, concurrency);
  const { result, cpu } = await platform.measure(() =>
    runConcurrently(N, concurrency, async (i) => {
      const response = await client.request('/api/enrolments', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
        body: JSON.stringify({ courseId: run.courseId, sessionId: run.sessionIds[i % run.sessionIds.length] }),
      });
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }),
  );
  client.close();
  return { ...result, cpu, statuses };
}

async function sqlStorm(db, run, concurrency) {
  return runConcurrently(N, concurrency, async (i) => {
    const sessionId = run.sessionIds[i % run.sessionIds.length];
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      const { rows: [s] } = await client.query(`SELECT capacity, confirmed_count, waitlist_count FROM sessions WHERE id = $1 FOR UPDATE`, [sessionId]);
      const confirmed = s.confirmed_count < s.capacity && s.waitlist_count === 0;
      await client.query(
        `INSERT INTO enrolments (user_id, course_id, session_id, status, confirmed_at, waitlist_position) VALUES ($1, $2, $3, $4, now(), $5)`,
        [run.users[i], run.courseId, sessionId, confirmed ? 'confirmed' : 'waitlisted', confirmed ? null : s.waitlist_count + 1]);
      await client.query(`UPDATE sessions SET confirmed_count = confirmed_count + $2, waitlist_count = waitlist_count + $3 WHERE id = $1`,
        [sessionId, confirmed ? 1 : 0, confirmed ? 0 : 1]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  });
}

/** Every answer true: N stored confirmed, the counters agree, N × 201. */
async function check(db, run, statuses) {
  const { rows: [stored] } = await db.query(
    `SELECT (SELECT count(*)::int FROM enrolments WHERE session_id = ANY($1) AND status = 'confirmed') AS n,
            (SELECT sum(confirmed_count)::int FROM sessions WHERE id = ANY($1)) AS counted`, [run.sessionIds]);
  if (stored.n !== N || stored.counted !== N || statuses[201] !== N) {
    throw new Error(`not every enrolment was stored as confirmed: ${JSON.stringify({ stored, statuses })}`);
  }
}

/**
 * A first storm, not counted, warms the platform as a running deployment is warm: compiled
 * code, full connection pools, prepared statements, the mail pipeline.
 */
async function warmUp(db, platform, env, concurrency) {
  const run = await seed(db, SPREAD);
  await check(db, run, (await httpStorm(platform, env, run, concurrency)).statuses);
}

async function waitForMails(platform, expected, timeoutMs = 120_000) {
  const started = performance.now();
  while (platform.mailsReceived() < expected && performance.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 100));
  return { arrived: platform.mailsReceived(), seconds: (performance.now() - started) / 1000 };
}

const fmt = (n) => n.toFixed(1);

async function main() {
  const { env, cleanup } = await prepareEnvironment('enrolment');
  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: POOL });
  db.on('error', () => {}); // the cleanup drops the database under idle clients
  const rows = [];
  let platform;
  try {
    platform = await startDeployed(env);
    await warmUp(db, platform, env, CONCURRENCIES[0]);
    let mailed = N;
    await waitForMails(platform, mailed);
    for (const [scenario, sessions] of [['one session', 1], [`${SPREAD} sessions`, SPREAD]]) {
      for (const concurrency of CONCURRENCIES) {
        // The raw transaction before and after the storm, averaged: the machine's speed drifts
        // within a run (it swung by a third between minutes on the shared 2-core machine).
        const before = await sqlStorm(db, await seed(db, sessions), concurrency);
        const httpRun = await seed(db, sessions);
        const http = await httpStorm(platform, env, httpRun, concurrency);
        await check(db, httpRun, http.statuses);
        const mail = await waitForMails(platform, (mailed += N));
        const after = await sqlStorm(db, await seed(db, sessions), concurrency);
        const sql = { perSecond: (before.perSecond + after.perSecond) / 2, p99: (before.p99 + after.p99) / 2 };
        rows.push([`${scenario}, ${concurrency} clients: enrolments/s`, `${fmt(http.perSecond)} / raw SQL ${fmt(sql.perSecond)} (before ${fmt(before.perSecond)}, after ${fmt(after.perSecond)}) = ${(http.perSecond / sql.perSecond).toFixed(2)}`]);
        rows.push([`  p99 ms`, `${fmt(http.p99)} / raw SQL ${fmt(sql.p99)} = ${(http.p99 / sql.p99).toFixed(1)}`]);
        rows.push([`  CPU during the storm`, formatCpu(http.cpu)]);
        rows.push([`  confirmation mails`, `${mail.arrived - (mailed - N)} of ${N}, last ${fmt(mail.seconds)} s after the storm`]);
        const goal = sessions === 1 ? 0.5 : 0.35;
        summarise({ figure: `enrolment storm, ${scenario}, ${concurrency} clients (per s)`, product: http.perSecond, baseline: sql.perSecond, baselineName: 'raw SQL transaction', goal: `≥ ${goal}`, met: http.perSecond / sql.perSecond >= goal });
        summarise({ figure: `  p99, ${scenario}, ${concurrency} clients (ms)`, product: http.p99, baseline: sql.p99, baselineName: 'raw SQL p99', goal: '< 10', met: http.p99 / sql.p99 < 10 });
      }
    }
    const rss = platform.peakRss();
    rows.push(['peak memory (RSS) after the storms', `API ${rss.api.toFixed(0)} MB, worker ${rss.worker.toFixed(0)} MB`]);
    summarise({ figure: 'API peak RSS after the storms (MB)', product: rss.api, goal: '≤ 250', met: rss.api <= 250 });
    summarise({ figure: 'worker peak RSS after the storms (MB)', product: rss.worker, goal: '—' });
    await platform.stop();
    platform = undefined;

    // The API alone: no worker, so no mail is composed or sent while it runs.
    const apiOnly = await startDeployed(env, { apiOnly: true });
    try {
      const concurrency = CONCURRENCIES[CONCURRENCIES.length - 1];
      await warmUp(db, apiOnly, env, concurrency);
      const httpRun = await seed(db, 1);
      const http = await httpStorm(apiOnly, env, httpRun, concurrency);
      await check(db, httpRun, http.statuses);
      const sql = await sqlStorm(db, await seed(db, 1), concurrency);
      rows.push([`API only, one session, ${concurrency} clients: enrolments/s`, `${fmt(http.perSecond)} / raw SQL ${fmt(sql.perSecond)} = ${(http.perSecond / sql.perSecond).toFixed(2)}`]);
      rows.push([`  CPU during the storm`, formatCpu(http.cpu)]);
    } finally {
      await apiOnly.stop();
    }
    report(`Enrolment storm as deployed: ${N} learners (API + worker, confirmation mail over SMTP)`, rows);
  } finally {
    await platform?.stop();
    await db.end();
    await cleanup();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
