// Certificate burst, as deployed: 1,000 completions land in the outbox at once; how fast do
// the built workers turn them into stored, issued PDF certificates and mail each holder
// (SMTP to an in-process sink)? Baseline in the same run: the bare render (template + pdfkit
// + QR, no queue, no database) in a loop, before and after the bursts. Both sides per CPU
// second (the workers' from /proc, the loop's from process.cpuUsage, all threads each), since
// the workers share the machine with PostgreSQL and Redis.
import { fork } from 'node:child_process';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import pg from 'pg';
import { startMailSink, ticksOf } from './deployed.mjs';
import { prepareEnvironment, report, root, startProcess, summarise } from './lib.mjs';

const require = createRequire(import.meta.url);
const TOTAL = Number(process.env.BENCH_CERTIFICATES ?? 1000);
const RENDERS = 200;

/**
 * The bare render in a loop, per second of this process's CPU (all its threads, as the
 * workers' CPU is counted from /proc: V8's GC helper threads add ~10 % to one core's
 * render loop) and per wall second on one core, as the issue first stated it.
 */
let renderer;
async function bareRender() {
  const { CertificateRenderer } = require(join(root, 'dist/libs/certification/src/render/certificate.renderer.js'));
  renderer ??= new CertificateRenderer('https://schakel.example');
  for (let i = 0; i < 150; i += 1) await renderer.render(content(i)); // warm up: the loop is as warm as a busy worker
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < RENDERS; i += 1) await renderer.render(content(i));
  const cpu = process.cpuUsage(cpuBefore);
  return { perCpuSecond: RENDERS / ((cpu.user + cpu.system) / 1e6), perWallSecond: RENDERS / ((performance.now() - started) / 1000) };
}

/** What one bench certificate prints. */
const content = (i) => ({
  code: generateCertificateCode(), locale: 'nl', holderName: `Deelnemer ${i}`, courseSlug: 'bench', courseTitle: 'Het eerste gesprek',
  refresherTitle: null, chainRoles: ['first-conversation'], dates: [new Date()], durationHours: 3, trainerName: null,
  validFrom: new Date(), expiresAt: new Date(Date.now() + 63e9), isRenewal: false, createdAt: new Date(),
});
function generateCertificateCode() {
  return require(join(root, 'dist/libs/certification/src/certificate-code.js')).generateCertificateCode();
}

/**
 * A second, informational baseline: what a certificate costs without queue or database. The
 * same render, its file written aside and renamed (as the local storage does), the mail
 * composed from its template and sent over a pooled SMTP connection (the worker's transport
 * options) to a sink in a process of its own; eight at once, per second of this process's CPU
 * (like the bare render). It reads what the workers could reach if their bookkeeping (jobs,
 * statements, the chain report, the delivery's claim and mark) cost nothing.
 */
async function renderFileAndMail() {
  const { CertificateRenderer } = require(join(root, 'dist/libs/certification/src/render/certificate.renderer.js'));
  const { TemplateRenderer } = require(join(root, 'dist/libs/messaging/src/template.renderer.js'));
  const { formatDate } = require(join(root, 'dist/libs/common/src/dates.js'));
  const nodemailer = require(join(root, 'node_modules/nodemailer'));
  const sinkProcess = fork(join(root, 'bench/mail-sink-process.mjs'));
  const sinkUrl = await new Promise((resolve) => sinkProcess.once('message', (m) => resolve(m.url)));
  const transport = nodemailer.createTransport({ url: sinkUrl, pool: true, maxConnections: 4, maxMessages: 200 });
  const templates = new TemplateRenderer();
  const local = new CertificateRenderer('https://schakel.example');
  const folder = await mkdtemp(join(tmpdir(), 'schakel-bench-pdf-'));
  const one = async (i) => {
    const c = content(i);
    const rendered = await local.render(c);
    const path = join(folder, `${i}.pdf`);
    await writeFile(`${path}.tmp`, rendered.pdf);
    await rename(`${path}.tmp`, path);
    const mail = templates.render('nl', 'certificate-issued', {
      name: c.holderName, baseUrl: 'https://schakel.example', course: c.courseTitle,
      link: `https://schakel.example/api/certificates/${i}/pdf`, verifyUrl: `https://schakel.example/api/verify/${c.code}`,
      expiresOn: formatDate(c.expiresAt, 'nl'),
    });
    await transport.sendMail({ from: 'Schakel <no-reply@schakel.local>', to: { name: c.holderName, address: `d${i}@bench.test` }, ...mail, messageId: `<${i}@schakel>` });
  };
  const round = async (n) => {
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => { while (next < n) await one(next++); }));
  };
  try {
    await round(150); // as warm as a busy worker
    const cpuBefore = process.cpuUsage();
    await round(RENDERS * 2);
    const cpu = process.cpuUsage(cpuBefore);
    return RENDERS * 2 / ((cpu.user + cpu.system) / 1e6);
  } finally {
    transport.close();
    sinkProcess.kill();
    await rm(folder, { recursive: true, force: true });
  }
}

