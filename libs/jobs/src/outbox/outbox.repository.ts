import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { uuidLiteral } from '@schakel/common';
import type { EventName, EventPayload } from '../events/domain-events';

/** What an event consumer may be called (they go into SQL text in `markConsumed`). */
export const CONSUMER_NAME = /^[a-z][a-z0-9-]{0,62}$/;

export interface ClaimedOutboxEvent {
  id: string;
  event: EventName;
  payload: Record<string, unknown>;
  relayCount: number;
  /** Consumers that have already handled this event (an earlier relay). */
  consumedBy: string[];
}

export interface DeadLetter {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  failureCount: number;
  lastError: string | null;
  lastFailedAt: Date;
  deadAt: Date;
  createdAt: Date;
}

@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an event inside the caller's transaction, so it exists if and only if the change does. */
  async add<E extends EventName>(manager: EntityManager, event: E, payload: EventPayload<E>): Promise<void> {
    await manager.query(`INSERT INTO outbox_events (topic, payload) VALUES ($1, $2)`, [event, JSON.stringify(payload)]);
  }

  /** Many events of one kind in one statement (an import batch's invitations), in the caller's transaction. */
  async addMany<E extends EventName>(manager: EntityManager, event: E, payloads: ReadonlyArray<EventPayload<E>>): Promise<void> {
    if (payloads.length === 0) return;
    await manager.query(`INSERT INTO outbox_events (topic, payload) SELECT $1, p FROM unnest($2::jsonb[]) AS p`, [
      event,
      payloads.map((payload) => JSON.stringify(payload)),
    ]);
  }

  /**
   * Claims a batch of due rows for relaying and pushes their next relay moment
   * forward by `stallSeconds`: a row whose jobs never finish (Redis flushed, worker
   * killed) is relayed again then. SKIP LOCKED lets several relays run side by side.
   */
  async claimDue(limit: number, stallSeconds: number): Promise<ClaimedOutboxEvent[]> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, affectedCount].
    const [rows]: [Array<{ id: string; topic: EventName; payload: Record<string, unknown>; relay_count: number; consumed_by: string[] }>, number] =
      await this.dataSource.query(
        `UPDATE outbox_events o
            SET relayed_at = now(), relay_count = o.relay_count + 1,
                available_at = now() + make_interval(secs => $2)
          WHERE o.id IN (SELECT id FROM outbox_events
                          WHERE processed_at IS NULL AND dead_at IS NULL AND available_at <= now()
                          ORDER BY available_at
                          LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING o.id, o.topic, o.payload, o.relay_count,
                  CASE WHEN o.relay_count > 1
                       THEN ARRAY(SELECT c.consumer FROM outbox_consumptions c WHERE c.outbox_id = o.id)
                       ELSE '{}'::text[] END AS consumed_by`,
        [limit, stallSeconds],
      );
    return rows.map((r) => ({ id: r.id, event: r.topic, payload: r.payload, relayCount: r.relay_count, consumedBy: r.consumed_by }));
  }

  /** Makes claimed rows due again at once (the enqueue failed, e.g. Redis is down). */
  async release(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(`UPDATE outbox_events SET available_at = now() WHERE id = ANY($1)`, [ids]);
  }

  async markProcessed(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(`UPDATE outbox_events SET processed_at = now() WHERE id = ANY($1) AND processed_at IS NULL`, [ids]);
  }

  /**
   * Records that `consumer` handled the event, and marks the row processed once all of
   * `consumers` have. One round trip: three statements as one simple query, which PostgreSQL
   * runs as one transaction with a snapshot per statement. The event's row is locked first, so
   * the consumers of one event take turns: the count of whoever comes last is taken after the
   * others committed, sees every consumption and marks the row. (A simple query takes no
   * parameters: the id is checked to be a UUID, consumer names are the code's own.)
   */
  async markConsumed(id: string, consumer: string, consumers: readonly string[]): Promise<void> {
    if (consumers.length <= 1) return this.markProcessed([id]);
    const event = uuidLiteral(id);
    const names = [consumer, ...consumers].map((name) => {
      if (!CONSUMER_NAME.test(name)) throw new Error(`not a consumer name: ${JSON.stringify(name).slice(0, 60)}`);
      return `'${name}'`;
    });
    await this.dataSource.query(
      [
        `SELECT 1 FROM outbox_events WHERE id = ${event} FOR UPDATE`,
        `INSERT INTO outbox_consumptions (outbox_id, consumer) VALUES (${event}, ${names[0]}) ON CONFLICT DO NOTHING`,
        `UPDATE outbox_events SET processed_at = now()
          WHERE id = ${event} AND processed_at IS NULL
            AND (SELECT count(*) FROM outbox_consumptions WHERE outbox_id = ${event} AND consumer IN (${names.slice(1).join(', ')})) = ${consumers.length}`,
      ].join(';\n'),
    );
  }

  async countPending(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE processed_at IS NULL AND dead_at IS NULL`);
    return (row as { n: number }).n;
  }

  /** True when the event was set aside: its remaining jobs do nothing. */
  async isDead(id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM outbox_events WHERE id = $1 AND dead_at IS NOT NULL`, [id]);
    return rows.length > 0;
  }

  /** Counts one failed handling with its error; the `maxFailures`-th sets the event aside. Returns whether it is now dead. */
  async recordFailure(id: string, error: string, maxFailures: number): Promise<boolean> {
    const [rows]: [Array<{ dead: boolean }>, number] = await this.dataSource.query(
      `UPDATE outbox_events
          SET failure_count = failure_count + 1, last_error = left($2, 2000), last_failed_at = now(),
              dead_at = CASE WHEN failure_count + 1 >= $3 THEN coalesce(dead_at, now()) ELSE dead_at END
        WHERE id = $1 AND processed_at IS NULL
      RETURNING dead_at IS NOT NULL AS dead`,
      [id, error, maxFailures],
    );
    return rows[0]?.dead ?? false;
  }

  async deadLetters(limit: number, offset: number): Promise<{ items: DeadLetter[]; total: number }> {
    const rows: Array<DeadLetter & { total: number }> = await this.dataSource.query(
      `SELECT id, topic, payload, failure_count AS "failureCount", last_error AS "lastError", last_failed_at AS "lastFailedAt",
              dead_at AS "deadAt", created_at AS "createdAt", count(*) OVER ()::int AS total
         FROM outbox_events WHERE dead_at IS NOT NULL AND processed_at IS NULL
        ORDER BY dead_at DESC, id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const total = rows[0]?.total ?? (offset > 0 ? await this.countDead() : 0);
    return { items: rows.map(({ total: _total, ...item }) => item), total };
  }

  private async countDead(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE dead_at IS NOT NULL AND processed_at IS NULL`);
    return (row as { n: number }).n;
  }

  /** Brings a dead event back: relayed at once with a fresh failure budget. False when there is no such dead event. */
  async revive(id: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE outbox_events SET dead_at = NULL, failure_count = 0, available_at = now()
        WHERE id = $1 AND dead_at IS NOT NULL AND processed_at IS NULL`,
      [id],
    );
    return affected > 0;
  }

  /** Retention: processed events older than `days` (their consumptions go with them, ON DELETE CASCADE). */
  async purgeProcessed(days: number, batch = 5_000): Promise<number> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM outbox_events WHERE id IN (
         SELECT id FROM outbox_events WHERE processed_at IS NOT NULL AND processed_at < now() - make_interval(days => $1) LIMIT $2)`,
      [days, batch],
    );
    return affected;
  }
}
