import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { JobData, JobName } from './job-catalogue';

export interface ClaimedOutboxEvent {
  id: string;
  topic: JobName;
  payload: Record<string, unknown>;
  relayCount: number;
}

@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records work inside the caller's transaction, so it exists if and only if the change does. */
  async add<N extends JobName>(manager: EntityManager, topic: N, payload: JobData<N>): Promise<void> {
    await manager.query(`INSERT INTO outbox_events (topic, payload) VALUES ($1, $2)`, [topic, JSON.stringify(payload)]);
  }

  /**
   * Claims a batch of due rows for relaying and pushes their next relay moment
   * forward by `stallSeconds`: a row whose job never finishes (Redis flushed, worker
   * killed) is relayed again then. SKIP LOCKED lets several relays run side by side.
   */
  async claimDue(limit: number, stallSeconds: number): Promise<ClaimedOutboxEvent[]> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, affectedCount].
    const [rows]: [Array<{ id: string; topic: JobName; payload: Record<string, unknown>; relay_count: number }>, number] =
      await this.dataSource.query(
        `UPDATE outbox_events o
            SET relayed_at = now(), relay_count = o.relay_count + 1,
                available_at = now() + make_interval(secs => $2)
          WHERE o.id IN (SELECT id FROM outbox_events
                          WHERE processed_at IS NULL AND available_at <= now()
                          ORDER BY available_at
                          LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING o.id, o.topic, o.payload, o.relay_count`,
        [limit, stallSeconds],
      );
    return rows.map((r) => ({ id: r.id, topic: r.topic, payload: r.payload, relayCount: r.relay_count }));
  }

  /** Makes claimed rows due again at once (the enqueue failed, e.g. Redis is down). */
  async release(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(`UPDATE outbox_events SET available_at = now() WHERE id = ANY($1)`, [ids]);
  }

  /** With a manager, inside the caller's transaction: processed if and only if the work committed. */
  async markProcessed(id: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource).query(`UPDATE outbox_events SET processed_at = now() WHERE id = $1 AND processed_at IS NULL`, [id]);
  }

  async countPending(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE processed_at IS NULL`);
    return (row as { n: number }).n;
  }
}
