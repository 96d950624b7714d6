// The reminder sweep's due selection must cost what is due, not what exists:
// 100,000 confirmed enrolments of which 1,000 are due, against 10,000 of which 1,000 are due.
// Times the sweep's own SQL (DUE_REMINDERS_SQL from the build) inside a rolled-back
// transaction, so every run selects and inserts the same 1,000 reminders.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { percentile, prepareEnvironment, report, root } from './lib.mjs';

const require = createRequire(import.meta.url);
const { DUE_REMINDERS_SQL } = require(join(root, 'dist/libs/messaging/src/sweep.queries.js'));
const { Client } = require('pg');

const DUE = 1_000;
const RUNS = 15;

/** `total` confirmed enrolments: `DUE` in sessions starting tomorrow, the rest in sessions 1 to 12 months ahead (or past). */
async function seed(client, total) {
  await client.query(`INSERT INTO courses (slug, title, format, status) VALUES ('bench', 'Bench', 'live', 'published')`);
  await client.query(`INSERT INTO users (email, name) SELECT 'u' || g || '@bench.test', 'U ' || g FROM generate_series(1, $1) g`, [total]);
  // 50 learners per session: 20 due sessions, the others spread over the past and the coming year.
  const sessions = Math.ceil(total / 50);
  await client.query(
    `INSERT INTO sessions (course_id, location, capacity, confirmed_count, starts_at, ends_at)
     SELECT c.id, 'Zaal', 50, 50,
            CASE WHEN g <= $2 THEN now() + interval '20 hours'
                 WHEN g % 2 = 0 THEN now() + (30 + g % 330) * interval '1 day'
                 ELSE now() - (1 + g % 330) * interval '1 day' END,
            CASE WHEN g <= $2 THEN now() + interval '26 hours'
                 WHEN g % 2 = 0 THEN now() + (30 + g % 330) * interval '1 day' + interval '6 hours'
                 ELSE now() - (1 + g % 330) * interval '1 day' + interval '6 hours' END
       FROM generate_series(1, $1) g, courses c`,
    [sessions, DUE / 50],
  );
  await client.query(
    `WITH s AS (SELECT id, row_number() OVER (ORDER BY starts_at > now() + interval '2 days', starts_at, id) AS n FROM sessions),
          u AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users)
     INSERT INTO enrolments (user_id, course_id, session_id, status, confirmed_at)
     SELECT u.id, (SELECT id FROM courses), s.id, 'confirmed', now() FROM u JOIN s ON s.n = (u.n - 1) / 50 + 1`,
  );
  await client.query('ANALYZE');
}

async function measure(total) {
  const { env, cleanup } = await prepareEnvironment(`sweep_${total}`);
  const client = new Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    await seed(client, total);
    const times = [];
    for (let i = 0; i < RUNS + 3; i += 1) {
      await client.query('BEGIN');
      const started = performance.now();
      const { rowCount } = await client.query(DUE_REMINDERS_SQL, [new Date().toISOString()]);
      const ms = performance.now() - started;
      await client.query('ROLLBACK');
      if (rowCount !== DUE) throw new Error(`expected ${DUE} due reminders, got ${rowCount}`);
      if (i >= 3) times.push(ms); // warm-up runs are not counted
    }
    const { rows } = await client.query(`EXPLAIN ${DUE_REMINDERS_SQL.replace(/^\s*INSERT[\s\S]*?SELECT/, 'SELECT').replace(/ON CONFLICT[\s\S]*$/, '')}`, [new Date().toISOString()]);
    return { median: percentile(times, 50), p90: percentile(times, 90), plan: rows.map((r) => r['QUERY PLAN']).join('\n') };
  } finally {
    await client.end();
    await cleanup();
  }
}

const small = await measure(10_000);
const large = await measure(100_000);
report('Reminder sweep: due selection (1,000 due reminders, inserted and rolled back)', [
  ['10,000 enrolments: median / p90 (ms)', `${small.median.toFixed(1)} / ${small.p90.toFixed(1)}`],
  ['100,000 enrolments: median / p90 (ms)', `${large.median.toFixed(1)} / ${large.p90.toFixed(1)}`],
  ['ratio 100k / 10k (goal: close to 1)', (large.median / small.median).toFixed(2)],
]);
process.stdout.write(`\n  plan at 100,000 enrolments:\n${large.plan.replace(/^/gm, '    ')}\n`);
