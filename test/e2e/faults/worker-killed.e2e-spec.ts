import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { Course } from '@schakel/catalogue';
import { startApi, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import { insertOnlineCourse } from '../../factories/course.factory';
import { burstOfCompletions, expectExactlyOneEach, learners } from './fault-burst';

const WORKER = join(process.cwd(), 'dist/apps/worker/src/main.js');

/**
 * Fault suite: the built worker (dist/apps/worker/src/main.js, as `npm start` runs it) is
 * killed with SIGKILL in the middle of a burst, while mails are on the wire; another worker
 * process takes over. Needs a current build in dist/ (`npm run build` first, as `npm test` does).
 */
describe('faults: the worker process killed mid-burst', () => {
  let dropDatabase: () => Promise<void>;
  let sink: SmtpSink;
  let api: TestApi;
  let course: Course;
  const children: ChildProcess[] = [];

  function spawnWorker(): ChildProcess {
    const child = spawn(process.execPath, [WORKER], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        SMTP_URL: sink.url,
        MESSAGE_RETRY_DELAY_MS: '200',
        // The sweep re-enqueues a delivery whose worker died (once its claim lease is over: see below).
        SWEEP_INTERVAL_SECONDS: '1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once('exit', (code, signal) => {
      if (code) process.stderr.write(`worker ${child.pid} exited ${code}: ${stderr}\n`);
      void signal;
    });
    children.push(child);
    return child;
  }

  function kill(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  beforeAll(async () => {
    dropDatabase = await isolateRun('fkill');
    sink = await startSmtpSink();
    api = await startApi();
    course = await insertOnlineCourse(api.app, { title: 'Werker gevallen' });
  });
  afterAll(async () => {
    await Promise.all(children.map(kill));
    await api?.close();
    await sink?.stop();
    await dropDatabase?.();
  });

  it('SIGKILL while certificates are issued and mails are on the wire; a new worker process ends with one certificate and one mail each', async () => {
    const people = await learners(api.app, 40, 'kill');
    const data = api.app.get(DataSource);
    const issued = async () =>
      ((await data.query(`SELECT count(*)::int AS n FROM certificates c JOIN completions k ON k.id = c.completion_id WHERE k.course_id = $1 AND c.state = 'issued'`, [course.id])) as Array<{ n: number }>)[0].n;

    // Every mail waits 300 ms for the server's final reply: a kill then finds some on the wire.
    sink.delayMs = 300;
    const doomed = spawnWorker();
    const burst = await burstOfCompletions(api.app, course.id, people);
    await waitFor(async () => sink.receiving, (n) => n >= 3, { timeoutMs: 30_000, intervalMs: 20, what: 'mails on the wire' });
    await kill(doomed);
    const atKill = { issued: await issued(), mailed: sink.mails.length };
    expect(atKill.mailed).toBeLessThan(40); // really mid-burst

    sink.delayMs = 0;
    // What the clock would do in 5 minutes (the outbox's stall time, the claim lease): make it now.
    await data.query(`UPDATE outbox_events SET available_at = now() WHERE processed_at IS NULL`);
    await data.query(`UPDATE message_deliveries SET updated_at = now() - interval '10 minutes', claimed_at = claimed_at - interval '10 minutes' WHERE state IN ('pending', 'claimed', 'failed')`);
    spawnWorker();
    try {
      // A job that was active in the killed worker returns through BullMQ's stalled check (30 s): wait past it.
      await expectExactlyOneEach(api.app, sink, burst, 75_000);
      expect(sink.mails).toHaveLength(40);
    } finally {
      process.stdout.write(`worker killed at ${JSON.stringify(atKill)}; dropped on the wire: ${sink.dropped}; mails: ${sink.mails.length}\n`);
    }
  }, 120_000);
});
