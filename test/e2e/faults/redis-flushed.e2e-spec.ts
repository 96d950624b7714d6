import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Course } from '@schakel/catalogue';
import { JobProducer, QUEUES, QueueName } from '@schakel/jobs';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { freePort } from '../../support/free-port';
import { isolateRun } from '../../support/isolation';
import { DisposableRedis } from '../../support/redis-server';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import { insertOnlineCourse } from '../../factories/course.factory';
import { burstOfCompletions, expectExactlyOneEach, learners } from './fault-burst';

/** Issue 15's "Redis down 30 s": the whole outage, burst included (the file stays under a minute). */
const REDIS_DOWN_MS = 30_000;

/**
 * Fault suite: Redis dies during a burst and comes back empty (no jobs, no job schedulers).
 * This file runs its own redis-server on a free port (never the shared one) and its own
 * database; the API and worker of this file point at them only (Jest gives each file its own
 * process.env).
 */
describe('faults: Redis down during a burst, back empty', () => {
  let dropDatabase: () => Promise<void>;
  let redis: DisposableRedis;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  let course: Course;

  beforeAll(async () => {
    dropDatabase = await isolateRun('fredis');
    redis = new DisposableRedis(await freePort());
    await redis.start();
    sink = await startSmtpSink();
    process.env.REDIS_URL = redis.url;
    process.env.SMTP_URL = sink.url;
    process.env.MESSAGE_RETRY_DELAY_MS = '200';
    api = await startApi();
    course = await insertOnlineCourse(api.app, { title: 'Redis leeg' });
  });
  afterAll(async () => {
    await worker?.close();
    // BullMQ's close sends QUIT, which a producer connection without an offline queue refuses while it reconnects.
    const producer = api?.app.get(JobProducer);
    for (const name of QUEUES) {
      await waitFor(() => producer.queue(name).getJobCounts().then(() => true, () => false), (ok) => ok, { timeoutMs: 15_000, what: `queue ${name} connected` });
    }
    await api?.close();
    await redis?.kill();
    await sink?.stop();
    await dropDatabase?.();
  });

  const schedulers = async () => {
    const producer = api.app.get(JobProducer);
    const names = await Promise.all([QueueName.Maintenance, QueueName.Messages].map(async (q) => (await producer.queue(q).getJobSchedulers()).map((s) => s.key)));
    return names.flat().sort();
  };

  it('the schedulers come back by themselves, the outbox is relayed, and every certificate and mail comes exactly once', async () => {
    worker = await startWorker();
    expect(await schedulers()).toEqual(['maintenance-sweep', 'messages-sweep', 'outbox-relay']);
    const people = await learners(api.app, 20, 'redis');

    await redis.kill();
    const downAt = Date.now();
    // The completions are PostgreSQL's: they succeed with Redis gone, each with its outbox row.
    const burst = await burstOfCompletions(api.app, course.id, people);
    expect(new Set(burst.completionIds).size).toBe(20);
    const data = api.app.get(DataSource);
    const [{ pending }] = await data.query(
      `SELECT count(*)::int AS pending FROM outbox_events WHERE topic = 'course.completed' AND processed_at IS NULL AND payload->>'completionId' = ANY($1::text[])`,
      [burst.completionIds],
    );
    expect(pending).toBe(20);
    // The rest of the outage: the API answers and the worker waits; nothing may be lost meanwhile.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, REDIS_DOWN_MS - (Date.now() - downAt))));
    expect(sink.mails).toHaveLength(0);

    await redis.start(); // the same port, nothing in it
    await waitFor(() => schedulers().catch(() => []), (keys) => keys.length === 3, { timeoutMs: 20_000, intervalMs: 250, what: 'the job schedulers registered again' });
    expect(await schedulers()).toEqual(['maintenance-sweep', 'messages-sweep', 'outbox-relay']);
    // No nudge from here on: the relay scheduler alone finds the pending rows.
    await expectExactlyOneEach(api.app, sink, burst, 30_000);
    expect(sink.mails).toHaveLength(20);
  }, 75_000);
});
