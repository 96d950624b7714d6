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
}

@Injectable()
export class ChainReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Per chain role, over the organisation's members who hold that role: how many hold a
   * valid (issued, unrevoked, unexpired) certificate of a published course tagged with it;
   * how many are not certified but have an open enrolment in such a course; and how many
   * certified ones see every such certificate expire within 60 days (a renewal that runs on
   * from the old expiry counts as valid, so a renewed member is not "expiring").
   */
  async countsFor(organisationId: string): Promise<ChainRoleCounts[]> {
    const rows: Array<{ role: ChainRole; assigned: number; certified: number; in_progress: number; expiring_soon: number }> =
      await this.dataSource.query(
        `WITH roles AS (SELECT role, position FROM unnest($2::text[]) WITH ORDINALITY AS r(role, position)),
              members AS (
                SELECT m.user_id, r.role FROM memberships m JOIN roles r ON r.role = ANY(m.chain_roles)
                 WHERE m.organisation_id = $1 AND m.status = 'active'),
              certified AS (
                SELECT mb.user_id, mb.role,
                       bool_and(c.expires_at IS NOT NULL) AND max(c.expires_at) <= now() + make_interval(days => $3) AS expiring
                  FROM members mb
                  JOIN certificates c ON c.user_id = mb.user_id AND c.state = 'issued' AND c.revoked_at IS NULL
                                     AND (c.expires_at IS NULL OR c.expires_at > now())
                  JOIN courses k ON k.id = c.course_id AND k.status = 'published' AND mb.role = ANY(k.chain_roles)
                 GROUP BY mb.user_id, mb.role),
              learning AS (
                SELECT DISTINCT mb.user_id, mb.role
                  FROM members mb
                  JOIN enrolments e ON e.user_id = mb.user_id AND e.status IN ('active', 'confirmed', 'waitlisted')
                  JOIN courses k ON k.id = e.course_id AND k.status = 'published' AND mb.role = ANY(k.chain_roles))
         SELECT r.role,
                count(mb.user_id)::int AS assigned,
                count(ct.user_id)::int AS certified,
                count(l.user_id) FILTER (WHERE ct.user_id IS NULL)::int AS in_progress,
                count(ct.user_id) FILTER (WHERE ct.expiring)::int AS expiring_soon
           FROM roles r
           LEFT JOIN members mb ON mb.role = r.role
           LEFT JOIN certified ct ON ct.user_id = mb.user_id AND ct.role = mb.role
           LEFT JOIN learning l ON l.user_id = mb.user_id AND l.role = mb.role
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
    }));
  }
}
