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

@Injectable()
export class ChainReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Per chain role, over the organisation's members who hold that role: how many hold a
   * valid (issued, unrevoked, unexpired) certificate of a published course tagged with it;
   * how many are not certified but have an open enrolment in such a course; and how many
   * certified ones see every such certificate expire within 60 days (a renewal that runs on
   * from the old expiry counts as valid, so a renewed member is not "expiring"); per month
   * of the next twelve, how many certified ones see their last such certificate end then;
   * and how many are not certified but hold an expired one.
   */
  async countsFor(organisationId: string): Promise<ChainRoleCounts[]> {
    type Row = { role: ChainRole; assigned: number; certified: number; in_progress: number; expiring_soon: number; expired: number } & Record<`m${number}`, number>;
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
    return rows.map((r) => ({
      chainRole: r.role,
      assigned: r.assigned,
      certified: r.certified,
      inProgress: r.in_progress,
      expiringSoon: r.expiring_soon,
      expiringByMonth: Array.from({ length: REPORT_MONTHS }, (_, i) => r[`m${i}`]),
      expired: r.expired,
    }));
  }
}
