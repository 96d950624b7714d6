import { MigrationInterface, QueryRunner } from 'typeorm';

/** Certificates: one per completion, with an unguessable unique code. */
export class Certificates1795447250000 implements MigrationInterface {
  name = 'Certificates1795447250000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "certificates" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "completion_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "code" text NOT NULL,
      "state" text NOT NULL DEFAULT 'pending',
      "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE,
      "issued_at" TIMESTAMP WITH TIME ZONE,
      "renews_certificate_id" uuid,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      "revoked_reason" text,
      "pdf_key" text,
      "pdf_sha256" text,
      "locale" text NOT NULL DEFAULT 'nl',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_certificates" PRIMARY KEY ("id"),
      CONSTRAINT "uq_certificates_completion" UNIQUE ("completion_id"),
      CONSTRAINT "uq_certificates_code" UNIQUE ("code"),
      CONSTRAINT "fk_certificates_completion" FOREIGN KEY ("completion_id") REFERENCES "completions"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_certificates_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_certificates_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_certificates_renews" FOREIGN KEY ("renews_certificate_id") REFERENCES "certificates"("id") ON DELETE SET NULL,
      CONSTRAINT "ck_certificates_state" CHECK ("state" IN ('pending', 'issued')),
      CONSTRAINT "ck_certificates_expiry" CHECK ("expires_at" IS NULL OR "expires_at" > "valid_from")
    )`);
    await q.query(`CREATE INDEX "ix_certificates_user" ON "certificates" ("user_id", "issued_at")`);
    await q.query(`CREATE INDEX "ix_certificates_expires" ON "certificates" ("expires_at")
      WHERE revoked_at IS NULL AND expires_at IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "certificates"`);
  }
}
