import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrganisationRole } from '@schakel/common';

/** What access needs to know of a session (the session lib loads it; access decides). */
export interface SessionScope {
  id: string;
  visibility: 'open' | 'in-company';
  organisationId: string | null;
}

/**
 * The tenancy SQL, in one place: who is a member of what, with which roles, who trains
 * which session, which organisation an admin shares with a person. Only `active`
 * memberships count (a pending one grants nobody anything). Every rule in
 * AccessService reads through here.
 */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The person's roles in the organisation, or null when she is not a member. */
  async rolesIn(userId: string, organisationId: string): Promise<OrganisationRole[] | null> {
    const [row] = (await this.dataSource.query(`SELECT roles FROM memberships WHERE user_id = $1 AND organisation_id = $2 AND status = 'active'`, [userId, organisationId])) as Array<{
      roles: OrganisationRole[];
    }>;
    return row ? row.roles : null;
  }

  async organisationIds(userId: string, roles?: readonly OrganisationRole[]): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT organisation_id AS id FROM memberships WHERE user_id = $1 AND status = 'active' AND ($2::text[] IS NULL OR roles && $2::text[]) ORDER BY created_at`,
      [userId, roles ?? null],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  /**
   * What the page header offers a signed-in person, in one round trip: whether she trains
   * (platform trainer, or trainer in an organisation) and the organisations she administers.
   */
  async staffRoles(userId: string): Promise<{ trains: boolean; administers: Array<{ id: string; name: string }> }> {
    const [row] = (await this.dataSource.query(
      `SELECT ('trainer' = ANY(u.platform_roles)
               OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.status = 'active' AND 'trainer' = ANY(m.roles))) AS trains,
              COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name)
                          FROM memberships m JOIN organisations o ON o.id = m.organisation_id
                         WHERE m.user_id = u.id AND m.status = 'active' AND 'org-admin' = ANY(m.roles)), '[]'::json) AS administers
         FROM users u WHERE u.id = $1`,
      [userId],
    )) as Array<{ trains: boolean; administers: Array<{ id: string; name: string }> }>;
    return row ?? { trains: false, administers: [] };
  }

  /** The active org-admins of each organisation named (for the platform admin's list). */
  async adminsOf(organisationIds: string[]): Promise<Map<string, Array<{ name: string; email: string }>>> {
    const rows = (await this.dataSource.query(
      `SELECT m.organisation_id AS "organisationId", u.name, u.email
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.organisation_id = ANY($1::uuid[]) AND m.status = 'active' AND 'org-admin' = ANY(m.roles)
        ORDER BY u.name`,
      [organisationIds],
    )) as Array<{ organisationId: string; name: string; email: string }>;
    const admins = new Map<string, Array<{ name: string; email: string }>>();
    for (const row of rows) admins.set(row.organisationId, [...(admins.get(row.organisationId) ?? []), { name: row.name, email: row.email }]);
    return admins;
  }

  /** Roles a platform admin granted the person platform-wide (`trainer`). */
  async platformRoles(userId: string): Promise<string[]> {
    const [row] = (await this.dataSource.query(`SELECT platform_roles FROM users WHERE id = $1`, [userId])) as Array<{ platform_roles: string[] }>;
    return row ? row.platform_roles : [];
  }

  async trains(sessionId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM session_trainers WHERE session_id = $1 AND user_id = $2`, [sessionId, userId]);
    return rows.length > 0;
  }

  /** An organisation where `adminId` is org-admin and `personId` a member (the earliest; or exactly `organisationId`), or null. */
  async organisationAdministering(adminId: string, personId: string, organisationId: string | null): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `SELECT a.organisation_id AS id
         FROM memberships a JOIN memberships m ON m.organisation_id = a.organisation_id
        WHERE a.user_id = $1 AND 'org-admin' = ANY(a.roles) AND m.user_id = $2
          AND a.status = 'active' AND m.status = 'active'
          AND ($3::uuid IS NULL OR a.organisation_id = $3::uuid)
        ORDER BY a.created_at LIMIT 1`,
      [adminId, personId, organisationId],
    )) as Array<{ id: string }>;
    return row ? row.id : null;
  }

  /** The org-admins of an organisation (who hear about its orders). */
  async adminIds(organisationId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT user_id AS id FROM memberships WHERE organisation_id = $1 AND 'org-admin' = ANY(roles) ORDER BY created_at`,
      [organisationId],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }
}
