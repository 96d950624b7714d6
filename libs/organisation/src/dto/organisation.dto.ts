import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from '../entities/organisation.entity';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Gemeente Zwolle' })
  @IsString() @MinLength(2) @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiPropertyOptional({ example: 'Postbus 1\n8000 AA Zwolle', description: 'invoice address' })
  @IsOptional() @IsString() @MaxLength(500)
  address?: string;
}

export class OrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty() address: string;
  @ApiProperty() createdAt: string;
}

export const toOrganisationResponse = (o: Organisation): OrganisationResponse => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  address: o.address,
  createdAt: o.createdAt.toISOString(),
});
