import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Sent deliveries and caught mails are kept `days` and then deleted, in batches. A sent
 * delivery's key is what stops a second send, so `days` must outlast every window that
 * could produce the same key again (the longest is the 90-day nudge window; the default
 * retention is 180 days).
 */
@Injectable()
export class MessagingRetention {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async purge(days: number, batch = 5_000): Promise<{ deliveries: number; caughtMails: number }> {
    const [, deliveries]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM message_deliveries WHERE id IN (
         SELECT id FROM message_deliveries WHERE state = 'sent' AND sent_at < now() - make_interval(days => $1) LIMIT $2)`,
      [days, batch],
    );
    const [, caughtMails]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM caught_mails WHERE id IN (SELECT id FROM caught_mails WHERE created_at < now() - make_interval(days => $1) LIMIT $2)`,
      [days, batch],
    );
    return { deliveries, caughtMails };
  }
}
