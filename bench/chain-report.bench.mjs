// The chain report as deployed (issue 11): GET /api/organisations/:orgId/reports/chain for an
// organisation of 10,000 members, then the same organisation grown to 100,000; the time
// should grow far less than 10×. The smaller size is the baseline of the same run.
//
// The members are made with INSERT … SELECT generate_series, in proportions like a real
// chain: chain roles spread over the four (every 7th person also coordinator), 2 % invited
// but not yet active; 45 % certified for their role's course (completed enrolment,
// completion, issued certificate valid 24 months, issued 0–29 months ago, so some expired,
// some expiring in each coming month; 1 in 45 of them revoked), half of those whose
// certificate expired enrolled again; 20 % in progress (open enrolment), 5 % cancelled, the
// rest not started. Plus a draft course tagged with every role (must not count). ANALYZE
// after seeding, as autovacuum would have.
//
// The report reads a stored summary (chain_report_members) that the worker keeps from domain
// events; the bench seeds around the domain, so after seeding it rebuilds the organisation's
// summary with the recovery path (ChainReportSummaryRepository.rebuildOrganisation, timed).
//
// Timed: the JSON report warm (median of BENCH_CHAIN_REQUESTS, default 20, sequential), CSV
// and SVG once each, and the report's own SQL statement alone through pg (EXPLAIN ANALYZE,
// median of 5), so the API's share shows; beside it, in the same run, the computation from the
// source tables that the report made before the summary (`countsFromSource`): before / after.
// The answer is checked against counts made directly, and must equal the old computation.
//
// Then the smallest size once more, as a second organisation beside the large one: the report
// reads only its own organisation's rows, so it should cost what the first one did.
//
// BENCH_CHAIN_MEMBERS (default "10000,100000"): the sizes, in growing order.
import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startDeployed } from './deployed.mjs';
import { percentile, prepareEnvironment, report, root } from './lib.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const jwt = require('jsonwebtoken');
const { deriveKeys } = require(join(root, 'dist/libs/config/src/app-config.js'));
const { ChainReportRepository, REPORT_WORK_MEM } = require(join(root, 'dist/libs/certification/src/chain-report.repository.js'));
const { ChainReportSummaryRepository } = require(join(root, 'dist/libs/certification/src/chain-report-summary.repository.js'));

