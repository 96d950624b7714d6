import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class BulkEnrolmentQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  organisationId?: string;
}

export interface BulkRowResult {
  row: number;
  email: string;
  outcome: 'enrolled' | 'already-enrolled' | 'failed';
  enrolmentId?: string;
  status?: string;
  waitlistPosition?: number;
  error?: { statusCode: number; code: string; message: string };
}

export interface BulkResult {
  organisationId: string;
  total: number;
  enrolled: number;
  failed: number;
  rows: BulkRowResult[];
}
