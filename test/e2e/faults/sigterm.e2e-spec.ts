import { type ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { Course } from '@schakel/catalogue';
import { startApi, type TestApi } from '../../support/app';
import { freePort } from '../../support/free-port';
import { isolateRun } from '../../support/isolation';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import { insertCourse, insertOnlineCourse } from '../../factories/course.factory';
import { createLearners, type Person } from '../../factories/person.factory';
import { insertSessionIn, sessionState } from '../../factories/session.factory';
import { createTrainer } from '../../factories/organisation.factory';
import { burstOfCompletions, expectExactlyOneEach, learners } from './fault-burst';

const WORKER = join(process.cwd(), 'dist/apps/worker/src/main.js');
const API = join(process.cwd(), 'dist/apps/api/src/main.js');
/** What docker, systemd and `npm start` wait after SIGTERM before they kill. */
const ORCHESTRATOR_GRACE_MS = 30_000;

interface Child {
  process: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnBuilt(script: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, [script], { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { process: child, stderr: () => stderr, exited };
}

/** SIGTERM, as an orchestrator sends it; resolves with how long the process took to exit. */
async function terminate(child: Child): Promise<{ ms: number; code: number | null; signal: NodeJS.Signals | null }> {
  const started = Date.now();
  child.process.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([child.exited, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ORCHESTRATOR_GRACE_MS + 5_000)))]);
  clearTimeout(timer);
  if (!outcome) return { ms: Date.now() - started, code: null, signal: null };
  return { ms: Date.now() - started, ...outcome };
}

/** Closed by itself: exit code 0, or the SIGTERM Nest sends itself again after closing (its shutdown hooks do). */
const exit = (stopped: { code: number | null; signal: NodeJS.Signals | null }) => ({ clean: stopped.code === 0 || (stopped.code === null && stopped.signal === 'SIGTERM') });

function killHard(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return Promise.resolve();
  child.process.kill('SIGKILL');
  return child.exited.then(() => undefined);
}

/**
 * Fault suite: SIGTERM, as an orchestrator stops a process, in the middle of work. The built
 * processes (dist/, as `npm start` runs them) in their own processes; needs a current build.
 */
