import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DeliveryState, DeliverySubject } from './entities/message-delivery.entity';
import type { MessageKind } from './kinds';
import { recipientJson, type Recipient } from './message-context.repository';
import { DUE_EXPIRY_NOTICES_SQL, DUE_NUDGES_SQL, DUE_REMINDERS_SQL } from './sweep.queries';

export interface NewDelivery {
  key: string;
  kind: MessageKind;
  userId: string;
  subject: DeliverySubject;
}

export interface DeliveryRef {
  id: string;
  attempts: number;
}

export interface ClaimedDelivery {
  id: string;
  key: string;
  kind: string;
  userId: string;
  subject: DeliverySubject;
  attempts: number;
  claimToken: string;
  /** Read by the claim's own statement; null when she no longer exists. */
  recipient: Recipient | null;
}

export type ClaimResult =
  | { outcome: 'claimed'; delivery: ClaimedDelivery }
  | { outcome: 'held'; delivery: ClaimedDelivery; sentToday: number }
  /** Someone else owns it (a live claim) or it is finished: nothing to do. */
  | { outcome: 'not-ours'; state: DeliveryState | 'missing' };

/** After this many attempts a delivery stays failed (and is logged); the sweep stops retrying it. */
export const MAX_DELIVERY_ATTEMPTS = 20;

/** The daily limit per recipient: messages of `limitedKinds` beyond `perDay` are held. */
export interface DailyLimit {
  limitedKinds: readonly string[];
  perDay: number;
}

interface ClaimRow {
  id: string;
  key: string;
  kind: string;
  user_id: string;
  subject: DeliverySubject;
  attempts: number;
  claim_token: string;
  recipient: Recipient | null;
}

