import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Platform-wide roles that only a platform admin grants (issue 15, point 6). `trainer`
 * authors catalogue courses and schedules open sessions; a trainer role given by an
 * organisation covers that organisation's in-company sessions only. People who authored a
 * course keep authoring it (they are its author), so nothing is granted here.
 */
export class PlatformRoles1795449010000 implements MigrationInterface {
  name = 'PlatformRoles1795449010000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "platform_roles" text array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "ck_users_platform_roles" CHECK ("platform_roles" <@ ARRAY['trainer']::text[])`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_platform_roles"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "platform_roles"`);
  }
}
