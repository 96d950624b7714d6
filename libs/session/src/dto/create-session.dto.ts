import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { SESSION_VISIBILITIES, type SessionVisibility } from '../entities/session.entity';
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
