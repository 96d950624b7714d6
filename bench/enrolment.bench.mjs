// Enrolment storm: N learners enrol in one session through the HTTP API (the built API as its
// own process), and, in the same run on the same database, the bare locking transaction
// (BEGIN; SELECT ... FOR UPDATE; INSERT enrolment; UPDATE counts; COMMIT) straight through pg
// with the same concurrency and pool size. The ratio says what the API costs on top.
import { createRequire } from 'node:module';
import { prepareEnvironment, startProcess, runConcurrently, report, freePort } from './lib.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const jwt = require('jsonwebtoken');

const N = Number(process.env.BENCH_ENROLMENTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const POOL = 20; // the API's default DATABASE_POOL_SIZE

async function seed(db, label) {
  const [{ id: courseId }] = (await db.query(
    `INSERT INTO courses (slug, title, format, status) VALUES ($1, $2, 'live', 'published') RETURNING id`, [`bench-${label}`, `Bench ${label}`])).rows;
  const start = new Date(Date.now() + 30 * 86_400_000);
  const [{ id: sessionId }] = (await db.query(
    `INSERT INTO sessions (course_id, location, capacity, visibility, starts_at, ends_at) VALUES ($1, 'Zaal', $2, 'open', $3, $4) RETURNING id`,
    [courseId, N * 2, start, new Date(start.getTime() + 3_600_000)])).rows;
  await db.query(`INSERT INTO meetings (session_id, starts_at, ends_at) VALUES ($1, $2, $3)`, [sessionId, start, new Date(start.getTime() + 3_600_000)]);
  const users = (await db.query(
    `INSERT INTO users (email, name) SELECT 'bench-' || $1 || '-' || g || '@bench.schakel', 'Bench ' || g FROM generate_series(1, $2) g RETURNING id`,
    [label, N])).rows.map((r) => r.id);
  return { courseId, sessionId, users };
}

async function main() {
  const { env, cleanup } = await prepareEnvironment('enrolment');
  const port = await freePort();
  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: POOL });
  db.on('error', () => {}); // the cleanup drops the database under idle clients
  let api;
  try {
    api = await startProcess('dist/apps/api/src/main.js', { ...env, PORT: String(port) }, { healthPort: port });
    const httpRun = await seed(db, 'http');
    const sqlRun = await seed(db, 'sql');
    const tokens = httpRun.users.map((sub) => jwt.sign({ sub, typ: 'access' }, env.JWT_SECRET, { algorithm: 'HS256', expiresIn: 3600 }));

    const statuses = new Map();
    const http = await runConcurrently(N, CONCURRENCY, async (i) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/enrolments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
        body: JSON.stringify({ courseId: httpRun.courseId, sessionId: httpRun.sessionId }),
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    });

    const sql = await runConcurrently(N, CONCURRENCY, async (i) => {
      const client = await db.connect();
      try {
        await client.query('BEGIN');
        const { rows: [s] } = await client.query(
          `SELECT capacity, confirmed_count, waitlist_count FROM sessions WHERE id = $1 FOR UPDATE`, [sqlRun.sessionId]);
        const confirmed = s.confirmed_count < s.capacity && s.waitlist_count === 0;
        await client.query(
          `INSERT INTO enrolments (user_id, course_id, session_id, status, confirmed_at, waitlist_position) VALUES ($1, $2, $3, $4, now(), $5)`,
          [sqlRun.users[i], sqlRun.courseId, sqlRun.sessionId, confirmed ? 'confirmed' : 'waitlisted', confirmed ? null : s.waitlist_count + 1]);
        await client.query(
          `UPDATE sessions SET confirmed_count = confirmed_count + $2, waitlist_count = waitlist_count + $3 WHERE id = $1`,
          [sqlRun.sessionId, confirmed ? 1 : 0, confirmed ? 0 : 1]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    });

    const { rows: [stored] } = await db.query(
      `SELECT count(*)::int AS n, (SELECT confirmed_count FROM sessions WHERE id = $1) AS counted FROM enrolments WHERE session_id = $1 AND status = 'confirmed'`,
      [httpRun.sessionId]);
    const fmt = (n) => n.toFixed(1);
    report(`Enrolment storm: ${N} learners, ${CONCURRENCY} concurrent clients, one session`, [
      ['HTTP statuses', JSON.stringify(Object.fromEntries(statuses))],
      ['HTTP stored confirmed / session counter', `${stored.n} / ${stored.counted}`],
      ['HTTP API: enrolments per second', fmt(http.perSecond)],
      ['HTTP API: p50 / p99 ms', `${fmt(http.p50)} / ${fmt(http.p99)}`],
      ['raw SQL transaction: per second', fmt(sql.perSecond)],
      ['raw SQL transaction: p50 / p99 ms', `${fmt(sql.p50)} / ${fmt(sql.p99)}`],
      ['throughput ratio HTTP / raw SQL', `${(http.perSecond / sql.perSecond).toFixed(2)}`],
      ['p99 ratio HTTP / raw SQL', `${(http.p99 / sql.p99).toFixed(2)}`],
      ['vs Moodle (56/s, p99 ~420 ms, PRODUCT.md)', `${(http.perSecond / 56).toFixed(1)}× the throughput`],
    ]);
    if (stored.n !== N || stored.counted !== N || statuses.get(201) !== N) throw new Error('not every enrolment was stored as confirmed');
  } finally {
    await api?.stop();
    await db.end();
    await cleanup();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
