import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk imports of people (and their enrolments) as a background job: the upload is stored
 * row by row; the worker records each row's outcome, so progress is the count of rows with
 * one, and a retried job skips the rows already done.
 */
export class Imports1795449200100 implements MigrationInterface {
  name = 'Imports1795449200100';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "imports" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "organisation_id" uuid NOT NULL,
      "requested_by_id" uuid NOT NULL,
      "state" text NOT NULL DEFAULT 'queued',
      "total" integer NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "finished_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_imports" PRIMARY KEY ("id"),
      CONSTRAINT "fk_imports_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_imports_requested_by" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_imports_state" CHECK ("state" IN ('queued', 'running', 'done', 'failed')),
      CONSTRAINT "ck_imports_total" CHECK ("total" >= 0)
    )`);
    await q.query(`CREATE TABLE "import_rows" (
      "import_id" uuid NOT NULL,
      "row" integer NOT NULL,
      "email" text NOT NULL,
      "name" text NOT NULL,
      "chain_roles" text NOT NULL,
      "course_id" text NOT NULL,
      "session_id" text NOT NULL,
      "outcome" text,
      "problem" text,
      CONSTRAINT "pk_import_rows" PRIMARY KEY ("import_id", "row"),
      CONSTRAINT "fk_import_rows_import" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "import_rows"`);
    await q.query(`DROP TABLE "imports"`);
  }
}