const SIZES = (process.env.BENCH_CHAIN_MEMBERS ?? '10000,100000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_CHAIN_REQUESTS ?? 20);
const WARMUP = 3;
const CHAIN_ROLES = ['first-conversation', 'deeper-conversation', 'intake-referral', 'coordinator'];

/** An access token exactly as TokenService issues it: HS256 with the HKDF access-token key, `ver` = token_version. */
function accessToken(secret, userId, tokenVersion) {
  const key = createSecretKey(deriveKeys(secret).accessTokens);
  return jwt.sign({ sub: userId, typ: 'access', ver: tokenVersion }, key, { algorithm: 'HS256', expiresIn: 3600 });
}

async function seedOrganisation(db) {
  const { rows: [org] } = await db.query(`INSERT INTO organisations (name, kind) VALUES ('Gemeente Voorbeeldstad', 'municipality') RETURNING id`);
  const { rows: [admin] } = await db.query(`INSERT INTO users (email, name) VALUES ('coordinator@chain.bench.schakel', 'Coördinator') RETURNING id, token_version`);
  await db.query(`INSERT INTO memberships (organisation_id, user_id, roles, status) VALUES ($1, $2, '{org-admin}', 'active')`, [org.id, admin.id]);
  const courseIds = [];
  for (const [i, role] of CHAIN_ROLES.entries()) {
    const { rows: [course] } = await db.query(
      `INSERT INTO courses (slug, title, format, status, access, chain_roles, certificate_validity_months)
       VALUES ($1, $2, 'online', 'published', 'open', $3, 24) RETURNING id`, [`keten-${i}`, `Module ${role}`, [role]]);
    courseIds.push(course.id);
  }
  await db.query(`INSERT INTO courses (slug, title, format, status, chain_roles) VALUES ('concept', 'Concept', 'online', 'draft', $1)`, [CHAIN_ROLES]);
  await db.query(`CREATE TABLE bench_people (g int PRIMARY KEY, user_id uuid NOT NULL)`);
  return { orgId: org.id, admin, courseIds };
}

/** Another organisation with its admin, on the same courses. */
async function seedOtherOrganisation(db, courseIds) {
  const { rows: [org] } = await db.query(`INSERT INTO organisations (name, kind) VALUES ('Gemeente Buurdorp', 'municipality') RETURNING id`);
  const { rows: [admin] } = await db.query(`INSERT INTO users (email, name) VALUES ('coordinator@buurdorp.bench.schakel', 'Buur') RETURNING id, token_version`);
  await db.query(`INSERT INTO memberships (organisation_id, user_id, roles, status) VALUES ($1, $2, '{org-admin}', 'active')`, [org.id, admin.id]);
  return { orgId: org.id, admin, courseIds };
}

/** Members g in [from, to], with their enrolments, completions and certificates. */
async function addMembers(db, { orgId, courseIds }, from, to) {
  const range = [from, to];
  const p = `((b.g * 7919) % 100)`; // the person's bucket, independent of her role (g % 4)
  const ago = `make_interval(months => (b.g * 31) % 30, days => b.g % 28)`; // when she completed
  await db.query(
    `WITH u AS (INSERT INTO users (email, name) SELECT 'lid-' || g || '@chain.bench.schakel', 'Lid ' || g FROM generate_series($1::int, $2::int) g RETURNING id, email)
     INSERT INTO bench_people (g, user_id) SELECT substring(email FROM '^lid-(\\d+)@')::int, id FROM u`, range);
  await db.query(
    `INSERT INTO memberships (organisation_id, user_id, roles, chain_roles, status)
     SELECT $3, b.user_id, '{learner}',
            CASE WHEN b.g % 7 = 0 AND b.g % 4 <> 3 THEN ARRAY[($4::text[])[b.g % 4 + 1], 'coordinator'] ELSE ARRAY[($4::text[])[b.g % 4 + 1]] END,
            CASE WHEN ${p} < 2 THEN 'pending' ELSE 'active' END
       FROM bench_people b WHERE b.g BETWEEN $1 AND $2`, [...range, orgId, CHAIN_ROLES]);
  await db.query(
    `INSERT INTO enrolments (user_id, course_id, organisation_id, status, completed_at, created_at, last_activity_at)
     SELECT b.user_id, ($4::uuid[])[b.g % 4 + 1], $3, 'completed', now() - ${ago}, now() - ${ago} - interval '14 days', now() - ${ago}
       FROM bench_people b WHERE b.g BETWEEN $1 AND $2 AND ${p} < 45`, [...range, orgId, courseIds]);
  await db.query(
    `INSERT INTO completions (enrolment_id, user_id, course_id, completed_at)
     SELECT e.id, e.user_id, e.course_id, e.completed_at FROM enrolments e JOIN bench_people b ON b.user_id = e.user_id
      WHERE b.g BETWEEN $1 AND $2 AND e.status = 'completed'`, range);
  await db.query(
    `INSERT INTO certificates (completion_id, user_id, course_id, code, state, valid_from, expires_at, issued_at, revoked_at, revoked_reason)
     SELECT c.id, c.user_id, c.course_id, 'BENCH-' || b.g, 'issued', c.completed_at, c.completed_at + interval '24 months', c.completed_at,
            CASE WHEN ${p} = 44 THEN now() END, CASE WHEN ${p} = 44 THEN 'bench' END
       FROM completions c JOIN bench_people b ON b.user_id = c.user_id WHERE b.g BETWEEN $1 AND $2`, range);
  await db.query(
    `INSERT INTO enrolments (user_id, course_id, organisation_id, status, cancelled_at)
     SELECT b.user_id, ($4::uuid[])[b.g % 4 + 1], $3,
            CASE WHEN ${p} BETWEEN 65 AND 69 THEN 'cancelled' ELSE 'active' END, CASE WHEN ${p} BETWEEN 65 AND 69 THEN now() END
       FROM bench_people b WHERE b.g BETWEEN $1 AND $2
        AND (${p} BETWEEN 45 AND 69 OR (${p} < 45 AND (b.g * 31) % 30 >= 24 AND b.g % 2 = 0))`, [...range, orgId, courseIds]);
  await db.query('ANALYZE');
}

/** What the report must say, counted straight from the tables (assigned per role; certified in total). */
async function expected(db, orgId) {
  const { rows } = await db.query(
    `SELECT r AS role, count(*)::int AS n FROM memberships m, unnest(m.chain_roles) r
      WHERE m.organisation_id = $1 AND m.status = 'active' GROUP BY r`, [orgId]);
  const { rows: [{ certified }] } = await db.query(
    `SELECT count(DISTINCT c.user_id)::int AS certified FROM certificates c JOIN memberships m ON m.user_id = c.user_id AND m.organisation_id = $1 AND m.status = 'active'
      WHERE c.revoked_at IS NULL AND c.expires_at > now()`, [orgId]);
  const { rows: [{ members }] } = await db.query(`SELECT count(*)::int AS members FROM memberships WHERE organisation_id = $1`, [orgId]);
  return { assigned: Object.fromEntries(rows.map((r) => [r.role, r.n])), certified, members };
}

/** The little of TypeORM's DataSource the repositories use (query → rows, transaction), on the pool. */
function pgDataSource(db) {
  const on = (client) => ({ query: async (sql, params) => (await client.query(sql, params)).rows });
  return {
    ...on(db),
    transaction: async (work) => {
      const client = await db.connect();
      try {
        await client.query('BEGIN');
        const result = await work(on(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** The recovery path: every member's summary rows recomputed from the tables. */
async function rebuildSummary(db, orgId) {
  const started = performance.now();
  await new ChainReportSummaryRepository(pgDataSource(db)).rebuildOrganisation(orgId);
  return performance.now() - started;
}

async function timeRequest(url, token) {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 300)}`);
  return { ms, body, type: response.headers.get('content-type') };
}

/** A statement of the repository (`countsFor`: the report; `countsFromSource`: the old computation) as it sends it, captured from the built code. */
async function reportStatement(orgId, method) {
  let captured;
  const manager = { query: async (sql, params) => { if (!sql.startsWith('SET LOCAL')) captured = { sql, params }; return []; } };
  await new ChainReportRepository({ ...manager, transaction: (work) => work(manager) })[method](orgId);
  return captured;
}

async function queryAlone(db, orgId, method = 'countsFor') {
  const { sql, params } = await reportStatement(orgId, method);
  const times = [];
  const client = await db.connect();
  try {
    // with the repository's own setting (its SET LOCAL)
    if (REPORT_WORK_MEM) await client.query(`SET work_mem = '${REPORT_WORK_MEM}'`);
    for (let i = 0; i < 5; i += 1) {
      const { rows: [row] } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
      times.push(row['QUERY PLAN'][0]['Execution Time']);
    }
    const plan = process.env.BENCH_CHAIN_EXPLAIN
      ? (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n')
      : null;
    return { ms: percentile(times, 50), plan };
  } finally {
    await client.query('RESET work_mem');
    client.release();
  }
}

async function measureSize(platform, db, token, seeded, size) {
  const base = `http://127.0.0.1:${platform.port}/api/organisations/${seeded.orgId}/reports/chain`;
  const want = await expected(db, seeded.orgId);
  for (let i = 0; i < WARMUP; i += 1) await timeRequest(base, token);
  const times = [];
  let last;
  for (let i = 0; i < REQUESTS; i += 1) {
    last = await timeRequest(base, token);
    times.push(last.ms);
  }
  const json = JSON.parse(last.body);
  for (const role of json.roles) {
    if (role.assigned !== (want.assigned[role.chainRole] ?? 0)) throw new Error(`assigned ${role.chainRole}: report ${role.assigned}, tables ${want.assigned[role.chainRole]}`);
  }
  const csv = await timeRequest(`${base}?format=csv`, token);
  const svg = await timeRequest(`${base}?format=svg`, token);
  if (!csv.type.startsWith('text/csv') || csv.body.trim().split('\n').length !== CHAIN_ROLES.length + 1) throw new Error('the CSV is not one line per role');
  if (!svg.type.startsWith('image/svg+xml') || !svg.body.includes('</svg>')) throw new Error('the SVG is not an SVG');
  const sql = await queryAlone(db, seeded.orgId);
  const before = await queryAlone(db, seeded.orgId, 'countsFromSource');
  // The summary's numbers equal the old computation's, every one of them.
  const old = await new ChainReportRepository(pgDataSource(db)).countsFromSource(seeded.orgId);
  const now = json.roles.map((r) => ({ ...r, expiringByMonth: r.expiringByMonth.map((m) => m.count) }));
  if (JSON.stringify(now) !== JSON.stringify(old)) throw new Error(`the summary differs from the source tables:\n${JSON.stringify(now)}\n${JSON.stringify(old)}`);
  const sum = (key) => json.roles.reduce((s, r) => s + r[key], 0);
  // Every certificate is for the course of the member's first role: one certified role per certified member.
  if (sum('certified') !== want.certified) throw new Error(`certified: report ${sum('certified')}, tables ${want.certified}`);
  return {
    size, members: want.members, median: percentile(times, 50), p90: percentile(times, 90), min: Math.min(...times),
    csv: csv.ms, svg: svg.ms, sql, before,
    summary: `assigned ${sum('assigned')}, certified ${sum('certified')}, in progress ${sum('inProgress')}, expired ${sum('expired')}, expiring ≤12 mo ${json.roles.reduce((s, r) => s + r.expiringByMonth.reduce((t, m) => t + m.count, 0), 0)}`,
  };
}

const ms = (n) => `${n.toFixed(1)} ms`;

async function main() {
  const { env, cleanup } = await prepareEnvironment('chain');
  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
  db.on('error', () => {}); // the cleanup drops the database under idle clients
  let platform;
  try {
    platform = await startDeployed(env, { apiOnly: true }); // the report needs no worker
    const seeded = await seedOrganisation(db);
    const token = accessToken(env.JWT_SECRET, seeded.admin.id, seeded.admin.token_version);
    const results = [];
    let have = 0;
    for (const size of SIZES) {
      const seedStarted = performance.now();
      await addMembers(db, seeded, have + 1, size);
      have = size;
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      const rebuildMs = await rebuildSummary(db, seeded.orgId);
      await db.query('ANALYZE chain_report_members');
      results.push({ ...(await measureSize(platform, db, token, seeded, size)), seedSeconds, rebuildMs });
    }
    // The smallest organisation again, as another organisation on the platform that now holds the
    // large one too: reading only its own rows, its report should cost what the first one did.
    const other = await seedOtherOrganisation(db, seeded.courseIds);
    await addMembers(db, other, have + 1, have + SIZES[0]);
    await rebuildSummary(db, other.orgId);
    await db.query('ANALYZE chain_report_members');
    const neighbour = await measureSize(platform, db, accessToken(env.JWT_SECRET, other.admin.id, other.admin.token_version), other, SIZES[0]);
    const rows = [];
    for (const r of results) {
      rows.push([`${r.size} members: JSON, median of ${REQUESTS}`, `${ms(r.median)} (p90 ${ms(r.p90)}, min ${ms(r.min)})`]);
      rows.push(['  CSV / SVG, once', `${ms(r.csv)} / ${ms(r.svg)}`]);
      rows.push(['  its SQL alone (EXPLAIN ANALYZE, median of 5): summary / before (source tables)', `${ms(r.sql.ms)} / ${ms(r.before.ms)}`]);
      rows.push(['  summary rebuilt (recovery path) in', ms(r.rebuildMs)]);
      rows.push(['  numbers', r.summary]);
      rows.push(['  seeded in', `${r.seedSeconds.toFixed(1)} s (${r.members} memberships in the organisation)`]);
    }
    rows.push([`${SIZES[0]} members beside the ${have}: JSON, median of ${REQUESTS}`, `${ms(neighbour.median)} (SQL alone ${ms(neighbour.sql.ms)})`]);
    rows.push([`  same size, platform ${((have + SIZES[0]) / SIZES[0]).toFixed(0)}× larger`,
      `JSON ${(neighbour.median / results[0].median).toFixed(2)}×, SQL alone ${(neighbour.sql.ms / results[0].sql.ms).toFixed(2)}× the first ${SIZES[0]}`]);
    const [small, large] = [results[0], results[results.length - 1]];
    const factor = large.size / small.size;
    rows.push([`growth ${large.size} / ${small.size} members (${factor}× the members)`,
      `JSON ${(large.median / small.median).toFixed(2)}×, CSV ${(large.csv / small.csv).toFixed(2)}×, SVG ${(large.svg / small.svg).toFixed(2)}×, SQL alone ${(large.sql.ms / small.sql.ms).toFixed(2)}× (before: ${(large.before.ms / small.before.ms).toFixed(2)}×)`]);
    rows.push([`summary against before, SQL alone`, results.map((r) => `${r.size}: ${(r.before.ms / r.sql.ms).toFixed(1)}× faster`).join(', ')]);
    report(`Chain report as deployed (API): ${SIZES.join(' → ')} members`, rows);
    // BENCH_CHAIN_EXPLAIN=1: the plan of the report's statement at each size.
    for (const r of [...results, neighbour]) if (r.sql.plan) process.stdout.write(`\nPlan at ${r.size} members${r === neighbour ? " (beside the large one)" : ""}:\n${r.sql.plan}\n`);
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
