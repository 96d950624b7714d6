import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations buy training: course access and seat prices, orders, seat licences (the
 * seat ledger counts `used` in the statement that enrols), invoices with a gap-free number
 * per year (one counter row per year, locked by the confirming transaction), and the
 * organisation's invoice address.
 */
export class Orders1795449200000 implements MigrationInterface {
  name = 'Orders1795449200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "courses"
      ADD "access" text NOT NULL DEFAULT 'open',
      ADD "seat_price_cents" integer,
      ADD CONSTRAINT "ck_courses_access" CHECK ("access" IN ('open', 'by-organisation')),
      ADD CONSTRAINT "ck_courses_seat_price" CHECK ("seat_price_cents" IS NULL OR "seat_price_cents" >= 0)`);
    await q.query(`ALTER TABLE "organisations" ADD "address" text NOT NULL DEFAULT ''`);

    await q.query(`CREATE TABLE "orders" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "organisation_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "kind" text NOT NULL,
      "state" text NOT NULL DEFAULT 'requested',
      "seats" integer,
      "expires_at" TIMESTAMP WITH TIME ZONE,
      "preferred_dates" text[] NOT NULL DEFAULT '{}',
      "participants" integer,
      "location" text,
      "online_url" text,
      "note" text NOT NULL DEFAULT '',
      "price_cents" integer,
      "reason" text,
      "requested_by_id" uuid,
      "decided_by_id" uuid,
      "session_id" uuid,
      "decided_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_orders" PRIMARY KEY ("id"),
      CONSTRAINT "fk_orders_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_orders_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_orders_requested_by" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL,
      CONSTRAINT "fk_orders_decided_by" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL,
      CONSTRAINT "fk_orders_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE SET NULL,
      CONSTRAINT "uq_orders_session" UNIQUE ("session_id"),
      CONSTRAINT "ck_orders_kind" CHECK ("kind" IN ('seats', 'in-company-session')),
      CONSTRAINT "ck_orders_state" CHECK ("state" IN ('requested', 'confirmed', 'delivered', 'rejected', 'cancelled')),
      CONSTRAINT "ck_orders_seats" CHECK (("kind" = 'seats') = ("seats" IS NOT NULL) AND ("seats" IS NULL OR "seats" > 0)),
      CONSTRAINT "ck_orders_participants" CHECK (("kind" = 'in-company-session') = ("participants" IS NOT NULL) AND ("participants" IS NULL OR "participants" > 0)),
      CONSTRAINT "ck_orders_price" CHECK ("price_cents" IS NULL OR "price_cents" >= 0),
      CONSTRAINT "ck_orders_reason" CHECK ("state" NOT IN ('rejected', 'cancelled') OR "reason" IS NOT NULL),
      CONSTRAINT "ck_orders_session" CHECK ("kind" = 'in-company-session' OR "session_id" IS NULL)
    )`);
    await q.query(`CREATE INDEX "ix_orders_organisation" ON "orders" ("organisation_id", "created_at")`);
    await q.query(`CREATE INDEX "ix_orders_requested" ON "orders" ("created_at") WHERE state = 'requested'`);

    await q.query(`CREATE TABLE "licences" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "organisation_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "order_id" uuid,
      "seats" integer NOT NULL,
      "used" integer NOT NULL DEFAULT 0,
      "expires_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_licences" PRIMARY KEY ("id"),
      CONSTRAINT "fk_licences_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_licences_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_licences_order" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE SET NULL,
      CONSTRAINT "uq_licences_order" UNIQUE ("order_id"),
      CONSTRAINT "ck_licences_seats" CHECK ("seats" > 0),
      CONSTRAINT "ck_licences_used" CHECK ("used" BETWEEN 0 AND "seats")
    )`);
    await q.query(`CREATE INDEX "ix_licences_organisation_course" ON "licences" ("organisation_id", "course_id")`);
    await q.query(`ALTER TABLE "enrolments" ADD "licence_id" uuid,
      ADD CONSTRAINT "fk_enrolments_licence" FOREIGN KEY ("licence_id") REFERENCES "licences"("id") ON DELETE RESTRICT`);
    await q.query(`CREATE INDEX "ix_enrolments_licence" ON "enrolments" ("licence_id") WHERE licence_id IS NOT NULL`);

    await q.query(`CREATE TABLE "invoice_counters" (
      "year" integer NOT NULL,
      "last" integer NOT NULL,
      CONSTRAINT "pk_invoice_counters" PRIMARY KEY ("year"),
      CONSTRAINT "ck_invoice_counters_last" CHECK ("last" > 0)
    )`);
    await q.query(`CREATE TABLE "invoices" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "year" integer NOT NULL,
      "sequence" integer NOT NULL,
      "number" text NOT NULL,
      "organisation_id" uuid NOT NULL,
      "order_id" uuid NOT NULL,
      "organisation_name" text NOT NULL,
      "organisation_address" text NOT NULL,
      "lines" jsonb NOT NULL,
      "subtotal_cents" integer NOT NULL,
      "vat_cents" integer NOT NULL,
      "total_cents" integer NOT NULL,
      "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "paid_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_invoices" PRIMARY KEY ("id"),
      CONSTRAINT "uq_invoices_number" UNIQUE ("number"),
      CONSTRAINT "uq_invoices_year_sequence" UNIQUE ("year", "sequence"),
      CONSTRAINT "uq_invoices_order" UNIQUE ("order_id"),
      CONSTRAINT "fk_invoices_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_invoices_order" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_invoices_total" CHECK ("total_cents" = "subtotal_cents" + "vat_cents"),
      CONSTRAINT "ck_invoices_sequence" CHECK ("sequence" > 0)
    )`);
    await q.query(`CREATE INDEX "ix_invoices_organisation" ON "invoices" ("organisation_id", "issued_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "invoices"`);
    await q.query(`DROP TABLE "invoice_counters"`);
    await q.query(`ALTER TABLE "enrolments" DROP COLUMN "licence_id"`);
    await q.query(`DROP TABLE "licences"`);
    await q.query(`DROP TABLE "orders"`);
    await q.query(`ALTER TABLE "organisations" DROP COLUMN "address"`);
    await q.query(`ALTER TABLE "courses" DROP CONSTRAINT "ck_courses_seat_price", DROP CONSTRAINT "ck_courses_access", DROP COLUMN "seat_price_cents", DROP COLUMN "access"`);
  }
}
