// The pages against the JSON for the same data, same run, same load, signed in as a learner:
// the catalogue page GET /courses vs GET /api/courses, and "Mijn leerpad" GET /me vs the
// learning-path JSON GET /api/learning-paths/:chainRole (with her statuses). The page carries
// the session (Redis, rolling), the layout and Handlebars on top of the same domain calls.
// Target (issue 12): each page at least half the requests per second of its JSON; p99 reported.
// A load loop over Node's fetch (undici), as the other benchmarks here (autocannon is not installed).
import { createRequire } from 'node:module';
import { freePort, prepareEnvironment, report, runConcurrently, startProcess } from './lib.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

const COURSES = 30;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ROLES = ['first-conversation', 'deeper-conversation', 'intake-referral', 'coordinator'];
const ROLE = 'first-conversation';
const EMAIL = 'bench-learner@bench.schakel';
const PASSWORD = 'een wachtwoord voor de bench';

/** ~30 published courses (two thirds for the first conversation, some with prerequisites), as bench/catalogue. */
async function seedCatalogue(db) {
  const ids = [];
  for (let i = 0; i < COURSES; i += 1) {
    const roles = i % 3 === 2 ? [ROLES[1 + (i % 3)]] : [ROLE, ROLES[i % 4]];
    const { rows } = await db.query(
      `INSERT INTO courses (slug, title, summary, chain_roles, format, status, certificate_validity_months, pass_mark, duration_hours)
       VALUES ($1, $2, $3, $4, $5, 'published', 24, 70, 3) RETURNING id, format`,
      [`bench-cursus-${i}`, `Cursus ${String(i).padStart(2, '0')} over eenzaamheid`, 'Een korte samenvatting van deze cursus voor de catalogus.',
        [...new Set(roles)], ['online', 'live', 'blended'][i % 3]],
    );
    ids.push(rows[0]);
    if (i > 0 && i % 4 === 0) await db.query(`INSERT INTO course_prerequisites (course_id, prerequisite_id) VALUES ($1, $2)`, [rows[0].id, ids[i - 1].id]);
  }
  return ids;
}

/** Form fields and cookies of a page, for signing in as a browser does. */
function cookiesOf(response) {
  return (response.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]);
}

async function signInPage(base) {
  const form = await fetch(`${base}/login`, { headers: { accept: 'text/html' } });
  const html = await form.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error('no form token on /login');
  const signedIn = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(form).join('; ') },
    body: new URLSearchParams({ _csrf: csrf, email: EMAIL, password: PASSWORD, next: '/me' }),
  });
  const session = cookiesOf(signedIn).find((c) => c.startsWith('schakel.sid='));
  if (signedIn.status !== 303 || !session) throw new Error(`page sign-in failed: ${signedIn.status}`);
  return session;
}

async function json(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The learner: an account, a first-conversation membership, three online courses enrolled in. */
async function seedLearner(base, db, courses) {
  const registered = await fetch(`${base}/api/auth/register`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD, name: 'Bench Leerling' }),
  });
  if (registered.status !== 202) throw new Error(`register: ${registered.status}`);
  const [{ id: userId }] = (await db.query(`UPDATE users SET email_verified_at = now() WHERE email = $1 RETURNING id`, [EMAIL])).rows;
  const [{ id: organisationId }] = (await db.query(`INSERT INTO organisations (name, kind) VALUES ('Bench gemeente', 'municipality') RETURNING id`)).rows;
  await db.query(`INSERT INTO memberships (organisation_id, user_id, roles, chain_roles) VALUES ($1, $2, '{learner}', $3)`, [organisationId, userId, [ROLE]]);
  const { accessToken } = await json(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  const auth = { authorization: `Bearer ${accessToken}` };
  for (const course of courses.filter((c) => c.format === 'online').slice(0, 3)) {
    await json(`${base}/api/enrolments`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ courseId: course.id }) });
  }
  return auth;
}

const load = (url, headers, expect) => () =>
  runConcurrently(REQUESTS, CONCURRENCY, async () => {
    const response = await fetch(url, { headers, redirect: 'manual' });
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    const body = await response.text();
    if (!body.includes(expect)) throw new Error(`${url}: not the expected answer`);
  });

const { env, cleanup } = await prepareEnvironment('pages');
const processes = [];
let db;
try {
  db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  const courses = await seedCatalogue(db);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  processes.push(await startProcess('dist/apps/api/src/main.js', { ...env, PORT: String(port), PUBLIC_BASE_URL: base }, { healthPort: port }));
  const bearer = await seedLearner(base, db, courses);
  const page = { accept: 'text/html', cookie: await signInPage(base) };

  const pairs = [
    { name: 'catalogue', page: load(`${base}/courses`, page, 'Cursus 00 over eenzaamheid'), json: load(`${base}/api/courses`, bearer, 'Cursus 00 over eenzaamheid'),
      label: 'GET /courses vs GET /api/courses' },
    // The same pair without a session or token: what the session (Redis, rolling) and the header's query cost a page.
    { name: 'catalogue, visitor', page: load(`${base}/courses`, { accept: 'text/html' }, 'Cursus 00 over eenzaamheid'), json: load(`${base}/api/courses`, {}, 'Cursus 00 over eenzaamheid'),
      label: 'the same, signed out' },
    { name: 'Mijn leerpad', page: load(`${base}/me`, page, 'Cursus 00 over eenzaamheid'), json: load(`${base}/api/learning-paths/${ROLE}`, bearer, 'Cursus 00 over eenzaamheid'),
      label: `GET /me vs GET /api/learning-paths/${ROLE} (bearer: her statuses)` },
  ];
  const best = (results) => results.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const rows = [['requests per round, concurrency', `${REQUESTS}, ${CONCURRENCY}`]];
  for (const pair of pairs) {
    // a round of each to warm up (JIT, pools, template caches), then two alternating rounds; the better round of each counts
    await pair.page();
    await pair.json();
    const rounds = { page: [], json: [] };
    for (let round = 0; round < 2; round += 1) {
      rounds.json.push(await pair.json());
      rounds.page.push(await pair.page());
    }
    const p = best(rounds.page);
    const j = best(rounds.json);
    rows.push(
      [`${pair.name}: ${pair.label}`, ''],
      ['  page requests/s, p50 / p99 (ms)', `${p.perSecond.toFixed(0)}, ${p.p50.toFixed(1)} / ${p.p99.toFixed(1)}`],
      ['  JSON requests/s, p50 / p99 (ms)', `${j.perSecond.toFixed(0)}, ${j.p50.toFixed(1)} / ${j.p99.toFixed(1)}`],
      ['  ratio page / JSON (target >= 0.5)', (p.perSecond / j.perSecond).toFixed(2)],
    );
  }
  report('Pages against their JSON, signed in as a learner', rows);
} finally {
  await db?.end().catch(() => {});
  for (const p of processes.reverse()) await p.stop();
  await cleanup();
}
