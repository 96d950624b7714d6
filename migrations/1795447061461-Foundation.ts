import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, organisations (tenants) with their memberships, and the outbox. */
export class Foundation1795447061461 implements MigrationInterface {
  name = 'Foundation1795447061461';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "users" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "email" text NOT NULL,
      "name" text NOT NULL,
      "password_hash" text,
      "locale" text NOT NULL DEFAULT 'nl',
      "is_platform_admin" boolean NOT NULL DEFAULT false,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_users" PRIMARY KEY ("id"),
      CONSTRAINT "ck_users_locale" CHECK ("locale" IN ('nl', 'en')),
      CONSTRAINT "ck_users_email_lower" CHECK ("email" = lower("email"))
    )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" (lower("email"))`);

    await queryRunner.query(`CREATE TABLE "organisations" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" text NOT NULL,
      "kind" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_organisations" PRIMARY KEY ("id"),
      CONSTRAINT "ck_organisations_kind" CHECK ("kind" IN ('municipality', 'welfare', 'care', 'company', 'other'))
    )`);

    await queryRunner.query(`CREATE TABLE "memberships" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "organisation_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "roles" text array NOT NULL DEFAULT '{learner}',
      "chain_roles" text array NOT NULL DEFAULT '{}',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_memberships" PRIMARY KEY ("id"),
      CONSTRAINT "uq_memberships_organisation_user" UNIQUE ("organisation_id", "user_id"),
      CONSTRAINT "fk_memberships_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_memberships_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_memberships_roles" CHECK ("roles" <@ ARRAY['learner', 'trainer', 'org-admin']::text[]),
      CONSTRAINT "ck_memberships_chain_roles"
        CHECK ("chain_roles" <@ ARRAY['first-conversation', 'deeper-conversation', 'intake-referral', 'coordinator']::text[])
    )`);
    await queryRunner.query(`CREATE INDEX "ix_memberships_user" ON "memberships" ("user_id")`);

    await queryRunner.query(`CREATE TABLE "outbox_events" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "topic" text NOT NULL,
      "payload" jsonb NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "relay_count" integer NOT NULL DEFAULT 0,
      "relayed_at" TIMESTAMP WITH TIME ZONE,
      "processed_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_outbox_events" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_events_pending" ON "outbox_events" ("available_at") WHERE processed_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "outbox_events"`);
    await queryRunner.query(`DROP TABLE "memberships"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
