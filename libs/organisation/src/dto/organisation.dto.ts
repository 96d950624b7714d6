import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CHAIN_ROLES, LOCALES, ORGANISATION_ROLES, PageQueryDto, type ChainRole, type Locale, type OrganisationRole } from '@schakel/common';
import { ORGANISATION_KINDS, type OrganisationKind } from '../entities/organisation.entity';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Gemeente Zwolle' })
  @IsString() @MinLength(2) @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;
}

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
