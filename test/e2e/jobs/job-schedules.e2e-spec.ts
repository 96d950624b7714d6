import type { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { JobProducer } from '@schakel/jobs';
import { startWorker } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { waitFor } from '../../support/wait-for';

describe('the worker keeps its job schedulers after Redis forgets them', () => {
  let worker: INestApplicationContext;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    dropDatabase = await isolateRun('schedules');
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker.close();
    await dropDatabase();
  });

  const schedulerIds = async () => {
    const producer = worker.get(JobProducer);
    const [relay, sweep] = await Promise.all([
      producer.queue('maintenance').getJobSchedulers(),
      producer.queue('messages').getJobSchedulers(),
    ]);
    return [...relay, ...sweep].map((s) => s.key ?? s.id).sort();
  };

  it('registers the outbox relay and the reminder sweep, and registers them again after a flush', async () => {
    expect(await schedulerIds()).toEqual(['maintenance-sweep', 'messages-sweep', 'outbox-relay']);
    // Redis restarted without persistence: every key of this run's queues is gone.
    const redis = new Redis(process.env.REDIS_URL as string);
    try {
      const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    expect(await schedulerIds()).toEqual([]);
    await waitFor(schedulerIds, (ids) => ids.length === 3, { timeoutMs: 20_000, what: 'the schedulers to be back' });
    expect(await schedulerIds()).toEqual(['maintenance-sweep', 'messages-sweep', 'outbox-relay']);
  });
});
