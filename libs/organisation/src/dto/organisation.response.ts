import { ApiProperty } from '@nestjs/swagger';
import { CHAIN_ROLES, ORGANISATION_ROLES, type ChainRole, type OrganisationRole } from '@schakel/common';
import { UserResponse } from '@schakel/identity';
import type { Membership } from '../entities/membership.entity';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from '../entities/organisation.entity';

export class OrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty() createdAt: string;
}

export const toOrganisationResponse = (o: Organisation): OrganisationResponse => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  createdAt: o.createdAt.toISOString(),
});

export class MemberResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_ROLES, isArray: true }) roles: OrganisationRole[];
  @ApiProperty({ enum: CHAIN_ROLES, isArray: true }) chainRoles: ChainRole[];
  @ApiProperty({ description: 'false until the person has set a password' }) hasAccount: boolean;
  @ApiProperty() createdAt: string;
}

export function toMemberResponse(m: Membership): MemberResponse {
  if (!m.user) throw new Error('membership loaded without its user');
  return {
    userId: m.userId,
    organisationId: m.organisationId,
    email: m.user.email,
    name: m.user.name,
    roles: m.roles,
    chainRoles: m.chainRoles,
    hasAccount: m.user.passwordHash !== null,
    createdAt: m.createdAt.toISOString(),
  };
}

export class MembershipSummary {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: ORGANISATION_ROLES, isArray: true }) roles: OrganisationRole[];
  @ApiProperty({ enum: CHAIN_ROLES, isArray: true }) chainRoles: ChainRole[];
}

export class MeResponse extends UserResponse {
  @ApiProperty({ type: [MembershipSummary] }) memberships: MembershipSummary[];
}
