import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsISO8601, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested,
} from 'class-validator';
import { IsIanaTimezone } from './timezone.validator';
import { ISO_WITH_OFFSET, MeetingInputDto, OFFSET_MESSAGE, OFFSET_PATTERN } from './create-session.dto';

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
