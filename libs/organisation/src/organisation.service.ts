import { Injectable } from '@nestjs/common';
import { AccessError, AccessService } from '@schakel/access';
import { AuditLog } from '@schakel/audit';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation, type ChainRole, type Locale, type OrganisationRole, type Page } from '@schakel/common';
import { IdentityService, type AuthUser } from '@schakel/identity';
import { UnitOfWork, type Transaction } from '@schakel/jobs';
import { Membership, type MembershipStatus } from './entities/membership.entity';
import { Organisation } from './entities/organisation.entity';
import type { AddMemberDto, MemberQueryDto, UpdateMemberDto } from './dto/member.dto';
import type { CreateOrganisationDto } from './dto/organisation.dto';
import { MembershipRepository } from './membership.repository';
import { OrganisationError } from './organisation.exception';
import { OrganisationRepository } from './organisation.repository';

/** One person of an import batch (addresses unique within the batch). */
export interface NewBatchMember {
  email: string;
  name: string;
  roles: OrganisationRole[];
  chainRoles: ChainRole[];
  locale?: Locale;
}

/** What became of her: the user, whether this batch added her, and her membership's status. */
export interface BatchMember {
  userId: string;
  added: boolean;
  status: MembershipStatus;
}

@Injectable()
export class OrganisationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationRepository,
    private readonly memberships: MembershipRepository,
    private readonly access: AccessService,
    private readonly identity: IdentityService,
    private readonly work: UnitOfWork,
    private readonly audit: AuditLog,
  ) {}

  create(dto: CreateOrganisationDto): Promise<Organisation> {
    return this.organisations.insert(this.dataSource.manager, { name: dto.name.trim(), kind: dto.kind, address: dto.address?.trim() ?? '' });
  }

  async get(user: AuthUser, organisationId: string): Promise<Organisation> {
    await this.access.requireMember(user, organisationId);
    const organisation = await this.organisations.findById(organisationId);
    if (!organisation) throw AccessError.organisationNotFound();
    return organisation;
  }

  async list(user: AuthUser, limit: number, offset: number): Promise<Page<Organisation>> {
    if (user.isPlatformAdmin) return this.organisations.page(limit, offset);
    const ids = (await this.memberships.findAllForUser(user.id, 'active')).map((m) => m.organisationId);
    return this.organisations.page(limit, offset, ids);
  }

  /**
   * Creates the person when the e-mail is new (active at once: the account is the
   * organisation's invitation), or asks the owner of an existing account to accept: her
   * membership is pending and grants nothing until she does. The answer is the same
   * either way (the typed name, `pending`), so it reveals neither her name nor her account.
   */
  async addMember(user: AuthUser, organisationId: string, dto: AddMemberDto): Promise<Membership> {
    await this.requireAdmin(user, organisationId);
    try {
      const userId = await this.work.run(async ({ manager, publish }) => {
        const { user: person, created } = await this.identity.findOrCreateInvited(manager, dto.email, dto.name.trim(), dto.locale);
        const membership = await this.memberships.insert(manager, {
          organisationId,
          userId: person.id,
          roles: dto.roles,
          chainRoles: dto.chainRoles,
          status: created ? 'active' : 'pending',
          invitedName: dto.name.trim(),
        });
        // A new person gets the invitation (choose a password); an existing account is asked to consent.
        if (created) await publish('member.invited', { userId: person.id, organisationId });
        else await publish('membership.requested', { userId: person.id, organisationId });
        await this.audit.record(manager, {
          actorId: user.id,
          action: 'member.added',
          subjectType: 'membership',
          subjectId: person.id,
          organisationId,
          details: { status: membership.status, roles: dto.roles, chainRoles: dto.chainRoles },
        });
        return membership.userId;
      });
      return this.getMember(organisationId, userId);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_memberships_organisation_user')) throw OrganisationError.alreadyMember();
      throw error;
    }
  }

  /**
   * `addMember` for many people in one transaction (an import batch): the people are found
   * or created in two statements, the memberships written in one, the invitations and
   * membership requests published in one outbox statement each, the audit entries in one.
   * A person who is already a member (or became one concurrently) is left as she is.
   * The caller has checked that `actor` administers the organisation.
   */
  async addMembersInBatch(tx: Transaction, actor: AuthUser, organisationId: string, people: readonly NewBatchMember[]): Promise<Map<string, BatchMember>> {
    const users = await this.identity.findOrCreateInvitedMany(tx.manager, people);
    const byEmail = (email: string) => users.get(email.trim().toLowerCase())!;
    const statuses = await this.memberships.statuses(tx.manager, organisationId, [...users.values()].map((u) => u.userId));
    const fresh = people.filter((p) => !statuses.has(byEmail(p.email).userId));
    const rows = fresh.map((p) => ({
      userId: byEmail(p.email).userId,
      roles: p.roles,
      chainRoles: p.chainRoles,
      status: byEmail(p.email).created ? ('active' as const) : ('pending' as const),
      invitedName: p.name.trim(),
    }));
    const inserted = await this.memberships.insertMany(tx.manager, organisationId, rows);
    const added = rows.filter((r) => inserted.has(r.userId));
    // A new person gets the invitation (choose a password); an existing account is asked to consent.
    await tx.publishMany('member.invited', added.filter((r) => r.status === 'active').map((r) => ({ userId: r.userId, organisationId })));
    await tx.publishMany('membership.requested', added.filter((r) => r.status === 'pending').map((r) => ({ userId: r.userId, organisationId })));
    await this.audit.recordMany(
      tx.manager,
      added.map((r) => ({
        actorId: actor.id, action: 'member.added', subjectType: 'membership', subjectId: r.userId, organisationId,
        details: { status: r.status, roles: r.roles, chainRoles: r.chainRoles },
      })),
    );
    // A concurrent add between the lookup and the insert: she is a member, with the status that add gave her.
    const raced = rows.filter((r) => !inserted.has(r.userId)).map((r) => r.userId);
    const racedStatuses = raced.length ? await this.memberships.statuses(tx.manager, organisationId, raced) : new Map<string, MembershipStatus>();
    return new Map(
      people.map((p) => {
        const { userId } = byEmail(p.email);
        const status = statuses.get(userId) ?? racedStatuses.get(userId) ?? rows.find((r) => r.userId === userId)!.status;
        return [p.email.trim().toLowerCase(), { userId, added: inserted.has(userId), status }];
      }),
    );
  }

  async listMembers(user: AuthUser, organisationId: string, query: MemberQueryDto): Promise<Page<Membership>> {
    await this.requireAdmin(user, organisationId);
    return this.memberships.pageForOrganisation(organisationId, query);
  }

  async updateMember(user: AuthUser, organisationId: string, userId: string, dto: UpdateMemberDto): Promise<Membership> {
    await this.requireAdmin(user, organisationId);
    await this.work.run(async ({ manager, publish }) => {
      // Role changes in one organisation take turns, so two demotions cannot both see two admins.
      await this.organisations.lockForUpdate(manager, organisationId);
      const membership = await manager.getRepository(Membership).findOneBy({ organisationId, userId });
      if (!membership) throw OrganisationError.memberNotFound();
      if (dto.roles && membership.roles.includes('org-admin') && !dto.roles.includes('org-admin')) {
        if ((await this.memberships.countAdmins(manager, organisationId)) <= 1) throw OrganisationError.lastAdmin();
      }
      const before = { roles: membership.roles, chainRoles: membership.chainRoles };
      if (dto.roles) membership.roles = dto.roles;
      if (dto.chainRoles) membership.chainRoles = dto.chainRoles;
      await this.memberships.save(manager, membership);
      await publish('membership.changed', { userId, organisationId });
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'member.roles-changed',
        subjectType: 'membership',
        subjectId: userId,
        organisationId,
        details: { before, after: { roles: membership.roles, chainRoles: membership.chainRoles } },
      });
    });
    return this.getMember(organisationId, userId);
  }

  async membershipsOf(userId: string): Promise<Membership[]> {
    return this.memberships.findAllForUser(userId);
  }

  /** Organisations the person is an active member of (a pending membership shows nothing of its organisation). */
  async activeMembershipsOf(userId: string): Promise<Membership[]> {
    return this.memberships.findAllForUser(userId, 'active');
  }

  private async requireAdmin(user: AuthUser, organisationId: string): Promise<void> {
    await this.access.requireRole(user, organisationId, ['org-admin']);
    // A platform admin passes the role check; the organisation must still exist.
    if (user.isPlatformAdmin && !(await this.organisations.findById(organisationId))) throw AccessError.organisationNotFound();
  }

  private async getMember(organisationId: string, userId: string): Promise<Membership> {
    const membership = await this.memberships.findWithUser(organisationId, userId);
    if (!membership) throw OrganisationError.memberNotFound();
    return membership;
  }
}
