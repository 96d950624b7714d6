// Bulk import as deployed (issue 11): an org admin uploads a CSV of N new people
// (`email,name,chainRoles,courseId,sessionId`, the contract's columns) through
// POST /api/organisations/:orgId/imports; the worker handles the rows one by one (member
// added with chain roles, invitation mailed over SMTP to a sink, enrolled in an open online
// course: the "typical row" of the day in the life: a person, her chain role and the module
// she is to follow). Timed from the upload until GET …/imports/:id says `done`.
// Baseline in the same run, on the same database: the bare INSERT … SELECT of the same rows
// straight through pg (users, memberships and, when the rows name a course, enrolments), one
// statement per table in one transaction. Reported as rows/s for both and their ratio, with
// the CPU of the API, the worker and PostgreSQL during the import, and a check that every
// row's outcome is stored (and in result.csv) and every invitation arrived.
//
// BENCH_IMPORT_ROWS (default 10000, the contract's maximum); BENCH_IMPORT_COURSE=0 for rows
// without a course (people only).
import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { formatCpu, startDeployed } from './deployed.mjs';
import { percentile, prepareEnvironment, report, root } from './lib.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const jwt = require('jsonwebtoken');
const { deriveKeys } = require(join(root, 'dist/libs/config/src/app-config.js'));

const N = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const WITH_COURSE = process.env.BENCH_IMPORT_COURSE !== '0';
const BASELINE_RUNS = 3;
const CHAIN_ROLES = ['first-conversation', 'deeper-conversation', 'intake-referral', 'coordinator'];

/** An access token exactly as TokenService issues it: HS256 with the HKDF access-token key, `ver` = token_version. */
function accessToken(secret, userId, tokenVersion) {
  const key = createSecretKey(deriveKeys(secret).accessTokens);
  return jwt.sign({ sub: userId, typ: 'access', ver: tokenVersion }, key, { algorithm: 'HS256', expiresIn: 3600 });
}

/** An organisation with its (active) org admin, and an open, published online course. */
async function seed(db, label) {
  const { rows: [org] } = await db.query(`INSERT INTO organisations (name, kind) VALUES ($1, 'municipality') RETURNING id`, [`Gemeente ${label}`]);
  const { rows: [admin] } = await db.query(
    `INSERT INTO users (email, name) VALUES ($1, 'Coördinator') RETURNING id, token_version`, [`admin-${label}@bench.schakel`]);
  await db.query(`INSERT INTO memberships (organisation_id, user_id, roles, status) VALUES ($1, $2, '{org-admin}', 'active')`, [org.id, admin.id]);
  const { rows: [course] } = await db.query(
    `INSERT INTO courses (slug, title, format, status, access, chain_roles, certificate_validity_months)
     VALUES ($1, 'Het eerste gesprek', 'online', 'published', 'open', $2, 24) RETURNING id`,
    [`eerste-gesprek-${label}`, CHAIN_ROLES]);
  return { orgId: org.id, admin, courseId: course.id };
}

/** The rows of the file: N new people, chain roles spread over the four (every 7th has two). */
function people(domain, courseId) {
  return Array.from({ length: N }, (_, i) => ({
    email: `persoon-${i + 1}@${domain}`,
    name: `Persoon ${i + 1}`,
    chainRoles: i % 7 === 0 && i % 4 !== 3 ? `${CHAIN_ROLES[i % 4]};coordinator` : CHAIN_ROLES[i % 4],
    courseId: courseId ?? '',
  }));
}

const toCsv = (rows) => ['email,name,chainRoles,courseId,sessionId', ...rows.map((r) => `${r.email},${r.name},${r.chainRoles},${r.courseId},`)].join('\n') + '\n';

