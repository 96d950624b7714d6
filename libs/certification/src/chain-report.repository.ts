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
const MONTH_COLUMNS = Array.from({ length: REPORT_MONTHS }, (_, i) => `count(ct.user_id) FILTER (WHERE ct.month = ${i})::int AS m${i}`).join(',\n                ');

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
    const rows: Array<{ role: ChainRole; assigned: number; certified: number; in_progress: number; expiring_soon: number; expired: number } & Record<`m${number}`, number>> =
      await this.dataSource.query(
        `WITH roles AS (SELECT role, position FROM unnest($2::text[]) WITH ORDINALITY AS r(role, position)),
              members AS (
                SELECT m.user_id, r.role FROM memberships m JOIN roles r ON r.role = ANY(m.chain_roles)
                 WHERE m.organisation_id = $1 AND m.status = 'active'),
              certified AS (
                SELECT mb.user_id, mb.role,
                       bool_and(c.expires_at IS NOT NULL) AND max(c.expires_at) <= now() + make_interval(days => $3) AS expiring,
                       -- months from this one to the month of the last expiry (null: one never expires)
                       CASE WHEN bool_and(c.expires_at IS NOT NULL) THEN
                         (extract(year FROM max(c.expires_at) AT TIME ZONE 'Europe/Amsterdam') * 12 + extract(month FROM max(c.expires_at) AT TIME ZONE 'Europe/Amsterdam'))
                         - (extract(year FROM now() AT TIME ZONE 'Europe/Amsterdam') * 12 + extract(month FROM now() AT TIME ZONE 'Europe/Amsterdam'))
                       END AS month
                  FROM members mb
                  JOIN certificates c ON c.user_id = mb.user_id AND c.state = 'issued' AND c.revoked_at IS NULL
                                     AND (c.expires_at IS NULL OR c.expires_at > now())
                  JOIN courses k ON k.id = c.course_id AND k.status = 'published' AND mb.role = ANY(k.chain_roles)
                 GROUP BY mb.user_id, mb.role),
              learning AS (
                SELECT DISTINCT mb.user_id, mb.role
                  FROM members mb
                  JOIN enrolments e ON e.user_id = mb.user_id AND e.status IN ('active', 'confirmed', 'waitlisted')
                  JOIN courses k ON k.id = e.course_id AND k.status = 'published' AND mb.role = ANY(k.chain_roles)),
              lapsed AS (
                SELECT DISTINCT mb.user_id, mb.role
                  FROM members mb
                  JOIN certificates c ON c.user_id = mb.user_id AND c.state = 'issued' AND c.revoked_at IS NULL AND c.expires_at <= now()
                  JOIN courses k ON k.id = c.course_id AND k.status = 'published' AND mb.role = ANY(k.chain_roles))
         SELECT r.role,
                count(mb.user_id)::int AS assigned,
                count(ct.user_id)::int AS certified,
                count(l.user_id) FILTER (WHERE ct.user_id IS NULL)::int AS in_progress,
                count(ct.user_id) FILTER (WHERE ct.expiring)::int AS expiring_soon,
                count(x.user_id) FILTER (WHERE ct.user_id IS NULL)::int AS expired,
                ${MONTH_COLUMNS}
           FROM roles r
           LEFT JOIN members mb ON mb.role = r.role
           LEFT JOIN certified ct ON ct.user_id = mb.user_id AND ct.role = mb.role
           LEFT JOIN learning l ON l.user_id = mb.user_id AND l.role = mb.role
           LEFT JOIN lapsed x ON x.user_id = mb.user_id AND x.role = mb.role
          GROUP BY r.role, r.position
          ORDER BY r.position`,
        [organisationId, CHAIN_ROLES, EXPIRING_SOON_DAYS],
      );
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
