import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal calendar feeds: one secret per person. Only a hash of the feed token is
 * stored (lookup by hash); the token itself is derived from a random nonce with the
 * server key, so the same URL can be shown again and a database leak alone reveals none.
 */
export class CalendarFeeds1795447400000 implements MigrationInterface {
  name = 'CalendarFeeds1795447400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "calendar_feeds" (
      "user_id" uuid NOT NULL,
      "nonce" text NOT NULL,
      "token_hash" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_calendar_feeds" PRIMARY KEY ("user_id"),
      CONSTRAINT "uq_calendar_feeds_token_hash" UNIQUE ("token_hash"),
      CONSTRAINT "fk_calendar_feeds_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "calendar_feeds"`);
  }
}
