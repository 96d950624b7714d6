import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CHAIN_ROLES, type ChainRole } from '@schakel/common';

export class ChainReportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional() @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class ChainRoleRow {
  @ApiProperty({ enum: CHAIN_ROLES }) chainRole: ChainRole;
  @ApiProperty({ description: 'Members with this chain role' }) assigned: number;
  @ApiProperty({ description: '… holding a valid certificate of a published course for this role' }) certified: number;
  @ApiProperty({ description: '… not certified, with an open enrolment in such a course' }) inProgress: number;
  @ApiProperty({ description: '… certified, but every such certificate expires within 60 days' }) expiringSoon: number;
}

export class ChainReportResponse {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: [ChainRoleRow] }) roles: ChainRoleRow[];
}
