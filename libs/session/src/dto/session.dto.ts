import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min, MinLength,
  ValidateIf, ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '@schakel/common';
import type { Meeting } from '../entities/meeting.entity';
import { SESSION_VISIBILITIES, type Session, type SessionStatus, type SessionVisibility } from '../entities/session.entity';
import { IsIanaTimezone } from './timezone.validator';

/** ISO 8601 with an explicit offset (or Z): a local time without a zone is ambiguous. */
export const ISO_WITH_OFFSET = { strict: true, strictSeparator: true } as const;
export const OFFSET_PATTERN = /(Z|[+-]\d{2}:?\d{2})$/;
export const OFFSET_MESSAGE = { message: '$property must be ISO 8601 with a time zone offset' };

export class MeetingInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'on update: an existing meeting to keep (its UID stays)' })
  @IsOptional() @IsUUID()
  id?: string;

  @ApiProperty({ example: '2026-03-29T09:00:00+02:00' })
  @IsISO8601(ISO_WITH_OFFSET) @Matches(OFFSET_PATTERN, OFFSET_MESSAGE)
  startsAt: string;

  @ApiProperty({ example: '2026-03-29T16:30:00+02:00' })
  @IsISO8601(ISO_WITH_OFFSET) @Matches(OFFSET_PATTERN, OFFSET_MESSAGE)
  endsAt: string;
}

export class CreateSessionDto {
  @ApiProperty({ type: [MeetingInputDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => MeetingInputDto)
  meetings: MeetingInputDto[];

  @ApiPropertyOptional({ default: 'Europe/Amsterdam' })
  @IsOptional() @IsIanaTimezone()
  timezone?: string;

  @ApiPropertyOptional({ description: 'a title for this run, e.g. "Voorjaar 2026"' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ description: 'the room; location or onlineUrl is required' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500)
  location?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsUrl({ protocols: ['https', 'http'], require_protocol: true }) @MaxLength(2000)
  onlineUrl?: string;

  @ApiProperty({ minimum: 1 })
  @IsInt() @Min(1) @Max(100_000)
  capacity: number;

  @ApiProperty({ enum: SESSION_VISIBILITIES })
  @IsIn(SESSION_VISIBILITIES)
  visibility: SessionVisibility;

  @ApiPropertyOptional({ format: 'uuid', description: 'required for in-company sessions' })
  @IsOptional() @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsISO8601(ISO_WITH_OFFSET) @Matches(OFFSET_PATTERN, OFFSET_MESSAGE)
  enrolmentDeadline?: string;

  @ApiPropertyOptional({ type: [String], description: 'more trainers; the creator is always one' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true })
  trainerIds?: string[];
}

/**
 * A change by a trainer. `meetings`, when given, is the whole new list: items with an
 * id keep that meeting (and its calendar UID), items without one are new, and existing
 * meetings left out are cancelled.
 */
export class UpdateSessionDto {
  @ApiPropertyOptional({ type: [MeetingInputDto] })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => MeetingInputDto)
  meetings?: MeetingInputDto[];

  @ApiPropertyOptional()
  @IsOptional() @IsIanaTimezone()
  timezone?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsString() @MinLength(1) @MaxLength(500)
  location?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsUrl({ protocols: ['https', 'http'], require_protocol: true }) @MaxLength(2000)
  onlineUrl?: string | null;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional() @IsInt() @Min(1) @Max(100_000)
  capacity?: number;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsISO8601(ISO_WITH_OFFSET) @Matches(OFFSET_PATTERN, OFFSET_MESSAGE)
  enrolmentDeadline?: string | null;
}

export class SessionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  courseId?: string;

  @ApiPropertyOptional({ description: 'sessions ending at or after this moment' })
  @IsOptional() @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'sessions starting before this moment' })
  @IsOptional() @IsISO8601()
  to?: string;
}

export class MeetingResponse {
  @ApiProperty({ format: 'uuid', description: 'stable: also the calendar UID' }) id: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty() sequence: number;
  @ApiProperty({ nullable: true }) cancelledAt: string | null;
}

export class SessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ nullable: true }) title: string | null;
  @ApiProperty() timezone: string;
  @ApiProperty({ nullable: true }) location: string | null;
  @ApiProperty({ nullable: true }) onlineUrl: string | null;
  @ApiProperty() capacity: number;
  @ApiProperty() confirmedCount: number;
  @ApiProperty() waitlistCount: number;
  @ApiProperty() seatsLeft: number;
  @ApiProperty({ enum: SESSION_VISIBILITIES }) visibility: SessionVisibility;
  @ApiProperty({ format: 'uuid', nullable: true }) organisationId: string | null;
  @ApiProperty({ nullable: true }) enrolmentDeadline: string | null;
  @ApiProperty({ enum: ['scheduled', 'cancelled'] }) status: SessionStatus;
  @ApiProperty() sequence: number;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty({ type: [MeetingResponse] }) meetings: MeetingResponse[];
  @ApiPropertyOptional({ type: [String], description: 'user ids of the trainers' }) trainerIds?: string[];
}

export function toMeetingResponse(m: Meeting): MeetingResponse {
  return {
    id: m.id,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    sequence: m.sequence,
    cancelledAt: m.cancelledAt?.toISOString() ?? null,
  };
}

/**
 * `showOnlineUrl`: the meeting link is for the session's confirmed learners and trainers
 * (and platform admins) only; anyone else who may see the session gets null.
 */
export function toSessionResponse(s: Session, meetings: Meeting[], trainerIds?: string[], showOnlineUrl = false): SessionResponse {
  return {
    id: s.id,
    courseId: s.courseId,
    title: s.title,
    timezone: s.timezone,
    location: s.location,
    onlineUrl: showOnlineUrl ? s.onlineUrl : null,
    capacity: s.capacity,
    confirmedCount: s.confirmedCount,
    waitlistCount: s.waitlistCount,
    seatsLeft: Math.max(0, s.capacity - s.confirmedCount),
    visibility: s.visibility,
    organisationId: s.organisationId,
    enrolmentDeadline: s.enrolmentDeadline?.toISOString() ?? null,
    status: s.status,
    sequence: s.sequence,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    meetings: meetings.map(toMeetingResponse),
    ...(trainerIds ? { trainerIds } : {}),
  };
}