describe('faults: SIGTERM mid-burst', () => {
  let dropDatabase: () => Promise<void>;
  let sink: SmtpSink;
  let api: TestApi;
  const children: Child[] = [];

  beforeAll(async () => {
    dropDatabase = await isolateRun('fterm');
    sink = await startSmtpSink();
    api = await startApi();
  });
  afterAll(async () => {
    await Promise.all(children.map(killHard));
    await api?.close();
    await sink?.stop();
    await dropDatabase?.();
  });

  it('the worker told to stop while mails are on the wire exits within 30 s; with the next worker every completion has one certificate and one mail', async () => {
    const course: Course = await insertOnlineCourse(api.app, { title: 'Werker gestopt' });
    const people = await learners(api.app, 40, 'term');
    const workerEnv = {
      SMTP_URL: sink.url,
      MESSAGE_RETRY_DELAY_MS: '200',
      SWEEP_INTERVAL_SECONDS: '1',
      // Short, so that a mail sent but not marked sent by the stopped worker would be sent again
      // (a double) within this test instead of after the default five minutes.
      MESSAGE_CLAIM_LEASE_SECONDS: '15',
    };

    // Every mail waits 300 ms for the server's final reply: SIGTERM finds some on the wire.
    sink.delayMs = 300;
    const first = spawnBuilt(WORKER, workerEnv);
    children.push(first);
    const burst = await burstOfCompletions(api.app, course.id, people);
    await waitFor(async () => sink.receiving, (n) => n >= 3, { timeoutMs: 30_000, intervalMs: 20, what: 'mails on the wire' });
    const onWire = sink.receiving - sink.mails.length - sink.dropped;
    const stopped = await terminate(first);
    const atStop = { ms: stopped.ms, code: stopped.code, signal: stopped.signal, onWire, mailed: sink.mails.length, dropped: sink.dropped };
    process.stdout.write(`worker SIGTERM: ${JSON.stringify(atStop)}\n`);

    expect(stopped.ms).toBeLessThan(ORCHESTRATOR_GRACE_MS);
    // A clean exit (Nest re-raises SIGTERM once closed), not the deadline's exit(1), and no crash printed on the way.
    expect({ ...exit(stopped), stderr: first.stderr() }).toEqual({ clean: true, stderr: expect.not.stringMatching(/unhandled rejection|graceful shutdown after/i) });
    expect(onWire).toBeGreaterThan(0);
    expect(atStop.mailed).toBeLessThan(40); // really mid-burst
    // The mails on the wire were finished (the server's 250 awaited), not cut off halfway.
    expect(sink.dropped).toBe(0);
    // The jobs in flight finished their sends: none left claimed for the lease to time out, none
    // failed because the stopping worker closed its SMTP pool under them.
    const left = await api.app.get(DataSource).query(`SELECT state, note FROM message_deliveries WHERE state IN ('claimed', 'failed')`);
    expect(left).toEqual([]);

    sink.delayMs = 0;
    children.push(spawnBuilt(WORKER, workerEnv));
    await expectExactlyOneEach(api.app, sink, burst, 40_000);
    expect(sink.mails).toHaveLength(40);
    expect(sink.dropped).toBe(0);
  }, 90_000);

  it('the API told to stop during a stream of enrolments finishes the requests in flight (2xx) and exits within 30 s', async () => {
    const trainer = await createTrainer(api.app);
    const course = await insertCourse(api.app, { author: trainer, title: 'API gestopt' });
    const session = await insertSessionIn(api.app, course.id, 48, { capacity: 25 });
    const people = await createLearners(api.app, 150);
    const slow = people.splice(0, 5);
    const port = await freePort();
    const child = spawnBuilt(API, { PORT: String(port), API_WORKERS: '1', LOG_LEVEL: 'silent' });
    children.push(child);
    // No keep-alive connection of the test's own that the closing API could reset under it.
    const health = () =>
      new Promise<number>((resolve) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/health', agent: false, timeout: 2_000 }, (res) => {
          res.resume();
          res.on('error', () => resolve(0));
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('timeout', () => req.destroy());
        req.on('error', () => resolve(0));
        req.end();
      });
    await waitFor(health, (s) => s === 200, { timeoutMs: 30_000, what: 'the built API to listen' });

    interface Outcome { person: Person; sentAt: number; answeredAt: number; status?: number; error?: string }
    const body = JSON.stringify({ courseId: course.id, sessionId: session.id });
    /** POST /api/enrolments on a connection of its own (agent: false); `hold` keeps the last bytes of the body back until it resolves. */
    const enrol = (person: Person, hold?: Promise<void>): Promise<Outcome> =>
      new Promise((resolve) => {
        const sentAt = performance.now();
        const req = httpRequest(
          { host: '127.0.0.1', port, method: 'POST', path: '/api/enrolments', agent: false, timeout: 20_000,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...person.auth } },
          (res) => {
            res.resume();
            res.on('error', (error: NodeJS.ErrnoException) => resolve({ person, sentAt, answeredAt: performance.now(), error: `answer cut off: ${error.code ?? error.message}` }));
            res.on('end', () => resolve({ person, sentAt, answeredAt: performance.now(), status: res.statusCode }));
          },
        );
        req.on('timeout', () => req.destroy(new Error('client timeout')));
        req.on('error', (error: NodeJS.ErrnoException) => resolve({ person, sentAt, answeredAt: performance.now(), error: error.code ?? error.message }));
        if (!hold) return void req.end(body);
        req.write(body.slice(0, 10));
        void hold.then(() => req.end(body.slice(10)));
      });

    // Five requests surely in flight: the API has their headers and part of the body when SIGTERM comes.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const inFlight = slow.map((person) => enrol(person, held));

    const outcomes: Outcome[] = [];
    let next = 0;
    const lanes = Array.from({ length: 10 }, async () => {
      while (next < people.length) {
        const outcome = await enrol(people[next++]);
        outcomes.push(outcome);
        if (outcome.error === 'ECONNREFUSED') return; // the port is closed: the stream ends
      }
    });
    await waitFor(async () => outcomes.filter((o) => o.status === 201).length, (n) => n >= 30, { timeoutMs: 30_000, intervalMs: 5, what: '30 enrolments answered' });
    const termAt = performance.now();
    const stopping = terminate(child);
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    const finished = await Promise.all(inFlight);
    await Promise.all(lanes);
    const stopped = await stopping;
    process.stdout.write(`API SIGTERM: ${JSON.stringify({ ms: stopped.ms, code: stopped.code, signal: stopped.signal, requests: outcomes.length, answeredAfter: outcomes.filter((o) => o.status && o.answeredAt > termAt).length, refused: outcomes.filter((o) => o.error).map((o) => o.error) })}\n`);

    expect(stopped.ms).toBeLessThan(ORCHESTRATOR_GRACE_MS);
    expect({ ...exit(stopped), stderr: child.stderr() }).toEqual({ clean: true, stderr: expect.not.stringMatching(/unhandled rejection|graceful shutdown after/i) });
    // The requests in flight at SIGTERM were finished, with a 2xx, after the signal.
    expect(finished.map((o) => ({ status: o.status ?? o.error, afterSignal: o.answeredAt > termAt }))).toEqual(slow.map(() => ({ status: 201, afterSignal: true })));

    // The stream: a 201, or a connection the API never took (refused, or reset in the listen backlog
    // as the port closed, with nothing written); never a 5xx or a hang.
    const db = api.app.get(DataSource);
    const all = [...outcomes, ...finished];
    expect(all.filter((o) => o.status !== undefined && o.status !== 201).map((o) => o.status)).toEqual([]);
    expect(all.filter((o) => o.error !== undefined && !['ECONNREFUSED', 'ECONNRESET'].includes(o.error)).map((o) => o.error)).toEqual([]);
    // No enrolment was written whose answer was lost, none answered is missing, and the seats add up.
    const state = await sessionState(api.app, session.id);
    const answered = all.filter((o) => o.status === 201).map((o) => o.person.user.id).sort();
    expect(state.enrolments.map((e) => e.user_id).sort()).toEqual(answered);
    expect(state.session.confirmed_count).toBe(state.confirmed.length);
    expect(state.session.waitlist_count).toBe(state.waitlisted.length);
    expect(state.confirmed.length).toBe(Math.min(25, answered.length));
    const [{ outbox }] = await db.query(
      `SELECT count(*)::int AS outbox FROM outbox_events WHERE topic IN ('enrolment.confirmed', 'enrolment.waitlisted') AND payload->>'sessionId' = $1`,
      [session.id],
    );
    expect(outbox).toBe(answered.length); // each answered enrolment published its one event in its transaction
  }, 60_000);
});
