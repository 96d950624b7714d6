import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { JobProducer, QueueName } from '@schakel/jobs';
import { startApi, type TestApi } from '../../support/app';
import { DisposablePostgres } from '../../support/disposable-postgres';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import { addLessons } from '../../factories/lesson.factory';
import { createCourse, insertCourse, publish } from '../../factories/course.factory';
import { enrol } from '../../factories/enrolment.factory';
import { createTrainer } from '../../factories/organisation.factory';
import { createLearners, type Person } from '../../factories/person.factory';
import { insertSessionIn, sessionState } from '../../factories/session.factory';
import { expectExactlyOneEach } from './fault-burst';

const WORKER = join(process.cwd(), 'dist/apps/worker/src/main.js');
/** How long the cluster stays down in the middle of the storm. */
const DOWN_MS = 5_000;
/** A client's patience per request: an answer must come before it (503 included). */
const CLIENT_TIMEOUT_MS = 10_000;
const CAPACITY = 30;

/**
 * Fault suite: PostgreSQL restarted in the middle of a storm of enrolments and completions.
 * The cluster is this file's own (initdb into a temporary folder, its own port), never the
 * shared server; the API of this file (in process, `startApi` with that DATABASE_URL) and a
 * built worker process use it. Every answer is a 2xx or a 503 (with Retry-After), none a 500
 * or a hang; clients retry their 503s, and afterwards the seats and the certificates add up.
 */
