import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CHAIN_ROLES, type ChainRole } from '@schakel/common';
import { EXPIRING_SOON_DAYS } from './validity.rules';

export interface ChainRoleCounts {
  chainRole: ChainRole;
  assigned: number;
  certified: number;
  inProgress: number;
  expiringSoon: number;
  /** Certified members whose last valid certificate for the role ends in this month and the next 11 (Amsterdam calendar months). */
  expiringByMonth: number[];
  /** Not certified (any more), but holding an expired certificate for the role. */
  expired: number;
}

export const REPORT_MONTHS = 12;
export const REPORT_WORK_MEM = '32MB';
const MONTH_COLUMNS = Array.from({ length: REPORT_MONTHS }, (_, i) => `count(*) FILTER (WHERE f.month = ${i})::int AS m${i}`).join(',\n                ');

const SUMMARY_MONTH_COLUMNS = Array.from({ length: REPORT_MONTHS }, (_, i) => `coalesce(sum(f.n) FILTER (WHERE f.month = ${i}), 0)::int AS m${i}`).join(',\n              ');

type Row = { role: ChainRole; assigned: number; certified: number; in_progress: number; expiring_soon: number; expired: number } & Record<`m${number}`, number>;

const toCounts = (r: Row): ChainRoleCounts => ({
  chainRole: r.role,
  assigned: r.assigned,
  certified: r.certified,
  inProgress: r.in_progress,
  expiringSoon: r.expiring_soon,
  expiringByMonth: Array.from({ length: REPORT_MONTHS }, (_, i) => r[`m${i}`]),
  expired: r.expired,
});

