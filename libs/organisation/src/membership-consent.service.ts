import { Injectable } from '@nestjs/common';
import { AccessError, AccessService } from '@schakel/access';
import { AuditLog } from '@schakel/audit';
import { IdentityService, type AuthUser } from '@schakel/identity';
import { UnitOfWork } from '@schakel/jobs';
import { Membership } from './entities/membership.entity';
import { MembershipRepository } from './membership.repository';
import { OrganisationError } from './organisation.exception';
import { OrganisationRepository } from './organisation.repository';

/**
 * A membership starts and ends with consent: its owner accepts or declines a pending one
 * (signed in, or from the mailed link), and an org admin removes a member. A removal also
 * ends the person's outstanding tokens, so nothing she had open keeps the organisation's view.
 */
@Injectable()
export class MembershipConsentService {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly organisations: OrganisationRepository,
    private readonly access: AccessService,
    private readonly identity: IdentityService,
    private readonly audit: AuditLog,
    private readonly work: UnitOfWork,
  ) {}

  /**
   * Signed in: pending → active. An account whose address is unproven cannot accept this way
   * (the request went to the mailbox, whose owner may be someone else): 403.
   */
  async acceptSignedIn(userId: string, organisationId: string): Promise<void> {
    const user = await this.identity.getById(userId);
    if (!user?.emailVerifiedAt) throw OrganisationError.emailUnverified();
    await this.accept(userId, organisationId);
  }

  /** Pending → active. Accepting an active membership again changes nothing; none at all is 404. */
  async accept(userId: string, organisationId: string): Promise<void> {
    const accepted = await this.work.run(async ({ manager, publish }) => {
      if (!(await this.memberships.activate(organisationId, userId, manager))) return false;
      await publish('membership.changed', { userId, organisationId });
      await this.audit.record(manager, { actorId: userId, action: 'member.accepted', subjectType: 'membership', subjectId: userId, organisationId });
      return true;
    });
    if (accepted) return;
    const existing = await this.memberships.find(organisationId, userId);
    if (!existing) throw OrganisationError.membershipNotFound();
  }

  /** Declining deletes the pending membership; an active one is not declined (leave it instead). */
  async decline(userId: string, organisationId: string): Promise<void> {
    if (await this.memberships.deletePending(organisationId, userId)) {
      await this.audit.record(null, { actorId: userId, action: 'member.declined', subjectType: 'membership', subjectId: userId, organisationId });
      return;
    }
    const existing = await this.memberships.find(organisationId, userId);
    if (!existing) throw OrganisationError.membershipNotFound();
    throw OrganisationError.notPending();
  }

  /** DELETE /api/organisations/:orgId/members/:userId (org admin, platform admin). */
  async remove(actor: AuthUser, organisationId: string, userId: string): Promise<void> {
    await this.access.requireRole(actor, organisationId, ['org-admin']);
    if (actor.isPlatformAdmin && !(await this.organisations.findById(organisationId))) throw AccessError.organisationNotFound();
    await this.work.run(async ({ manager, publish }) => {
      // Role changes and removals in one organisation take turns (the last-admin count).
      await this.organisations.lockForUpdate(manager, organisationId);
      const membership = await manager.getRepository(Membership).findOneBy({ organisationId, userId });
      if (!membership) throw OrganisationError.memberNotFound();
      if (membership.status === 'active' && membership.roles.includes('org-admin')) {
        if ((await this.memberships.countAdmins(manager, organisationId)) <= 1) throw OrganisationError.lastAdmin();
      }
      await this.memberships.delete(manager, membership);
      await publish('membership.changed', { userId, organisationId });
      await this.identity.revokeTokens(userId, manager);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'member.removed',
        subjectType: 'membership',
        subjectId: userId,
        organisationId,
        details: { status: membership.status, roles: membership.roles },
      });
    });
  }
}
