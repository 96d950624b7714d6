import { MigrationInterface, QueryRunner } from 'typeorm';

/** E-mail: one delivery row per message (the exactly-once claim), caught mail, preferences. */
export class Messaging1795447600000 implements MigrationInterface {
  name = 'Messaging1795447600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "message_deliveries" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "key" text NOT NULL,
      "kind" text NOT NULL,
      "user_id" uuid NOT NULL,
      "subject" jsonb NOT NULL DEFAULT '{}',
      "state" text NOT NULL DEFAULT 'pending',
      "attempts" integer NOT NULL DEFAULT 0,
      "claim_token" uuid,
      "claimed_at" TIMESTAMP WITH TIME ZONE,
      "sent_at" TIMESTAMP WITH TIME ZONE,
      "note" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_message_deliveries" PRIMARY KEY ("id"),
      CONSTRAINT "uq_message_deliveries_key" UNIQUE ("key"),
      CONSTRAINT "fk_message_deliveries_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_message_deliveries_state" CHECK ("state" IN ('pending', 'claimed', 'sent', 'held', 'skipped', 'failed'))
    )`);
    // The daily limit counts a recipient's recent rows; recovery scans only unfinished rows.
    await q.query(`CREATE INDEX "ix_message_deliveries_user" ON "message_deliveries" ("user_id", "updated_at")`);
    await q.query(`CREATE INDEX "ix_message_deliveries_unfinished" ON "message_deliveries" ("updated_at")
      WHERE state IN ('pending', 'claimed', 'failed')`);

    await q.query(`CREATE TABLE "caught_mails" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "message_id" text NOT NULL,
      "recipient" text NOT NULL,
      "subject" text NOT NULL,
      "text" text NOT NULL,
      "html" text NOT NULL,
      "attachments" jsonb NOT NULL DEFAULT '[]',
      "raw" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_caught_mails" PRIMARY KEY ("id")
    )`);
    await q.query(`CREATE INDEX "ix_caught_mails_created" ON "caught_mails" ("created_at")`);

    await q.query(`CREATE TABLE "message_preferences" (
      "user_id" uuid NOT NULL,
      "nudges" boolean NOT NULL DEFAULT true,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_message_preferences" PRIMARY KEY ("user_id"),
      CONSTRAINT "fk_message_preferences_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);

    // Module nudges look for active enrolments without progress: cost follows those, not all enrolments.
    await q.query(`CREATE INDEX "ix_enrolments_nudge" ON "enrolments" ("last_activity_at") WHERE status = 'active'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_enrolments_nudge"`);
    await q.query(`DROP TABLE "message_preferences"`);
    await q.query(`DROP TABLE "caught_mails"`);
    await q.query(`DROP TABLE "message_deliveries"`);
  }
}
