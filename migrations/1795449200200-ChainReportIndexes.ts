import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chain report reads only its organisation's rows: the active members with their chain
 * roles straight from an index (index-only), and their standing certificates (issued,
 * unrevoked) by person with what the report needs (course, expiry). Their open enrolments
 * come from uq_enrolments_open_per_course (user_id, course_id), which exists already.
 */
export class ChainReportIndexes1795449200200 implements MigrationInterface {
  name = 'ChainReportIndexes1795449200200';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_memberships_organisation_active" ON "memberships" ("organisation_id") INCLUDE ("user_id", "chain_roles")
      WHERE status = 'active'`);
    await q.query(`CREATE INDEX "ix_certificates_user_standing" ON "certificates" ("user_id") INCLUDE ("course_id", "expires_at")
      WHERE state = 'issued' AND revoked_at IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_certificates_user_standing"`);
    await q.query(`DROP INDEX "ix_memberships_organisation_active"`);
  }
}
