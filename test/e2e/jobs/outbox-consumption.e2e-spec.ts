import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventConsumerRegistry, OutboxRepository } from '@schakel/jobs';
import { startWorker } from '../../support/app';

/**
 * `markConsumed` records a consumer's success and marks the event processed once every
 * consumer has handled it, in one round trip. The consumers of one event finish at the same
 * moment all the time (they run on different queues and workers): whoever comes last must
 * see the others and mark the row, or the event would be relayed again for nothing.
 */
describe('the outbox: an event is processed once all its consumers have handled it', () => {
  let worker: INestApplicationContext;
  let outbox: OutboxRepository;
  let data: DataSource;
  const consumers = ['certification', 'chain-report', 'messaging'];

  beforeAll(async () => {
    worker = await startWorker();
    outbox = worker.get(OutboxRepository);
    data = worker.get(DataSource);
  });
  afterAll(async () => {
    await worker.close();
  });

  const newEvents = async (count: number): Promise<string[]> => {
    const rows: Array<{ id: string }> = await data.query(
      `INSERT INTO outbox_events (topic, payload, available_at)
       SELECT 'certificate.issued', '{}'::jsonb, now() + interval '1 day' FROM generate_series(1, $1) RETURNING id`,
      [count],
    );
    return rows.map((r) => r.id);
  };
  const processed = async (ids: string[]): Promise<number> => {
    const [{ n }] = await data.query(`SELECT count(*)::int AS n FROM outbox_events WHERE id = ANY($1) AND processed_at IS NOT NULL`, [ids]);
    return n;
  };

  it('marks every event when all three consumers finish at the same moment, 40 events at once', async () => {
    const ids = await newEvents(40);
    await Promise.all(ids.flatMap((id) => consumers.map((consumer) => outbox.markConsumed(id, consumer, consumers))));
    expect(await processed(ids)).toBe(40);
    const [{ n }] = await data.query(`SELECT count(*)::int AS n FROM outbox_consumptions WHERE outbox_id = ANY($1)`, [ids]);
    expect(n).toBe(120);
  });

  it('waits for the last consumer: a repeated consumer counts once', async () => {
    const [id] = await newEvents(1);
    await outbox.markConsumed(id, 'certification', consumers);
    await outbox.markConsumed(id, 'chain-report', consumers);
    await outbox.markConsumed(id, 'chain-report', consumers); // a job that ran twice
    expect(await processed([id])).toBe(0);
    await outbox.markConsumed(id, 'messaging', consumers);
    expect(await processed([id])).toBe(1);
  });

  it('ends a job relayed before a release took the event from its consumer, without counting a failure', async () => {
    const [id] = await newEvents(1);
    // The chain report once handled `certificate.issued` itself; the certification job refreshes it now.
    const job = { outboxId: id, consumer: 'chain-report', event: 'certificate.issued' as const, payload: { certificateId: id, userId: id } };
    await expect(worker.get(EventConsumerRegistry).consume(job, 1)).resolves.toBeUndefined();
    const [row] = await data.query(`SELECT failure_count FROM outbox_events WHERE id = $1`, [id]);
    expect(row.failure_count).toBe(0);
    // A consumer this worker does not know at all is still an error (a worker built without it).
    await expect(worker.get(EventConsumerRegistry).consume({ ...job, consumer: 'badges' }, 1)).rejects.toThrow(/no consumer badges/);
  });

  it('refuses an id that is not a UUID and a consumer name that could not be a consumer’s, before any SQL', async () => {
    const [id] = await newEvents(1);
    await expect(outbox.markConsumed("x'; DROP TABLE outbox_events; --", 'messaging', consumers)).rejects.toThrow(/not a UUID/);
    await expect(outbox.markConsumed(id, "messaging'); --", consumers)).rejects.toThrow(/not a consumer name/);
    expect(await processed([id])).toBe(0);
  });
});