async function seedCompletions(db, courseId, tag, count) {
  await db.query(
    `INSERT INTO users (email, name, locale) SELECT 'bench-' || $1 || '-' || i || '@bench.test', 'Deelnemer ' || i, 'nl' FROM generate_series(1, $2) i`,
    [tag, count],
  );
  await db.query(
    `INSERT INTO enrolments (user_id, course_id, status, completed_at)
     SELECT id, $1, 'completed', now() FROM users WHERE email LIKE 'bench-' || $2 || '-%'`,
    [courseId, tag],
  );
  // Completions and their outbox rows in one statement each, as many completions at once would leave them.
  await db.query(
    `WITH done AS (
       INSERT INTO completions (enrolment_id, user_id, course_id)
       SELECT e.id, e.user_id, e.course_id FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email LIKE 'bench-' || $1 || '-%'
       RETURNING id, user_id)
     INSERT INTO outbox_events (topic, payload) SELECT 'course.completed', jsonb_build_object('completionId', id, 'userId', user_id) FROM done`,
    [tag],
  );
}

async function issued(db) {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM certificates WHERE state = 'issued'`);
  return rows[0].n;
}

async function waitUntilIssued(db, target, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await issued(db)) < target) {
    if (Date.now() > deadline) throw new Error(`only ${await issued(db)} of ${target} certificates after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitForMails(sink, target, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (sink.received() < target) {
    if (Date.now() > deadline) throw new Error(`only ${sink.received()} of ${target} certificate mails after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function burst(env, db, courseId, workers, already, sink) {
  const procs = [];
  for (let i = 0; i < workers; i += 1) procs.push(await startProcess('dist/apps/worker/src/main.js', { ...env, SMTP_URL: sink.url }));
  const workerTicks = () => procs.reduce((sum, p) => sum + ticksOf(p.pid), 0);
  const relay = new Queue('maintenance', { connection: { url: env.REDIS_URL }, prefix: env.QUEUE_PREFIX });
  try {
    // Warm up: the workers have booted and issued one certificate each before the clock starts.
    await seedCompletions(db, courseId, `warm${workers}`, workers);
    await relay.add('outbox.relay', {}, { removeOnComplete: true });
    await waitUntilIssued(db, already + workers, 60_000);
    await waitForMails(sink, already + workers, 60_000);

    await seedCompletions(db, courseId, `burst${workers}`, TOTAL);
    const started = performance.now();
    const ticksBefore = workerTicks();
    await relay.add('outbox.relay', {}, { removeOnComplete: true }); // as the API's nudge after a commit
    await waitUntilIssued(db, already + workers + TOTAL);
    const issuedSeconds = (performance.now() - started) / 1000;
    await waitForMails(sink, already + workers + TOTAL);
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = (workerTicks() - ticksBefore) / 100;
    return { seconds, issuedSeconds, perSecond: TOTAL / seconds, cpuCores: cpuSeconds / seconds, perCpuSecond: TOTAL / cpuSeconds, issuedTotal: already + workers + TOTAL };
  } finally {
    await relay.close();
    await Promise.all(procs.map((p) => p.stop()));
  }
}

const { env, cleanup } = await prepareEnvironment('certificates');
const db = new pg.Client({ connectionString: env.DATABASE_URL });
await db.connect();
try {
  const { rows } = await db.query(
    `INSERT INTO courses (slug, title, format, status, chain_roles, certificate_validity_months, duration_hours)
     VALUES ('bench-eerste-gesprek', 'Het eerste gesprek', 'online', 'published', '{first-conversation}', 24, 3) RETURNING id`,
  );
  const courseId = rows[0].id;
  // The baseline before and after the bursts, averaged: the machine's speed drifts within a run.
  const before = await bareRender();
  const sink = await startMailSink();
  const one = await burst(env, db, courseId, 1, 0, sink);
  const two = await burst(env, db, courseId, 2, one.issuedTotal, sink);
  await sink.stop();
  const after = await bareRender();
  const withoutBookkeeping = await renderFileAndMail();
  const bare = (before.perCpuSecond + after.perCpuSecond) / 2;
  const bareWall = (before.perWallSecond + after.perWallSecond) / 2;
  const { rows: dupes } = await db.query(`SELECT count(*)::int AS n FROM (SELECT completion_id FROM certificates GROUP BY completion_id HAVING count(*) > 1) d`);
  const line = (run) => `${run.perSecond.toFixed(0)}/s (issued in ${run.issuedSeconds.toFixed(1)} s, mailed in ${run.seconds.toFixed(1)} s) on ${run.cpuCores.toFixed(2)} cores`;
  report(`Certificate burst as deployed: ${TOTAL} completions → issued PDF certificates + mail over SMTP`, [
    ['bare render (template + pdfkit + QR), per CPU second', `${bare.toFixed(0)} (before ${before.perCpuSecond.toFixed(0)}, after ${after.perCpuSecond.toFixed(0)})`],
    ['  the same per wall second, one core', bareWall.toFixed(0)],
    ['1 worker', line(one)],
    ['1 worker: per worker core / bare render', `${one.perCpuSecond.toFixed(0)} / ${bare.toFixed(0)} = ${(one.perCpuSecond / bare).toFixed(2)}`],
    ['2 workers', line(two)],
    ['2 workers: per worker core / bare render', `${two.perCpuSecond.toFixed(0)} / ${bare.toFixed(0)} = ${(two.perCpuSecond / bare).toFixed(2)}`],
    ['render + file + mail, no queue or database, per CPU second', `${withoutBookkeeping.toFixed(0)} = ${(withoutBookkeeping / bare).toFixed(2)} of the bare render`],
    ['1 worker / render + file + mail', `${one.perCpuSecond.toFixed(0)} / ${withoutBookkeeping.toFixed(0)} = ${(one.perCpuSecond / withoutBookkeeping).toFixed(2)}`],
    ['2 workers / render + file + mail', `${two.perCpuSecond.toFixed(0)} / ${withoutBookkeeping.toFixed(0)} = ${(two.perCpuSecond / withoutBookkeeping).toFixed(2)}`],
    ['completions with more than one certificate', String(dupes[0].n)],
  ]);
  for (const [workers, run] of [[1, one], [2, two]]) {
    summarise({ figure: `certificate burst, ${workers} worker${workers > 1 ? 's' : ''}, mails included (per worker core-s)`, product: run.perCpuSecond, baseline: bare, baselineName: 'bare render per CPU second', goal: '≥ 0.7', met: run.perCpuSecond / bare >= 0.7 && dupes[0].n === 0 });
  }
  // Informational, no goal: the same bursts against render + file + mail without queue or database.
  for (const [workers, run] of [[1, one], [2, two]]) {
    summarise({ figure: `  the same, ${workers} worker${workers > 1 ? 's' : ''}, against the certificate's work without bookkeeping`, product: run.perCpuSecond, baseline: withoutBookkeeping, baselineName: 'render + file + mail, no queue or database, per CPU second', goal: '—' });
  }
} finally {
  await db.end();
  await cleanup();
}
