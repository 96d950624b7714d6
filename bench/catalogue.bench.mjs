// The public catalogue against a bare NestJS "hello", same load, same run.
// Target (PRODUCT.md): GET /api/courses at least half the throughput of the bare hello.
import { createRequire } from 'node:module';
import { freePort, httpClient, prepareEnvironment, report, runConcurrently, startProcess, summarise } from './lib.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

const COURSES = 30;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const ROLES = ['first-conversation', 'deeper-conversation', 'intake-referral', 'coordinator'];

/** ~30 published courses, two thirds of them for the first conversation, some with prerequisites. */
async function seed(databaseUrl) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ids = [];
    for (let i = 0; i < COURSES; i += 1) {
      const roles = i % 3 === 2 ? [ROLES[1 + (i % 3)]] : ['first-conversation', ROLES[i % 4]];
      const { rows } = await client.query(
        `INSERT INTO courses (slug, title, summary, chain_roles, format, status, certificate_validity_months, pass_mark, duration_hours)
         VALUES ($1, $2, $3, $4, $5, 'published', 24, 70, 3) RETURNING id`,
        [`bench-cursus-${i}`, `Cursus ${String(i).padStart(2, '0')} over eenzaamheid`, 'Een korte samenvatting van deze cursus voor de catalogus.',
          [...new Set(roles)], ['online', 'live', 'blended'][i % 3]],
      );
      ids.push(rows[0].id);
      if (i > 0 && i % 4 === 0) {
        await client.query(`INSERT INTO course_prerequisites (course_id, prerequisite_id) VALUES ($1, $2)`, [rows[0].id, ids[i - 1]]);
      }
    }
  } finally {
    await client.end();
  }
}

/** A round of REQUESTS GETs of `path` on `port`, CONCURRENCY at a time, every answer a 200 with a body. */
function measure(port, path) {
  const client = httpClient(port, CONCURRENCY);
  return () =>
    runConcurrently(REQUESTS, CONCURRENCY, async () => {
      const response = await client.request(path);
      if (response.status !== 200 || response.body.length === 0) throw new Error(`${path}: ${response.status}`);
    });
}

const { env, cleanup } = await prepareEnvironment('catalogue');
const processes = [];
try {
  await seed(env.DATABASE_URL);
  const [apiPort, helloPort] = [await freePort(), await freePort()];
  processes.push(await startProcess('dist/apps/api/src/main.js', { ...env, PORT: String(apiPort) }, { healthPort: apiPort }));
  processes.push(await startProcess('bench/hello-nest.mjs', { ...env, PORT: String(helloPort) }, { healthPort: helloPort }));

  const cataloguePath = '/api/courses?chainRole=first-conversation';
  const sample = await (await fetch(`http://127.0.0.1:${apiPort}${cataloguePath}`)).json();
  if (!(sample.total > 10) || !Array.isArray(sample.items[0]?.prerequisiteIds)) throw new Error(`unexpected catalogue: ${JSON.stringify(sample).slice(0, 200)}`);

  const catalogue = measure(apiPort, cataloguePath);
  const hello = measure(helloPort, '/hello');
  // warm up (JIT, connection pools), then two alternating rounds; the better round of each counts
  await catalogue();
  await hello();
  const rounds = { catalogue: [], hello: [] };
  for (let round = 0; round < 2; round += 1) {
    rounds.hello.push(await hello());
    rounds.catalogue.push(await catalogue());
  }
  const best = (results) => results.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const c = best(rounds.catalogue);
  const h = best(rounds.hello);
  report(`GET /api/courses?chainRole=first-conversation (${sample.total} of ${COURSES} courses, ${sample.items.length} per page) vs bare NestJS GET /hello`, [
    ['requests per round, concurrency', `${REQUESTS}, ${CONCURRENCY}`],
    ['catalogue requests/s', c.perSecond.toFixed(0)],
    ['catalogue p50 / p99 (ms)', `${c.p50.toFixed(1)} / ${c.p99.toFixed(1)}`],
    ['bare NestJS hello requests/s', h.perSecond.toFixed(0)],
    ['bare NestJS hello p50 / p99 (ms)', `${h.p50.toFixed(1)} / ${h.p99.toFixed(1)}`],
    ['ratio catalogue / hello (target >= 0.5)', (c.perSecond / h.perSecond).toFixed(2)],
  ]);
  summarise({ figure: 'catalogue GET /api/courses (per s)', product: c.perSecond, baseline: h.perSecond, baselineName: 'bare NestJS hello', goal: '≥ 0.5', met: c.perSecond / h.perSecond >= 0.5 });
} finally {
  for (const p of processes.reverse()) await p.stop();
  await cleanup();
}
