import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventConsumerRegistry, OUTBOX_MAX_FAILURES, OutboxRepository } from '@schakel/jobs';
import { startApi, startWorker, TestApi } from '../../support/app';
import { createPerson, createPlatformAdmin, type Person } from '../../factories/person.factory';

describe('the outbox dead letter: bounded tries, visible to the platform admin, retried on request', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let admin: Person;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    admin = await createPlatformAdmin(api.app);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it(`an event that keeps failing stops after ${OUTBOX_MAX_FAILURES} tries, is listed with its last error, and can be retried`, async () => {
    const ds = api.app.get(DataSource);
    // A payload the certification consumer cannot handle: PostgreSQL refuses the id.
    const [{ id }]: Array<{ id: string }> = await ds.query(
      `INSERT INTO outbox_events (topic, payload, available_at) VALUES ('course.completed', '{"completionId":"kapot"}', now() + interval '1 day') RETURNING id`,
    );
    const job = { outboxId: id, consumer: 'certification', event: 'course.completed' as const, payload: { completionId: 'kapot' } };
    const registry = worker.get(EventConsumerRegistry);
    for (let attempt = 1; attempt < OUTBOX_MAX_FAILURES; attempt += 1) await expect(registry.consume(job)).rejects.toThrow();
    // The last failure sets it aside: the job ends (no BullMQ retries left to burn), the row is dead.
    await expect(registry.consume(job)).resolves.toBeUndefined();
    const [row] = await ds.query(`SELECT failure_count, dead_at, last_error FROM outbox_events WHERE id = $1`, [id]);
    expect(row.failure_count).toBe(OUTBOX_MAX_FAILURES);
    expect(row.dead_at).not.toBeNull();
    expect(row.last_error).toMatch(/^certification: /);

    // The relay no longer picks it up, however due it is.
    await ds.query(`UPDATE outbox_events SET available_at = now() - interval '1 hour' WHERE id = $1`, [id]); // dead rows are never claimed
    const claimed = await worker.get(OutboxRepository).claimDue(1000, 300);
    expect(claimed.map((e) => e.id)).not.toContain(id);

    const learner = await createPerson(api.app);
    expect((await api.http().get('/api/admin/failed-events').set(learner.auth)).status).toBe(403);
    const list = await api.http().get('/api/admin/failed-events?limit=100').set(admin.auth);
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThanOrEqual(1);
    const listed = list.body.items.find((e: { id: string }) => e.id === id);
    expect(listed).toMatchObject({ topic: 'course.completed', failureCount: OUTBOX_MAX_FAILURES, lastError: expect.stringMatching(/^certification: /) });

    const retry = await api.http().post(`/api/admin/failed-events/${id}/retry`).set(admin.auth);
    expect(retry.status).toBe(202);
    const [after] = await ds.query(`SELECT failure_count, dead_at FROM outbox_events WHERE id = $1`, [id]);
    expect(after).toEqual({ failure_count: 0, dead_at: null });
    expect((await api.http().post(`/api/admin/failed-events/${id}/retry`).set(admin.auth)).status).toBe(404);
    // settle it so other suites' relays leave it alone
    await ds.query(`UPDATE outbox_events SET processed_at = now() WHERE id = $1`, [id]);
  });

  it('processed events past retention are deleted; recent ones and pending ones stay', async () => {
    const ds = api.app.get(DataSource);
    const [{ id: old }] = await ds.query(`INSERT INTO outbox_events (topic, payload, processed_at) VALUES ('member.invited', '{}', now() - interval '200 days') RETURNING id`);
    const [{ id: recent }] = await ds.query(`INSERT INTO outbox_events (topic, payload, processed_at) VALUES ('member.invited', '{}', now() - interval '10 days') RETURNING id`);
    const user = await createPerson(api.app);
    await ds.query(
      `INSERT INTO message_deliveries (key, kind, user_id, state, sent_at, created_at) VALUES ($1, 'enrolment-confirmed', $2, 'sent', now() - interval '200 days', now() - interval '200 days')`,
      [`retention-test:${old}`, user.user.id],
    );
    await ds.query(`INSERT INTO caught_mails (message_id, recipient, subject, text, html, raw, created_at) VALUES ('<oud@schakel>', 'oud@example.org', 'Oud', '', '', '', now() - interval '200 days')`);
    const { MaintenanceService } = await import('../../../apps/worker/src/maintenance.service');
    const result = await worker.get(MaintenanceService).sweep();
    expect(result.outboxEvents).toBeGreaterThanOrEqual(1);
    expect(result.deliveries).toBeGreaterThanOrEqual(1);
    expect(result.caughtMails).toBeGreaterThanOrEqual(1);
    expect(await ds.query(`SELECT id FROM outbox_events WHERE id = ANY($1)`, [[old, recent]])).toEqual([{ id: recent }]);
    expect(await ds.query(`SELECT 1 FROM message_deliveries WHERE key = $1`, [`retention-test:${old}`])).toHaveLength(0);
  });
});
