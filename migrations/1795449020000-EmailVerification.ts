import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An e-mail address is proven before it counts (issue 15, point 2). Accounts that exist
 * already are taken as proven (they were made before verification existed: registered
 * people signed in with them, invited people chose a password from a mailed link); new
 * registrations start unproven until their mailed link is opened.
 */
export class EmailVerification1795449020000 implements MigrationInterface {
  name = 'EmailVerification1795449020000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "email_verified_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "users" SET "email_verified_at" = "created_at"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "email_verified_at"`);
  }
}
