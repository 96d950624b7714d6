import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CHAIN_ROLES, type ChainRole } from '@schakel/common';

export class ChainReportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'svg'], default: 'json', description: 'svg: a stacked-bar chart' })
  @IsOptional() @IsIn(['json', 'csv', 'svg'])
  format?: 'json' | 'csv' | 'svg';
}

export class ExpiringMonth {
  @ApiProperty({ example: '2027-03', description: 'calendar month, Europe/Amsterdam' }) month: string;
  @ApiProperty({ description: 'certified members whose last certificate for the role ends in this month' }) count: number;
}

export class ChainRoleRow {
  @ApiProperty({ enum: CHAIN_ROLES }) chainRole: ChainRole;
  @ApiProperty({ description: 'Members with this chain role' }) assigned: number;
  @ApiProperty({ description: '… holding a valid certificate of a published course for this role' }) certified: number;
  @ApiProperty({ description: '… not certified, with an open enrolment in such a course' }) inProgress: number;
  @ApiProperty({ description: '… certified, but every such certificate expires within 60 days' }) expiringSoon: number;
  @ApiProperty({ type: [ExpiringMonth], description: 'this month and the next 11' }) expiringByMonth: ExpiringMonth[];
  @ApiProperty({ description: '… not certified, holding an expired certificate of such a course' }) expired: number;
}

export class ChainReportResponse {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: [ChainRoleRow] }) roles: ChainRoleRow[];
}
