import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox's dead letter: every failed handling is counted with its error; after a bounded
 * number the event is set aside (`dead_at`) instead of being relayed forever, until a platform
 * admin retries it. The pending index leaves dead rows out. Retention deletes by age, so the
 * processed rows, sent deliveries and caught mails get an index on that age.
 */
export class OutboxDeadLetter1795449100001 implements MigrationInterface {
  name = 'OutboxDeadLetter1795449100001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_events
      ADD COLUMN "failure_count" integer NOT NULL DEFAULT 0,
      ADD COLUMN "last_error" text,
      ADD COLUMN "last_failed_at" TIMESTAMP WITH TIME ZONE,
      ADD COLUMN "dead_at" TIMESTAMP WITH TIME ZONE,
      ADD CONSTRAINT "ck_outbox_events_failure_count" CHECK ("failure_count" >= 0)`);
    await q.query(`DROP INDEX "ix_outbox_events_pending"`);
    await q.query(`CREATE INDEX "ix_outbox_events_pending" ON "outbox_events" ("available_at") WHERE processed_at IS NULL AND dead_at IS NULL`);
    await q.query(`CREATE INDEX "ix_outbox_events_dead" ON "outbox_events" ("dead_at") WHERE dead_at IS NOT NULL AND processed_at IS NULL`);
    await q.query(`CREATE INDEX "ix_outbox_events_processed" ON "outbox_events" ("processed_at") WHERE processed_at IS NOT NULL`);
    await q.query(`CREATE INDEX "ix_message_deliveries_sent" ON "message_deliveries" ("sent_at") WHERE state = 'sent'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_message_deliveries_sent"`);
    await q.query(`DROP INDEX "ix_outbox_events_processed"`);
    await q.query(`DROP INDEX "ix_outbox_events_dead"`);
    await q.query(`DROP INDEX "ix_outbox_events_pending"`);
    await q.query(`CREATE INDEX "ix_outbox_events_pending" ON "outbox_events" ("available_at") WHERE processed_at IS NULL`);
    await q.query(`ALTER TABLE outbox_events DROP CONSTRAINT "ck_outbox_events_failure_count",
      DROP COLUMN "dead_at", DROP COLUMN "last_failed_at", DROP COLUMN "last_error", DROP COLUMN "failure_count"`);
  }
}