@Injectable()
export class ChainReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The report from the stored summary (`chain_report_members`, kept by the `chain-report`
   * event consumer): one pass over the organisation's rows, one small row per member and
   * role, read by the primary key's prefix. What depends on the moment is decided here,
   * from the stored expiry: certified (a certificate without an end, or the last expiry
   * still ahead), expiring within 60 days, the month of the last expiry (Amsterdam calendar
   * months from this one), and expired (certificates held, none valid). The numbers equal
   * `countsFromSource` (test/e2e/certification/chain-report-summary.e2e-spec.ts).
   */
  async countsFor(organisationId: string): Promise<ChainRoleCounts[]> {
    const rows: Row[] = await this.dataSource.query(
      // Each row's facts are computed once, as the key of a few groups (role × standing × month of
      // the last expiry); the twelve month columns then count groups, not rows.
      `WITH roles AS (SELECT role, position FROM unnest($2::text[]) WITH ORDINALITY AS r(role, position)),
            standing AS (
              SELECT s.chain_role AS role, s.assigned, s.learning, s.holds_certificate,
                     s.never_expires OR coalesce(s.last_expiry > now(), false) AS certified,
                     -- certified until a known moment: the last expiry is ahead and no certificate lacks an end
                     NOT s.never_expires AND coalesce(s.last_expiry > now(), false) AS ends,
                     s.last_expiry
                FROM chain_report_members s
               WHERE s.organisation_id = $1),
            groups AS (
              SELECT role, certified, learning,
                     ends AND last_expiry <= now() + make_interval(days => $3) AS expiring,
                     holds_certificate AND NOT certified AS lapsed,
                     CASE WHEN ends THEN date_trunc('month', last_expiry AT TIME ZONE 'Europe/Amsterdam') END AS expiry_month,
                     sum(assigned) AS n
                FROM standing
               GROUP BY 1, 2, 3, 4, 5, 6),
            facts AS (
              SELECT role, certified, learning, expiring, lapsed, n,
                     -- months from this one to the month of the last expiry (null: not certified, or one never expires)
                     (extract(year FROM expiry_month) * 12 + extract(month FROM expiry_month))
                     - (extract(year FROM now() AT TIME ZONE 'Europe/Amsterdam') * 12 + extract(month FROM now() AT TIME ZONE 'Europe/Amsterdam')) AS month
                FROM groups)
       SELECT r.role,
              coalesce(sum(f.n), 0)::int AS assigned,
              coalesce(sum(f.n) FILTER (WHERE f.certified), 0)::int AS certified,
              coalesce(sum(f.n) FILTER (WHERE f.learning AND NOT f.certified), 0)::int AS in_progress,
              coalesce(sum(f.n) FILTER (WHERE f.expiring), 0)::int AS expiring_soon,
              coalesce(sum(f.n) FILTER (WHERE f.lapsed), 0)::int AS expired,
              ${SUMMARY_MONTH_COLUMNS}
         FROM roles r
         LEFT JOIN facts f ON f.role = r.role
        GROUP BY r.role, r.position
        ORDER BY r.position`,
      [organisationId, CHAIN_ROLES, EXPIRING_SOON_DAYS],
    );
    return rows.map(toCounts);
  }

  /**
   * Per chain role, over the organisation's members who hold that role: how many hold a
   * valid (issued, unrevoked, unexpired) certificate of a published course tagged with it;
   * how many are not certified but have an open enrolment in such a course; and how many
   * certified ones see every such certificate expire within 60 days (a renewal that runs on
   * from the old expiry counts as valid, so a renewed member is not "expiring"); per month
   * of the next twelve, how many certified ones see their last such certificate end then;
   * and how many are not certified but hold an expired one.
   *
   * Computed from the source tables on every call (linear in the organisation's members):
   * the check of the summary (tests, benchmark, recovery), not the report's path.
   */
  async countsFromSource(organisationId: string): Promise<ChainRoleCounts[]> {
    // The hash tables of a large organisation (100,000 members: ~10 MB) would spill to disk in
    // batches under the default work_mem and grow the time faster than the organisation;
    // this statement alone gets room for them (SET LOCAL ends with its transaction).
    const rows: Row[] = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`);
      return manager.query(
        // Only the organisation's rows count: certificates and open enrolments are semi-joined to its
        // active members and aggregated once per (member, role) before one join each (the old form
        // joined the members three times and read every certificate and enrolment of the platform).
        // For an organisation small beside the platform, PostgreSQL reads them through the indexes
        // (ix_memberships_organisation_active, ix_certificates_user_standing, uq_enrolments_open_per_course:
        // index-only scans); for one that is most of the platform, a hash join over the table is cheaper.
        `WITH roles AS (SELECT role, position FROM unnest($2::text[]) WITH ORDINALITY AS r(role, position)),
              member_roles AS (
                SELECT m.user_id, mr.role FROM memberships m CROSS JOIN LATERAL unnest(m.chain_roles) AS mr(role)
                 WHERE m.organisation_id = $1 AND m.status = 'active'),
              -- per member and role, her issued, unrevoked certificates of published courses tagged with it
              standing AS (
                SELECT c.user_id, kr.role,
                       bool_or(c.expires_at IS NULL OR c.expires_at > now()) AS certified,
                       bool_and(c.expires_at IS NOT NULL) FILTER (WHERE c.expires_at IS NULL OR c.expires_at > now()) AS ends,
                       max(c.expires_at) FILTER (WHERE c.expires_at > now()) AS last_expiry
                  FROM certificates c
                  JOIN courses k ON k.id = c.course_id AND k.status = 'published'
                  CROSS JOIN LATERAL unnest(k.chain_roles) AS kr(role)
                 WHERE c.state = 'issued' AND c.revoked_at IS NULL
                   AND c.user_id IN (SELECT user_id FROM memberships WHERE organisation_id = $1 AND status = 'active')
                 GROUP BY c.user_id, kr.role),
              learning AS (
                SELECT DISTINCT e.user_id, kr.role
                  FROM enrolments e
                  JOIN courses k ON k.id = e.course_id AND k.status = 'published'
                  CROSS JOIN LATERAL unnest(k.chain_roles) AS kr(role)
                 WHERE e.status IN ('active', 'confirmed', 'waitlisted')
                   AND e.user_id IN (SELECT user_id FROM memberships WHERE organisation_id = $1 AND status = 'active')),
              facts AS (
                SELECT mr.role,
                       coalesce(s.certified, false) AS certified,
                       s.certified AND s.ends AND s.last_expiry <= now() + make_interval(days => $3) AS expiring,
                       -- months from this one to the month of the last expiry (null: not certified, or one never expires)
                       CASE WHEN s.certified AND s.ends THEN
                         (extract(year FROM s.last_expiry AT TIME ZONE 'Europe/Amsterdam') * 12 + extract(month FROM s.last_expiry AT TIME ZONE 'Europe/Amsterdam'))
                         - (extract(year FROM now() AT TIME ZONE 'Europe/Amsterdam') * 12 + extract(month FROM now() AT TIME ZONE 'Europe/Amsterdam'))
                       END AS month,
                       l.user_id IS NOT NULL AS learning,
                       -- holds certificates for the role, none of them valid: all expired
                       s.user_id IS NOT NULL AND NOT s.certified AS lapsed
                  FROM member_roles mr
                  LEFT JOIN standing s ON s.user_id = mr.user_id AND s.role = mr.role
                  LEFT JOIN learning l ON l.user_id = mr.user_id AND l.role = mr.role)
         SELECT r.role,
                count(f.role)::int AS assigned,
                count(*) FILTER (WHERE f.certified)::int AS certified,
                count(*) FILTER (WHERE f.learning AND NOT f.certified)::int AS in_progress,
                count(*) FILTER (WHERE f.expiring)::int AS expiring_soon,
                count(*) FILTER (WHERE f.lapsed)::int AS expired,
                ${MONTH_COLUMNS}
           FROM roles r
           LEFT JOIN facts f ON f.role = r.role
          GROUP BY r.role, r.position
          ORDER BY r.position`,
        [organisationId, CHAIN_ROLES, EXPIRING_SOON_DAYS],
      );
    });
    return rows.map(toCounts);
  }
}
