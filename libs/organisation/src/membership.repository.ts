import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { ChainRole, OrganisationRole, Page } from '@schakel/common';
import { Membership, type MembershipStatus } from './entities/membership.entity';

export interface MemberFilter {
  chainRole?: ChainRole;
  limit: number;
  offset: number;
}

@Injectable()
export class MembershipRepository {
  constructor(@InjectRepository(Membership) private readonly memberships: Repository<Membership>) {}

  find(organisationId: string, userId: string): Promise<Membership | null> {
    return this.memberships.findOneBy({ organisationId, userId });
  }

  findWithUser(organisationId: string, userId: string): Promise<Membership | null> {
    return this.memberships.findOne({ where: { organisationId, userId }, relations: { user: true } });
  }

  findByEmail(organisationId: string, email: string): Promise<Membership | null> {
    return this.memberships
      .createQueryBuilder('m')
      .innerJoin('m.user', 'u')
      .where('m.organisation_id = :organisationId AND lower(u.email) = lower(:email)', { organisationId, email: email.trim() })
      .getOne();
  }

  findAllForUser(userId: string, status?: Membership['status']): Promise<Membership[]> {
    return this.memberships.find({ where: status ? { userId, status } : { userId }, order: { createdAt: 'ASC' } });
  }

  /** Organisation ids where the user holds one of these roles. */
  async organisationIdsWithRole(userId: string, roles: readonly OrganisationRole[]): Promise<string[]> {
    const rows = await this.memberships
      .createQueryBuilder('m')
      .select('m.organisation_id', 'id')
      .where('m.user_id = :userId AND m.roles && :roles', { userId, roles })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  async pageForOrganisation(organisationId: string, filter: MemberFilter): Promise<Page<Membership>> {
    const query = this.memberships
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .where('m.organisation_id = :organisationId', { organisationId })
      .orderBy('u.name', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.chainRole) query.andWhere(':chainRole = ANY(m.chain_roles)', { chainRole: filter.chainRole });
    const [items, total] = await query.getManyAndCount();
    return { items, total };
  }

  insert(manager: EntityManager, membership: Pick<Membership, 'organisationId' | 'userId' | 'roles' | 'chainRoles'> & Partial<Pick<Membership, 'status' | 'invitedName'>>): Promise<Membership> {
    const repo = manager.getRepository(Membership);
    return repo.save(repo.create(membership));
  }

  /** The membership status of each of these people in the organisation (absent: not a member), in the caller's transaction. */
  async statuses(manager: EntityManager, organisationId: string, userIds: readonly string[]): Promise<Map<string, MembershipStatus>> {
    if (userIds.length === 0) return new Map();
    const rows = (await manager.query(`SELECT user_id, status FROM memberships WHERE organisation_id = $1 AND user_id = ANY($2::uuid[])`, [
      organisationId,
      userIds,
    ])) as Array<{ user_id: string; status: MembershipStatus }>;
    return new Map(rows.map((r) => [r.user_id, r.status]));
  }

  /**
   * Many memberships in one statement; one that exists already (a concurrent add) is left
   * as it is (`ON CONFLICT DO NOTHING` on uq_memberships_organisation_user). Returns the
   * user ids this call inserted.
   */
  async insertMany(
    manager: EntityManager,
    organisationId: string,
    rows: ReadonlyArray<{ userId: string; roles: OrganisationRole[]; chainRoles: ChainRole[]; status: MembershipStatus; invitedName: string }>,
  ): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = (await manager.query(
      `INSERT INTO memberships (organisation_id, user_id, roles, chain_roles, status, invited_name)
       SELECT $1, t.u, string_to_array(t.r, ','), string_to_array(t.c, ','), t.s, t.n
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(u, r, c, s, n)
       ON CONFLICT ON CONSTRAINT uq_memberships_organisation_user DO NOTHING
       RETURNING user_id`,
      [organisationId, rows.map((r) => r.userId), rows.map((r) => r.roles.join(',')), rows.map((r) => r.chainRoles.join(',')),
        rows.map((r) => r.status), rows.map((r) => r.invitedName)],
    )) as Array<{ user_id: string }>;
    return new Set(inserted.map((r) => r.user_id));
  }

  async countAdmins(manager: EntityManager, organisationId: string): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS n FROM memberships WHERE organisation_id = $1 AND status = 'active' AND 'org-admin' = ANY(roles)`,
      [organisationId],
    );
    return (row as { n: number }).n;
  }

  /** Pending → active; false when there was no pending membership. */
  async activate(organisationId: string, userId: string, manager?: EntityManager): Promise<boolean> {
    const result = await (manager?.getRepository(Membership) ?? this.memberships).update({ organisationId, userId, status: 'pending' }, { status: 'active' });
    return (result.affected ?? 0) > 0;
  }

  /** Deletes a pending membership (declined); false when there was none. */
  async deletePending(organisationId: string, userId: string): Promise<boolean> {
    const result = await this.memberships.delete({ organisationId, userId, status: 'pending' });
    return (result.affected ?? 0) > 0;
  }

  async delete(manager: EntityManager, membership: Membership): Promise<void> {
    await manager.getRepository(Membership).delete({ id: membership.id });
  }

  async save(manager: EntityManager, membership: Membership): Promise<Membership> {
    return manager.getRepository(Membership).save(membership);
  }
}