async function importThroughPlatform(platform, token, orgId, csv) {
  const base = `http://127.0.0.1:${platform.port}/api/organisations/${orgId}/imports`;
  const headers = { authorization: `Bearer ${token}` };
  let polls = 0;
  const { result, cpu } = await platform.measure(async () => {
    const started = performance.now();
    const upload = await fetch(base, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: csv });
    const accepted = await upload.json();
    const uploadMs = performance.now() - started;
    if (upload.status !== 202) throw new Error(`upload answered ${upload.status}: ${JSON.stringify(accepted)}`);
    for (;;) {
      const response = await fetch(`${base}/${accepted.id}`, { headers });
      const status = await response.json();
      polls += 1;
      if (response.status !== 200) throw new Error(`status answered ${response.status}: ${JSON.stringify(status)}`);
      if (status.state === 'done' || status.state === 'failed') return { id: accepted.id, status, uploadMs, seconds: (performance.now() - started) / 1000 };
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  return { ...result, cpu, polls };
}

/** The bare statements: the same rows, one INSERT … SELECT per table, in one transaction. */
async function baseline(db, orgId, adminId, rows, courseId) {
  const client = await db.connect();
  try {
    const started = performance.now();
    await client.query('BEGIN');
    const params = [rows.map((r) => r.email), rows.map((r) => r.name), rows.map((r) => r.chainRoles)];
    await client.query(`INSERT INTO users (email, name) SELECT e, n FROM unnest($1::text[], $2::text[]) AS t(e, n)`, params.slice(0, 2));
    await client.query(
      `INSERT INTO memberships (organisation_id, user_id, roles, chain_roles, status, invited_name)
       SELECT $4, u.id, '{learner}', string_to_array(t.r, ';'), 'active', t.n
         FROM unnest($1::text[], $2::text[], $3::text[]) AS t(e, n, r) JOIN users u ON lower(u.email) = t.e`,
      [...params, orgId]);
    if (courseId) {
      await client.query(
        `INSERT INTO enrolments (user_id, course_id, organisation_id, enrolled_by_id, status)
         SELECT u.id, $2, $3, $4, 'active' FROM unnest($1::text[]) AS t(e) JOIN users u ON lower(u.email) = t.e`,
        [params[0], courseId, orgId, adminId]);
    }
    await client.query('COMMIT');
    return (performance.now() - started) / 1000;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** Every row has its outcome, stored and in result.csv; the people are members (and enrolled). */
async function check(db, platform, token, orgId, run, courseId) {
  const expected = courseId ? 'enrolled' : 'added';
  const { rows: [stored] } = await db.query(
    `SELECT (SELECT count(*)::int FROM import_rows WHERE import_id = $1 AND outcome IS NOT NULL) AS with_outcome,
            (SELECT count(*)::int FROM import_rows WHERE import_id = $1 AND outcome = $3) AS expected,
            (SELECT count(*)::int FROM memberships WHERE organisation_id = $2 AND NOT 'org-admin' = ANY(roles)) AS members,
            (SELECT count(*)::int FROM enrolments WHERE organisation_id = $2) AS enrolments`,
    [run.id, orgId, expected]);
  const response = await fetch(`http://127.0.0.1:${platform.port}/api/organisations/${orgId}/imports/${run.id}/result.csv`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const lines = (await response.text()).trim().split('\n').slice(1);
  const csvExpected = lines.filter((l) => l.split(',')[3] === expected).length;
  const ok = run.status.state === 'done' && run.status.done === N && run.status.counts[expected] === N && stored.with_outcome === N &&
    stored.expected === N && stored.members === N && stored.enrolments === (courseId ? N : 0) && lines.length === N && csvExpected === N;
  if (!ok) throw new Error(`not every row's outcome was stored: ${JSON.stringify({ status: run.status, stored, csvLines: lines.length, csvExpected })}`);
  return `${N} of ${N} rows "${expected}" (stored, in the status counts and in result.csv); ${stored.members} members${courseId ? `, ${stored.enrolments} enrolments` : ''}`;
}

async function waitForMails(platform, expected, timeoutMs = 300_000) {
  const started = performance.now();
  while (platform.mailsReceived() < expected && performance.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 100));
  return { arrived: platform.mailsReceived(), seconds: (performance.now() - started) / 1000 };
}

async function main() {
  const { env, cleanup } = await prepareEnvironment('import');
  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 });
  db.on('error', () => {}); // the cleanup drops the database under idle clients
  let platform;
  const rows = [];
  try {
    platform = await startDeployed(env);
    const target = await seed(db, 'platform');
    const courseId = WITH_COURSE ? target.courseId : null;
    const token = accessToken(env.JWT_SECRET, target.admin.id, target.admin.token_version);
    const csv = toCsv(people('import.bench.schakel', courseId));

    const run = await importThroughPlatform(platform, token, target.orgId, csv);
    const checked = await check(db, platform, token, target.orgId, run, courseId);
    const mail = await waitForMails(platform, N);
    const rss = platform.peakRss();
    await platform.stop();
    platform = undefined;

    // The baseline: the same rows (other addresses: e-mail is unique) into organisations of their own.
    const baselineSeconds = [];
    for (let i = 1; i <= BASELINE_RUNS; i += 1) {
      const bare = await seed(db, `baseline-${i}`);
      baselineSeconds.push(await baseline(db, bare.orgId, bare.admin.id, people(`baseline-${i}.bench.schakel`, WITH_COURSE ? bare.courseId : null), WITH_COURSE ? bare.courseId : null));
    }
    const bareSeconds = percentile(baselineSeconds, 50);

    const platformRate = N / run.seconds;
    const bareRate = N / bareSeconds;
    rows.push(['typical row', WITH_COURSE ? 'new person, chain role(s), open online course (no session)' : 'new person, chain role(s), no course']);
    rows.push(['import as deployed: rows/s', `${platformRate.toFixed(1)} (${run.seconds.toFixed(1)} s from upload to done)`]);
    rows.push([`bare INSERT … SELECT: rows/s (median of ${BASELINE_RUNS})`, `${bareRate.toFixed(0)} (${(bareSeconds * 1000).toFixed(0)} ms${WITH_COURSE ? ': users, memberships, enrolments' : ': users, memberships'})`]);
    rows.push(['ratio import / bare', `${(platformRate / bareRate).toFixed(4)} (bare is ${(bareRate / platformRate).toFixed(0)}× faster)`]);
    rows.push(['  upload answered 202 after', `${run.uploadMs.toFixed(0)} ms (${(csv.length / 1024).toFixed(0)} KB; status polled ${run.polls}× every 200 ms)`]);
    rows.push(['  CPU during the import', formatCpu(run.cpu)]);
    rows.push(['  outcomes', checked]);
    rows.push(['  invitation mails', `${mail.arrived} of ${N}, last ${mail.seconds.toFixed(1)} s after done`]);
    rows.push(['  peak memory (RSS)', `API ${rss.api.toFixed(0)} MB, worker ${rss.worker.toFixed(0)} MB`]);
    report(`Bulk import as deployed: ${N} rows (API + worker, invitation mail over SMTP) vs bare INSERT … SELECT`, rows);
    if (mail.arrived < N) throw new Error(`only ${mail.arrived} of ${N} invitations arrived`);
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
