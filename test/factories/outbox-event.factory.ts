import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobProducer, OutboxRepository, type EventName, type EventPayload } from '@schakel/jobs';

/** What a producer does in its transaction: a domain event on the outbox. */
export async function publishEvent<E extends EventName>(app: INestApplicationContext, event: E, payload: EventPayload<E>): Promise<void> {
  await app.get(DataSource).transaction((manager) => app.get(OutboxRepository).add(manager, event, payload));
}

/** The payloads of the outbox rows of one event (of one session, if given), oldest first. */
export async function outboxRows(app: INestApplicationContext, kind: string, sessionId?: string): Promise<Array<{ userId?: string; enrolmentId?: string; sequence?: number }>> {
  const rows: Array<{ payload: { userId?: string; enrolmentId?: string; sequence?: number } }> = await app.get(DataSource).query(
    `SELECT payload FROM outbox_events WHERE topic = $1 AND ($2::text IS NULL OR payload->>'sessionId' = $2) ORDER BY created_at`,
    [kind, sessionId ?? null],
  );
  return rows.map((r) => r.payload);
}

/** Asks the worker's relay to run now (best effort, as the API does after a commit). */
export function nudge(app: INestApplicationContext): void {
  app.get(JobProducer).nudgeOutboxRelay();
}