@Injectable()
export class DeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records decided messages (existing keys are left alone) and returns those still to send:
   * the new rows and the earlier ones still pending or failed (a retried event), in one
   * statement. Its SELECT reads the snapshot from before the INSERT, so no row comes twice; a
   * row another job inserts at the same moment is that job's to send.
   */
  async addPending(rows: NewDelivery[], manager: EntityManager = this.dataSource.manager): Promise<DeliveryRef[]> {
    if (rows.length === 0) return [];
    return manager.query(
      `WITH added AS (
         INSERT INTO message_deliveries (key, kind, user_id, subject)
         SELECT r.key, r.kind, r.user_id, r.subject
           FROM jsonb_to_recordset($1::jsonb) AS r(key text, kind text, user_id uuid, subject jsonb)
         ON CONFLICT (key) DO NOTHING
         RETURNING id, attempts)
       SELECT id, attempts FROM added
       UNION ALL
       SELECT id, attempts FROM message_deliveries WHERE key = ANY($2) AND state IN ('pending', 'failed')`,
      [JSON.stringify(rows.map((r) => ({ key: r.key, kind: r.kind, user_id: r.userId, subject: r.subject }))), rows.map((r) => r.key)],
    );
  }

  /**
   * Takes a delivery for one attempt: pending or failed rows, or a claim whose lease ran
   * out (its worker died). Per recipient the claims take turns (an advisory lock), so the
   * daily limit counts every other live claim and sent message: `limited` kinds beyond
   * it are held, never sent.
   */
  async claim(id: string, leaseSeconds: number, limit: DailyLimit): Promise<ClaimResult> {
    // Kinds outside the limit (confirmations, certificates: most mail) in one statement, its
    // own transaction: the recipient's lock is held until it commits, so a limited claim
    // waiting for the lock counts this one. Anything else (a limited kind, a row that is not
    // ours) takes the transaction below.
    const [fast]: [ClaimRow[], number] = await this.dataSource.query(
      `WITH owner AS (
         SELECT kind, pg_advisory_xact_lock(hashtext('message-recipient:' || user_id)) AS locked
           FROM message_deliveries WHERE id = $1 AND NOT (kind = ANY($3::text[])))
       UPDATE message_deliveries d
          SET state = 'claimed', claim_token = gen_random_uuid(), claimed_at = now(), updated_at = now(),
              attempts = d.attempts + 1
         FROM owner
        WHERE d.id = $1
          AND (d.state IN ('pending', 'failed')
               OR (d.state = 'claimed' AND d.claimed_at < now() - make_interval(secs => $2)))
      RETURNING d.id, d.key, d.kind, d.user_id, d.subject, d.attempts, d.claim_token, ${recipientJson('d.user_id')} AS recipient`,
      [id, leaseSeconds, limit.limitedKinds],
    );
    if (fast.length > 0) return { outcome: 'claimed', delivery: toClaimed(fast[0]) };
    return this.claimCounting(id, leaseSeconds, limit);
  }

  private claimCounting(id: string, leaseSeconds: number, limit: DailyLimit): Promise<ClaimResult> {
    return this.dataSource.transaction(async (manager) => {
      // The row's recipient and kind, and her lock in the same round trip: the statements
      // after it take their snapshots once the lock is held, so they see every earlier claim.
      const [owner]: Array<{ kind: string }> = await manager.query(
        `SELECT kind, pg_advisory_xact_lock(hashtext('message-recipient:' || user_id)) FROM message_deliveries WHERE id = $1`,
        [id],
      );
      if (!owner) return { outcome: 'not-ours', state: 'missing' } as const;
      // TypeORM answers an UPDATE ... RETURNING with [rows, affectedCount].
      const [claimed]: [ClaimRow[], number] = await manager.query(
        `UPDATE message_deliveries
            SET state = 'claimed', claim_token = gen_random_uuid(), claimed_at = now(), updated_at = now(),
                attempts = attempts + 1
          WHERE id = $1
            AND (state IN ('pending', 'failed')
                 OR (state = 'claimed' AND claimed_at < now() - make_interval(secs => $2)))
        RETURNING id, key, kind, user_id, subject, attempts, claim_token, ${recipientJson('message_deliveries.user_id')} AS recipient`,
        [id, leaseSeconds],
      );
      if (claimed.length === 0) {
        const [row] = await manager.query(`SELECT state FROM message_deliveries WHERE id = $1`, [id]);
        return { outcome: 'not-ours', state: (row?.state ?? 'missing') as DeliveryState } as const;
      }
      const delivery = toClaimed(claimed[0]);
      if (!limit.limitedKinds.includes(owner.kind)) return { outcome: 'claimed', delivery } as const;
      const [{ n }] = await manager.query(
        `SELECT count(*)::int AS n FROM message_deliveries
          WHERE user_id = $1 AND id <> $2 AND updated_at > now() - interval '1 day'
            AND (state = 'sent' AND sent_at > now() - interval '1 day'
                 OR state = 'claimed' AND claimed_at > now() - make_interval(secs => $3))`,
        [delivery.userId, id, leaseSeconds],
      );
      if (n < limit.perDay) return { outcome: 'claimed', delivery } as const;
      await manager.query(
        `UPDATE message_deliveries SET state = 'held', note = $2, updated_at = now() WHERE id = $1`,
        [id, `daily limit of ${limit.perDay} reached`],
      );
      return { outcome: 'held', delivery, sentToday: n } as const;
    });
  }

  async markSent(delivery: ClaimedDelivery): Promise<void> {
    await this.dataSource.query(
      `UPDATE message_deliveries SET state = 'sent', sent_at = now(), note = NULL, updated_at = now()
        WHERE id = $1 AND claim_token = $2`,
      [delivery.id, delivery.claimToken],
    );
  }

  /** Ends an attempt without sending: 'skipped' for good, or 'failed' to be tried again. */
  async finish(delivery: ClaimedDelivery, state: 'skipped' | 'failed', note: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE message_deliveries SET state = $3, note = $4, updated_at = now() WHERE id = $1 AND claim_token = $2`,
      [delivery.id, delivery.claimToken, state, note.slice(0, 500)],
    );
  }

  /** Inserts the messages that are due at `now` (reminders, nudges, expiry notices). */
  async insertDue(now: Date): Promise<DeliveryRef[]> {
    const found: DeliveryRef[] = [];
    for (const sql of [DUE_REMINDERS_SQL, DUE_NUDGES_SQL, DUE_EXPIRY_NOTICES_SQL]) {
      found.push(...((await this.dataSource.query(sql, [now.toISOString()])) as DeliveryRef[]));
    }
    return found;
  }

  /**
   * Held deliveries of recipients who have room again under the daily limit (sent and live
   * claims in the last 24 h), oldest first and no more than the room: back to pending, for the
   * sweep to enqueue. The claim counts again at send time, and the draft re-checks that the
   * message still applies (a reminder of a session that has started is skipped).
   */
  async releaseHeld(perDay: number, leaseSeconds: number, limit = 500): Promise<DeliveryRef[]> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, affectedCount].
    const [released]: [DeliveryRef[], number] = await this.dataSource.query(
      `WITH room AS (
         SELECT h.user_id,
                $1 - (SELECT count(*) FROM message_deliveries d
                       WHERE d.user_id = h.user_id AND d.updated_at > now() - interval '1 day'
                         AND (d.state = 'sent' AND d.sent_at > now() - interval '1 day'
                              OR d.state = 'claimed' AND d.claimed_at > now() - make_interval(secs => $2))) AS free
           FROM (SELECT DISTINCT user_id FROM message_deliveries WHERE state = 'held') h
       ), ranked AS (
         SELECT d.id, d.created_at, r.free, row_number() OVER (PARTITION BY d.user_id ORDER BY d.created_at) AS n
           FROM message_deliveries d JOIN room r ON r.user_id = d.user_id
          WHERE d.state = 'held' AND r.free > 0
       ), chosen AS (
         SELECT id FROM ranked WHERE n <= free ORDER BY created_at LIMIT $3
       )
       UPDATE message_deliveries m SET state = 'pending', note = NULL, updated_at = now()
         FROM chosen WHERE m.id = chosen.id AND m.state = 'held'
       RETURNING m.id, m.attempts`,
      [perDay, leaseSeconds, limit],
    );
    return released;
  }

  /**
   * Deliveries whose job got lost (Redis flushed, retries used up) or whose claimer died
   * (lease over): the sweep enqueues them again.
   */
  findStranded(leaseSeconds: number, quietSeconds: number, limit = 500): Promise<DeliveryRef[]> {
    return this.dataSource.query(
      `SELECT id, attempts FROM message_deliveries
        WHERE state IN ('pending', 'claimed', 'failed') AND attempts < $4
          AND updated_at < now() - make_interval(secs => CASE WHEN state = 'claimed' THEN $1::int ELSE $2::int END)
        ORDER BY updated_at LIMIT $3`,
      [leaseSeconds, quietSeconds, limit, MAX_DELIVERY_ATTEMPTS],
    );
  }
}

function toClaimed(row: ClaimRow): ClaimedDelivery {
  return { id: row.id, key: row.key, kind: row.kind, userId: row.user_id, subject: row.subject, attempts: row.attempts, claimToken: row.claim_token, recipient: row.recipient };
}
