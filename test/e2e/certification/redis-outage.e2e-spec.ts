import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Course } from '@schakel/catalogue';
import { EventConsumerRegistry, JobProducer, OutboxRelay, OutboxRepository, QUEUES, QueueName } from '@schakel/jobs';
import { startApi, startWorker, TestApi } from '../../support/app';
import { freePort } from '../../support/free-port';
import { createScratchDatabase, DisposableRedis } from '../../support/redis-server';
import { waitFor } from '../../support/wait-for';
import { completeCourse } from '../../factories/completion.factory';
import { insertOnlineCourse } from '../../factories/course.factory';
import { nudge } from '../../factories/outbox-event.factory';
import { createPerson } from '../../factories/person.factory';

/**
 * Redis is only a carrier: completions are stored with their outbox rows in PostgreSQL,
 * so they succeed while Redis is down, and their certificates follow once it is back,
 * even when Redis comes back empty. This file runs its own redis-server (to kill it) and
 * its own database (so no other suite's worker relays these outbox rows meanwhile).
 */
describe('certificates when Redis goes away', () => {
  const saved = { redis: process.env.REDIS_URL, database: process.env.DATABASE_URL };
  let redis: DisposableRedis;
  let dropDatabase: () => Promise<void>;
  let api: TestApi;
  let course: Course;

  beforeAll(async () => {
    redis = new DisposableRedis(await freePort());
    await redis.start();
    const scratch = await createScratchDatabase(saved.database as string, `schakel_redis_${randomBytes(4).toString('hex')}`);
    dropDatabase = scratch.drop;
    process.env.REDIS_URL = redis.url;
    process.env.DATABASE_URL = scratch.url;
    api = await startApi();
    course = await insertOnlineCourse(api.app, { title: 'Zonder Redis' });
  });
  afterAll(async () => {
    // Close only once the API's queue connections are back: BullMQ's close sends QUIT,
    // which a producer connection without an offline queue refuses while it reconnects.
    const producer = api?.app.get(JobProducer);
    for (const name of QUEUES) {
      await waitFor(() => producer.queue(name).getJobCounts().then(() => true, () => false), (ok) => ok, { timeoutMs: 15_000, what: `queue ${name} connected` });
    }
    await api?.close();
    process.env.REDIS_URL = saved.redis;
    process.env.DATABASE_URL = saved.database;
    await redis?.kill();
    await dropDatabase?.();
  });

  const data = () => api.app.get(DataSource);
  const issuedFor = async (completionIds: string[]) => {
    const rows: Array<{ completion_id: string; n: number }> = await data().query(
      `SELECT completion_id, count(*)::int AS n FROM certificates WHERE completion_id = ANY($1) AND state = 'issued' GROUP BY completion_id`,
      [completionIds],
    );
    return rows;
  };

  it('accepts 20 completions while Redis is down, and issues exactly 20 certificates after it comes back empty', async () => {
    const worker = await startWorker();
    try {
      const people = await Promise.all(Array.from({ length: 20 }, () => createPerson(api.app)));
      await redis.kill();

      const completionIds = await Promise.all(
        people.map(async (person) => {
          const id = await completeCourse(api.app, person.user.id, course.id);
          nudge(api.app); // what the API does after a commit; with Redis down it is skipped quietly
          return id;
        }),
      );
      expect(new Set(completionIds).size).toBe(20);
      expect(await issuedFor(completionIds)).toEqual([]);

      await redis.start(); // the same port, nothing in it: no jobs, no job scheduler
      // No nudge from here on: the worker reconnects, registers its relay scheduler again and relays.
      const issued = await waitFor(() => issuedFor(completionIds), (rows) => rows.length === 20, { timeoutMs: 60_000, intervalMs: 250, what: '20 certificates' });
      expect(issued.every((r) => r.n === 1)).toBe(true);
      const [all] = await data().query(`SELECT count(*)::int AS n FROM certificates WHERE completion_id = ANY($1)`, [completionIds]);
      expect(all.n).toBe(20);
    } finally {
      await worker.close();
    }
  });

  it('re-relays jobs that Redis lost (relayed, then flushed by a restart) once they are due again', async () => {
    const people = await Promise.all(Array.from({ length: 5 }, () => createPerson(api.app)));
    const completionIds = await Promise.all(people.map((p) => completeCourse(api.app, p.user.id, course.id)));
    // No worker runs: a relay (with certification as its consumer, as in the worker) puts the
    // jobs in Redis, and pushes the rows' next relay 5 minutes ahead.
    const outbox = api.app.get(OutboxRepository);
    const consumers = new EventConsumerRegistry(outbox, [{ name: 'certification', queue: QueueName.Certificates, handlers: { 'course.completed': async () => undefined } }]);
    expect(await new OutboxRelay(outbox, api.app.get(JobProducer), consumers).relayDue()).toBeGreaterThanOrEqual(5);
    await redis.kill();
    await redis.start(); // the jobs are gone

    let worker: INestApplicationContext | undefined;
    try {
      worker = await startWorker();
      // The reconciler relays a row again OUTBOX_STALL_SECONDS (5 minutes) after its last relay
      // when its job has not finished; make that moment now instead of waiting 5 minutes.
      await data().query(
        `UPDATE outbox_events SET available_at = now() WHERE processed_at IS NULL AND topic = 'course.completed' AND payload->>'completionId' = ANY($1)`,
        [completionIds],
      );
      const issued = await waitFor(() => issuedFor(completionIds), (rows) => rows.length === 5, { timeoutMs: 30_000, intervalMs: 250, what: '5 certificates' });
      expect(issued.every((r) => r.n === 1)).toBe(true);
    } finally {
      await worker?.close();
    }
  });
});
