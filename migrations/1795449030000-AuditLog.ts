import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log (issue 15, point 20): who changed roles, memberships, platform roles, certificates, and who imported. */
export class AuditLog1795449030000 implements MigrationInterface {
  name = 'AuditLog1795449030000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_log" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "actor_id" uuid,
      "action" text NOT NULL,
      "subject_type" text NOT NULL,
      "subject_id" text NOT NULL,
      "organisation_id" uuid,
      "details" jsonb NOT NULL DEFAULT '{}',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_audit_log" PRIMARY KEY ("id")
    )`);
    await q.query(`CREATE INDEX "ix_audit_log_created" ON "audit_log" ("created_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_log"`);
  }
}
