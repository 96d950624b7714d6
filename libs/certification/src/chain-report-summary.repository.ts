import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidLiteral } from '@schakel/common';

/** People refreshed per transaction when a whole organisation is rebuilt (one advisory lock each). */
export const REBUILD_BATCH = 500;

/**
 * The rows of `chain_report_members` for these people, from the source tables: per active
 * membership and chain role, whether she has an open enrolment in a published course tagged
 * with the role, and her issued, unrevoked certificates of such courses (any; one without an
 * end; the last expiry). The same statement backfilled the table (migration ChainReportSummary).
 */
const SUMMARY_ROWS_OF_PEOPLE = `
  INSERT INTO chain_report_members (organisation_id, user_id, chain_role, assigned, learning, holds_certificate, never_expires, last_expiry)
  WITH member_roles AS (
    SELECT m.organisation_id, m.user_id, mr.role, count(*)::smallint AS assigned
      FROM memberships m CROSS JOIN LATERAL unnest(m.chain_roles) AS mr(role)
     WHERE m.user_id = ANY(:ids) AND m.status = 'active'
     GROUP BY m.organisation_id, m.user_id, mr.role),
  standing AS (
    SELECT c.user_id, kr.role, bool_or(c.expires_at IS NULL) AS never_expires, max(c.expires_at) AS last_expiry
      FROM certificates c
      JOIN courses k ON k.id = c.course_id AND k.status = 'published'
      CROSS JOIN LATERAL unnest(k.chain_roles) AS kr(role)
     WHERE c.user_id = ANY(:ids) AND c.state = 'issued' AND c.revoked_at IS NULL
     GROUP BY c.user_id, kr.role),
  learning AS (
    SELECT DISTINCT e.user_id, kr.role
      FROM enrolments e
      JOIN courses k ON k.id = e.course_id AND k.status = 'published'
      CROSS JOIN LATERAL unnest(k.chain_roles) AS kr(role)
     WHERE e.user_id = ANY(:ids) AND e.status IN ('active', 'confirmed', 'waitlisted'))
  SELECT mr.organisation_id, mr.user_id, mr.role, mr.assigned, l.user_id IS NOT NULL, s.user_id IS NOT NULL,
         coalesce(s.never_expires, false), s.last_expiry
    FROM member_roles mr
    LEFT JOIN standing s ON s.user_id = mr.user_id AND s.role = mr.role
    LEFT JOIN learning l ON l.user_id = mr.user_id AND l.role = mr.role`;

/**
 * Keeps the chain report's summary equal to the source tables. A refresh recomputes a
 * person's rows (in every organisation) from memberships, enrolments, certificates and
 * courses, so running it twice, late or out of order gives the same rows: idempotent by
 * construction, whatever event caused it.
 */
@Injectable()
export class ChainReportSummaryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Replaces these people's rows. Refreshes of one person take turns (an advisory lock per
   * person, taken in id order so two batches cannot deadlock), and the statements run after
   * the lock, so each reads everything committed before it: a refresh that started before a
   * change cannot overwrite the one that change's event caused with older rows.
   */
  async refreshPeople(userIds: readonly string[]): Promise<void> {
    const ids = [...new Set(userIds)].sort();
    if (ids.length === 0) return;
    // One round trip: the three statements as one simple query, which PostgreSQL runs as one
    // transaction (all or nothing) with a snapshot per statement, so the DELETE and INSERT
    // still read after the lock. A simple query takes no parameters: the ids go in as a
    // literal, each checked to be a UUID first.
    const list = `ARRAY[${ids.map(uuidLiteral).join(',')}]::uuid[]`;
    await this.dataSource.query(
      [
        `SELECT pg_advisory_xact_lock(hashtext('chain-report:' || u)) FROM unnest(${list}::text[]) AS u ORDER BY u`,
        `DELETE FROM chain_report_members WHERE user_id = ANY(${list})`,
        SUMMARY_ROWS_OF_PEOPLE.replaceAll(':ids', list),
      ].join(';\n'),
    );
  }

  /** Recovery: every row of the organisation recomputed (its members', and any left by people who are no longer). */
  async rebuildOrganisation(organisationId: string): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT user_id FROM memberships WHERE organisation_id = $1 AND status = 'active'
        UNION SELECT user_id FROM chain_report_members WHERE organisation_id = $1
        ORDER BY user_id`,
      [organisationId],
    )) as Array<{ user_id: string }>;
    return this.refreshInBatches(rows.map((r) => r.user_id));
  }

  /**
   * A course was published, archived or re-tagged: the members who hold one of its
   * certificates or are enrolled in it get their rows recomputed (nobody else's rows read it).
   */
  async refreshCourse(courseId: string): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT x.user_id FROM (
         SELECT user_id FROM enrolments WHERE course_id = $1 AND status IN ('active', 'confirmed', 'waitlisted')
          UNION SELECT user_id FROM certificates WHERE course_id = $1 AND state = 'issued' AND revoked_at IS NULL) x
        WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = x.user_id AND m.status = 'active')
        ORDER BY x.user_id`,
      [courseId],
    )) as Array<{ user_id: string }>;
    return this.refreshInBatches(rows.map((r) => r.user_id));
  }

  private async refreshInBatches(userIds: string[]): Promise<number> {
    for (let i = 0; i < userIds.length; i += REBUILD_BATCH) await this.refreshPeople(userIds.slice(i, i + REBUILD_BATCH));
    return userIds.length;
  }

  /** The person a completion belongs to (null: gone). */
  async userOfCompletion(completionId: string): Promise<string | null> {
    const rows = (await this.dataSource.query(`SELECT user_id FROM completions WHERE id = $1`, [completionId])) as Array<{ user_id: string }>;
    return rows[0]?.user_id ?? null;
  }
}