describe('faults: PostgreSQL restarted mid-storm', () => {
  let cluster: DisposablePostgres;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: ChildProcess | undefined;
  let workerLog = '';
  const env: Record<string, string> = {};

  beforeAll(async () => {
    cluster = await DisposablePostgres.create();
    await cluster.start();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runMigrations } = require('../../../dist/libs/database/src/migrate.js') as { runMigrations: (url: string) => Promise<void> };
    await runMigrations(cluster.url());
    sink = await startSmtpSink();
    Object.assign(env, {
      DATABASE_URL: cluster.url(),
      // Jobs of this file only (another file's worker on the shared Redis never takes them).
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-fpg-${randomUUID().slice(0, 8)}`,
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      DATABASE_POOL_SIZE: '10',
      SMTP_URL: sink.url,
      MESSAGE_RETRY_DELAY_MS: '200',
      SWEEP_INTERVAL_SECONDS: '1',
    });
    api = await startApi(env);
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      await new Promise((resolve) => {
        worker!.once('exit', resolve);
        worker!.kill('SIGKILL');
      });
    }
    await api?.close().catch(() => undefined);
    await sink?.stop();
    await cluster?.destroy();
  });

  it('during the storm only 2xx and 503; afterwards no seat lost or doubled, one certificate and one mail per completion', async () => {
    const trainer = await createTrainer(api.app);
    const live = await insertCourse(api.app, { author: trainer, title: 'Herstart sessie' });
    const session = await insertSessionIn(api.app, live.id, 72, { capacity: CAPACITY });
    // An online course of one lesson and no quiz: completing the lesson completes the course.
    const online = await createCourse(api, trainer, { format: 'online', title: 'Herstart online' });
    await addLessons(api, trainer, online, 1);
    await publish(api, trainer, online.id);
    const [seekers, finishers] = await Promise.all([createLearners(api.app, 60), createLearners(api.app, 40)]);
    const onlineEnrolments = new Map<Person, string>();
    for (const person of finishers) onlineEnrolments.set(person, await enrol(api, person, online.id));

    worker = spawn(process.execPath, [WORKER], { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    worker.stderr?.on('data', (chunk: Buffer) => (workerLog = (workerLog + chunk.toString()).slice(-8000)));
    // Started (its schedulers registered) before the storm: this is a restart under a running worker.
    const producer = api.app.get(JobProducer);
    await waitFor(
      async () => (await Promise.all([QueueName.Maintenance, QueueName.Messages].map((q) => producer.queue(q).getJobSchedulers()))).flat().length,
      (n) => n === 3,
      { timeoutMs: 30_000, intervalMs: 100, what: 'the worker started' },
    );

    interface Answer { at: number; status: number; retryAfter?: string; body?: unknown }
    const answers: Answer[] = [];
    const started = Date.now();
    /** One client's request, repeated after each 503 (as Retry-After asks, sooner here) until a 2xx. */
    const persist = async (send: () => PromiseLike<{ status: number; headers: Record<string, string>; body: unknown }>): Promise<number> => {
      for (;;) {
        const response = await Promise.race([
          Promise.resolve(send()),
          new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('client timeout')), CLIENT_TIMEOUT_MS).unref()),
        ]);
        answers.push({ at: Date.now() - started, status: response.status, retryAfter: response.headers['retry-after'], body: response.status >= 500 ? response.body : undefined });
        if (response.status !== 503) return response.status;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    };
    const jobs: Array<() => Promise<number>> = [
      ...seekers.map((person) => () => persist(() => api.http().post('/api/enrolments').set(person.auth).send({ courseId: live.id, sessionId: session.id }))),
      ...finishers.map((person) => () =>
        persist(() => api.http().post(`/api/enrolments/${onlineEnrolments.get(person)}/lessons/${online.lessonIds[0]}/complete`).set(person.auth))),
    ].sort(() => Math.random() - 0.5);

    // The storm: 8 clients at a time, spread over the restart (each job waits a little first).
    let next = 0;
    const results: number[] = [];
    const lanes = Array.from({ length: 8 }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        results.push(await job());
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
    });
    await waitFor(async () => answers.length, (n) => n >= 15, { timeoutMs: 20_000, intervalMs: 10, what: 'the storm under way' });
    const restart = (async () => {
      const downAt = Date.now() - started;
      await cluster.stop();
      await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
      await cluster.start();
      return { downAt, upAt: Date.now() - started };
    })();
    await Promise.all(lanes);
    const { downAt, upAt } = await restart;

    const by = (status: number) => answers.filter((a) => a.status === status).length;
    process.stdout.write(`postgres restart: down ${downAt}..${upAt} ms, ${answers.length} answers: ${JSON.stringify({ 200: by(200), 201: by(201), 503: by(503) })}, answered in the outage: ${answers.filter((a) => a.at > downAt && a.at < upAt).length}\n`);

    // Only 2xx and 503, every 503 with Retry-After; the outage was really met.
    expect(answers.filter((a) => a.status !== 200 && a.status !== 201 && a.status !== 503)).toEqual([]);
    expect(answers.filter((a) => a.status === 503 && !(Number(a.retryAfter) > 0))).toEqual([]);
    expect(by(503)).toBeGreaterThan(0);
    expect(results.filter((s) => s === 201)).toHaveLength(seekers.length);
    expect(results.filter((s) => s === 200)).toHaveLength(finishers.length);
    expect({ exit: worker.exitCode, log: worker.exitCode === null ? '' : workerLog }).toEqual({ exit: null, log: '' }); // the worker rode out the restart

    // Seats: one enrolment per person, the counters equal the rows, capacity never exceeded.
    const state = await sessionState(api.app, session.id);
    expect(state.enrolments).toHaveLength(seekers.length);
    expect(new Set(state.enrolments.map((e) => e.user_id)).size).toBe(seekers.length);
    expect(state.confirmed).toHaveLength(CAPACITY);
    expect(state.session.confirmed_count).toBe(CAPACITY);
    expect(state.waitlisted).toHaveLength(seekers.length - CAPACITY);
    expect(state.session.waitlist_count).toBe(seekers.length - CAPACITY);
    expect(state.positions).toEqual(Array.from({ length: seekers.length - CAPACITY }, (_, i) => i + 1));

    // Completions: one each, and each ends with one issued certificate and one mail.
    const data = api.app.get(DataSource);
    const completions: Array<{ id: string; user_id: string }> = await data.query(
      `SELECT id, user_id FROM completions WHERE course_id = $1`,
      [online.id],
    );
    expect(completions).toHaveLength(finishers.length);
    expect(new Set(completions.map((c) => c.user_id)).size).toBe(finishers.length);
    try {
      await expectExactlyOneEach(api.app, sink, { people: finishers, completionIds: completions.map((c) => c.id) }, 30_000);
    } finally {
      if (worker.exitCode !== null) process.stderr.write(`worker exited ${worker.exitCode}: ${workerLog}\n`);
    }
  }, 90_000);
});
