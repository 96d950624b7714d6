import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { ENROLMENT_STATUSES, type Enrolment, type EnrolmentStatus } from '../entities/enrolment.entity';

export class CreateEnrolmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  courseId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'a session of a live or blended course' })
  @IsOptional() @IsUUID()
  sessionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'an org admin enrolling one of their members' })
  @IsOptional() @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'use a seat of a licence the organisation bought' })
  @IsOptional() @IsUUID()
  licenceId?: string;
}

export class EnrolmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES }) status: EnrolmentStatus;
  @ApiPropertyOptional({ description: '1-based place in line, while waitlisted' }) waitlistPosition?: number;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ format: 'uuid', nullable: true }) sessionId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) organisationId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) licenceId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true }) completedAt: string | null;
  @ApiProperty({ nullable: true }) cancelledAt: string | null;
}

export function toEnrolmentResponse(e: Enrolment): EnrolmentResponse {
  return {
    id: e.id,
    status: e.status,
    ...(e.waitlistPosition !== null ? { waitlistPosition: e.waitlistPosition } : {}),
    userId: e.userId,
    courseId: e.courseId,
    sessionId: e.sessionId,
    organisationId: e.organisationId,
    licenceId: e.licenceId ?? null,
    createdAt: e.createdAt.toISOString(),
    completedAt: e.completedAt?.toISOString() ?? null,
    cancelledAt: e.cancelledAt?.toISOString() ?? null,
  };
}
