import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chain report's stored summary: one row per active member and chain role she holds in
 * an organisation, with what the report needs to know about her for that role (an open
 * enrolment; any, never-ending and the last expiry of her standing certificates). The
 * month buckets and "certified / expired" are decided when the report is read, from the
 * stored expiry, so rows change only when the member's data does (the outbox consumer
 * `chain-report` refreshes a person's rows; ChainReportSummaryRepository).
 *
 * `assigned` counts how often the membership lists the role (1 unless the array repeats
 * it), so the sums equal the old per-member computation exactly. Written by hand: the
 * table has no entity (only the summary repository's SQL reads and writes it).
 */
export class ChainReportSummary1795449400000 implements MigrationInterface {
  name = 'ChainReportSummary1795449400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "chain_report_members" (
      "organisation_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "chain_role" text NOT NULL,
      "assigned" smallint NOT NULL,
      "learning" boolean NOT NULL,
      "holds_certificate" boolean NOT NULL,
      "never_expires" boolean NOT NULL,
      "last_expiry" timestamptz,
      CONSTRAINT "pk_chain_report_members" PRIMARY KEY ("organisation_id", "chain_role", "user_id"),
      CONSTRAINT "fk_chain_report_members_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_chain_report_members_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`);
    // The report reads one organisation's rows by the primary key's prefix; a person's refresh finds hers by this one.
    await q.query(`CREATE INDEX "ix_chain_report_members_user" ON "chain_report_members" ("user_id")`);
    // Backfill: the same statement as ChainReportSummaryRepository's rebuild, over every active member.
    await q.query(`INSERT INTO chain_report_members (organisation_id, user_id, chain_role, assigned, learning, holds_certificate, never_expires, last_expiry)
      WITH member_roles AS (
        SELECT m.organisation_id, m.user_id, mr.role, count(*)::smallint AS assigned
          FROM memberships m CROSS JOIN LATERAL unnest(m.chain_roles) AS mr(role)
         WHERE m.status = 'active'
         GROUP BY m.organisation_id, m.user_id, mr.role),
      standing AS (
        SELECT c.user_id, kr.role, bool_or(c.expires_at IS NULL) AS never_expires, max(c.expires_at) AS last_expiry
          FROM certificates c
          JOIN courses k ON k.id = c.course_id AND k.status = 'published'
          CROSS JOIN LATERAL unnest(k.chain_roles) AS kr(role)
         WHERE c.state = 'issued' AND c.revoked_at IS NULL
         GROUP BY c.user_id, kr.role),
      learning AS (
        SELECT DISTINCT e.user_id, kr.role
          FROM enrolments e
          JOIN courses k ON k.id = e.course_id AND k.status = 'published'
          CROSS JOIN LATERAL unnest(k.chain_roles) AS kr(role)
         WHERE e.status IN ('active', 'confirmed', 'waitlisted'))
      SELECT mr.organisation_id, mr.user_id, mr.role, mr.assigned, l.user_id IS NOT NULL, s.user_id IS NOT NULL,
             coalesce(s.never_expires, false), s.last_expiry
        FROM member_roles mr
        LEFT JOIN standing s ON s.user_id = mr.user_id AND s.role = mr.role
        LEFT JOIN learning l ON l.user_id = mr.user_id AND l.role = mr.role`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "chain_report_members"`);
  }
}
