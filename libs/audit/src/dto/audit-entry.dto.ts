import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@schakel/common';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../entities/audit-entry.entity';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional() @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;
}

export class AuditEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: AuditAction;
  @ApiProperty() subjectType: string;
  @ApiProperty() subjectId: string;
  @ApiProperty({ format: 'uuid', nullable: true }) organisationId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty() createdAt: string;
}

export const toAuditEntryResponse = (e: AuditEntry): AuditEntryResponse => ({
  id: e.id,
  actorId: e.actorId,
  action: e.action,
  subjectType: e.subjectType,
  subjectId: e.subjectId,
  organisationId: e.organisationId,
  details: e.details,
  createdAt: e.createdAt.toISOString(),
});
