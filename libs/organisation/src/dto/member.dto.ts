import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CHAIN_ROLES, LOCALES, ORGANISATION_ROLES, PageQueryDto, type ChainRole, type Locale, type OrganisationRole } from '@schakel/common';
import { toUserResponse, UserResponse, type User } from '@schakel/identity';
import type { Membership } from '../entities/membership.entity';

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

/** The caller's account with the organisations they belong to. */
export const toMeResponse = (user: User, memberships: Membership[]): MeResponse => ({
  ...toUserResponse(user),
  memberships: memberships.map(({ organisationId, roles, chainRoles }) => ({ organisationId, roles, chainRoles })),
});
