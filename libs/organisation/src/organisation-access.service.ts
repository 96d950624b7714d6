import { Injectable } from '@nestjs/common';
import type { OrganisationRole } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { Membership } from './entities/membership.entity';
import { MembershipRepository } from './membership.repository';
import { OrganisationError } from './organisation.exception';

/**
 * Tenancy rules, for every domain that reads organisation data. A person who is not
 * a member gets 404 (the organisation's existence is not revealed); a member
 * without the needed role gets 403. Platform administrators pass everywhere.
 */
@Injectable()
export class OrganisationAccess {
  constructor(private readonly memberships: MembershipRepository) {}

  /** Any member (or a platform admin) may see the organisation. */
  async requireMember(user: AuthUser, organisationId: string): Promise<Membership | null> {
    if (user.isPlatformAdmin) return null;
    const membership = await this.memberships.find(organisationId, user.id);
    if (!membership) throw OrganisationError.notFound();
    return membership;
  }

  async requireRole(user: AuthUser, organisationId: string, roles: readonly OrganisationRole[]): Promise<Membership | null> {
    const membership = await this.requireMember(user, organisationId);
    if (membership && !membership.roles.some((role) => roles.includes(role))) throw OrganisationError.roleRequired(roles);
    return membership;
  }

  /** True when the user is a member (any role) of the organisation. */
  async isMember(userId: string, organisationId: string): Promise<boolean> {
    return (await this.memberships.find(organisationId, userId)) !== null;
  }

  organisationIdsWithRole(userId: string, roles: readonly OrganisationRole[]): Promise<string[]> {
    return this.memberships.organisationIdsWithRole(userId, roles);
  }
}
