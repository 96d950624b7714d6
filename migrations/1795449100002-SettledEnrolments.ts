import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enrolments of a past session are settled: still waitlisted when it ended → `not-admitted`;
 * confirmed, not completed a week after it ended → `no-show`. Neither is open, so the person
 * may enrol in the next session and reports stop counting her as in progress.
 */
export class SettledEnrolments1795449100002 implements MigrationInterface {
  name = 'SettledEnrolments1795449100002';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enrolments DROP CONSTRAINT "ck_enrolments_status"`);
    await q.query(`ALTER TABLE enrolments ADD CONSTRAINT "ck_enrolments_status"
      CHECK ("status" IN ('active', 'confirmed', 'waitlisted', 'completed', 'cancelled', 'not-admitted', 'no-show'))`);
    await q.query(`CREATE INDEX "ix_sessions_ends" ON "sessions" ("ends_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_sessions_ends"`);
    await q.query(`UPDATE enrolments SET status = 'cancelled' WHERE status IN ('not-admitted', 'no-show')`);
    await q.query(`ALTER TABLE enrolments DROP CONSTRAINT "ck_enrolments_status"`);
    await q.query(`ALTER TABLE enrolments ADD CONSTRAINT "ck_enrolments_status"
      CHECK ("status" IN ('active', 'confirmed', 'waitlisted', 'completed', 'cancelled'))`);
  }
}
