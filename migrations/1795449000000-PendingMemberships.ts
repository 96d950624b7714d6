import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent and revocation (issue 15, points 1, 3 and 4).
 * - A membership of an account that existed before the organisation added it is `pending`
 *   until its owner accepts; only `active` memberships grant anything. `invited_name` is the
 *   name the admin typed, shown to the organisation instead of the account's own name.
 * - `users.token_version` is written into access tokens and compared on every request, so a
 *   password reset or a removal from an organisation ends the person's outstanding tokens.
 */
export class PendingMemberships1795449000000 implements MigrationInterface {
  name = 'PendingMemberships1795449000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "memberships" ADD "status" text NOT NULL DEFAULT 'active'`);
    await q.query(`ALTER TABLE "memberships" ADD CONSTRAINT "ck_memberships_status" CHECK ("status" IN ('active', 'pending'))`);
    await q.query(`ALTER TABLE "memberships" ADD "invited_name" text`);
    await q.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT 0`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
    await q.query(`ALTER TABLE "memberships" DROP COLUMN "invited_name"`);
    await q.query(`ALTER TABLE "memberships" DROP CONSTRAINT "ck_memberships_status"`);
    await q.query(`ALTER TABLE "memberships" DROP COLUMN "status"`);
  }
}
