import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CHAIN_ROLES, LOCALES, ORGANISATION_ROLES, PageQueryDto, type ChainRole, type Locale, type OrganisationRole } from '@schakel/common';
import { toUserResponse, UserResponse, type User } from '@schakel/identity';
import type { Membership, MembershipStatus } from '../entities/membership.entity';

export class AddMemberDto {
  @ApiProperty({ example: 'piet@example.nl' })
  @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Piet Jansen' })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_ROLES, isArray: true })
  @IsArray() @ArrayUnique() @IsIn(ORGANISATION_ROLES, { each: true })
  roles: OrganisationRole[];

  @ApiProperty({ enum: CHAIN_ROLES, isArray: true })
  @IsArray() @ArrayUnique() @IsIn(CHAIN_ROLES, { each: true })
  chainRoles: ChainRole[];

  @ApiPropertyOptional({ enum: LOCALES, description: 'for a person who has no account yet' })
  @IsOptional() @IsIn(LOCALES)
  locale?: Locale;
}

export class UpdateMemberDto {
  @ApiPropertyOptional({ enum: ORGANISATION_ROLES, isArray: true })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(ORGANISATION_ROLES, { each: true })
  roles?: OrganisationRole[];

  @ApiPropertyOptional({ enum: CHAIN_ROLES, isArray: true })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(CHAIN_ROLES, { each: true })
  chainRoles?: ChainRole[];
}

export class MemberQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CHAIN_ROLES })
  @IsOptional() @IsIn(CHAIN_ROLES)
  chainRole?: ChainRole;
}

export class MemberResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_ROLES, isArray: true }) roles: OrganisationRole[];
  @ApiProperty({ enum: CHAIN_ROLES, isArray: true }) chainRoles: ChainRole[];
  @ApiProperty({ description: 'false until the person has set a password or accepted the membership' }) hasAccount: boolean;
  @ApiProperty({ enum: ['active', 'pending'], description: 'pending until the person has set a password or accepted' }) status: MembershipStatus;
  @ApiProperty() createdAt: string;
}

/**
 * What an organisation sees of a member. Until the person has acted (chosen a password, or
 * accepted), a new invitee and an existing account look the same: `pending`, the name the
 * admin typed; so adding an address tells the admin nothing about who holds it.
 */
export function toMemberResponse(m: Membership): MemberResponse {
  if (!m.user) throw new Error('membership loaded without its user');
  const pending = m.status === 'pending' || m.user.passwordHash === null;
  return {
    userId: m.userId,
    organisationId: m.organisationId,
    email: m.user.email,
    name: m.status === 'pending' ? (m.invitedName ?? m.user.email) : m.user.name,
    roles: m.roles,
    chainRoles: m.chainRoles,
    hasAccount: !pending,
    status: pending ? 'pending' : 'active',
    createdAt: m.createdAt.toISOString(),
  };
}

export class MembershipSummary {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: ORGANISATION_ROLES, isArray: true }) roles: OrganisationRole[];
  @ApiProperty({ enum: CHAIN_ROLES, isArray: true }) chainRoles: ChainRole[];
  @ApiProperty({ enum: ['active', 'pending'] }) status: MembershipStatus;
}

export class MeResponse extends UserResponse {
  @ApiProperty({ type: [MembershipSummary] }) memberships: MembershipSummary[];
}

/** The caller's account with the organisations they belong to. */
export const toMeResponse = (user: User, memberships: Membership[]): MeResponse => ({
  ...toUserResponse(user),
  memberships: memberships.map(({ organisationId, roles, chainRoles, status }) => ({ organisationId, roles, chainRoles, status })),
});
