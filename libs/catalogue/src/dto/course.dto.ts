import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ValidateIf, ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength,
} from 'class-validator';
import { CHAIN_ROLES, LOCALES, PageQueryDto, type ChainRole, type Locale } from '@schakel/common';
import { COURSE_ACCESS, COURSE_FORMATS, COURSE_STATUSES, type Course, type CourseAccess, type CourseFormat, type CourseStatus } from '../entities/course.entity';
import type { Quiz } from '../entities/quiz.entity';

/** Optional, but not nullable: `null` is validated (and rejected) like any wrong value. */
const IsOptionalValue = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class CreateCourseDto {
  @ApiProperty({ example: 'het-eerste-gesprek', pattern: SLUG_PATTERN.source })
  @IsString() @MaxLength(100) @Matches(SLUG_PATTERN, { message: 'must be lower-case words joined by hyphens' })
  slug: string;

  @ApiProperty({ example: 'Het eerste gesprek over eenzaamheid' })
  @IsString() @MinLength(2) @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ default: '' })
  @IsOptionalValue() @IsString() @MaxLength(4000)
  summary?: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'nl' })
  @IsOptionalValue() @IsIn(LOCALES)
  language?: Locale;

  @ApiProperty({ enum: CHAIN_ROLES, isArray: true })
  @IsArray() @ArrayUnique() @IsIn(CHAIN_ROLES, { each: true })
  chainRoles: ChainRole[];

  @ApiProperty({ enum: COURSE_FORMATS })
  @IsIn(COURSE_FORMATS)
  format: CourseFormat;

  @ApiPropertyOptional({ enum: COURSE_STATUSES, default: 'draft' })
  @IsOptionalValue() @IsIn(COURSE_STATUSES)
  status?: CourseStatus;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptionalValue() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsUUID('all', { each: true })
  prerequisiteIds?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 240, nullable: true })
  @IsOptional() @IsInt() @Min(1) @Max(240)
  certificateValidityMonths?: number | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, nullable: true, description: 'default pass mark for the quiz' })
  @IsOptional() @IsInt() @Min(0) @Max(100)
  passMark?: number | null;

  @ApiPropertyOptional({ minimum: 0.5, maximum: 1000, nullable: true })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 1 }) @Min(0.5) @Max(1000)
  durationHours?: number | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'a refresher renews certificates of that course' })
  @IsOptional() @IsUUID()
  renewsCourseId?: string | null;

  @ApiPropertyOptional({ enum: COURSE_ACCESS, default: 'open', description: 'by-organisation: only with a seat bought by an organisation, or in its in-company session' })
  @IsOptionalValue() @IsIn(COURSE_ACCESS)
  access?: CourseAccess;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000000, nullable: true, description: 'price of one seat in euro cents, excluding VAT' })
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000)
  seatPriceCents?: number | null;
}

/** Every field optional; `null` clears a nullable one. */
export class UpdateCourseDto {
  @ApiPropertyOptional({ pattern: SLUG_PATTERN.source })
  @IsOptionalValue() @IsString() @MaxLength(100) @Matches(SLUG_PATTERN, { message: 'must be lower-case words joined by hyphens' })
  slug?: string;

  @ApiPropertyOptional()
  @IsOptionalValue() @IsString() @MinLength(2) @MaxLength(200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptionalValue() @IsString() @MaxLength(4000)
  summary?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptionalValue() @IsIn(LOCALES)
  language?: Locale;

  @ApiPropertyOptional({ enum: CHAIN_ROLES, isArray: true })
  @IsOptionalValue() @IsArray() @ArrayUnique() @IsIn(CHAIN_ROLES, { each: true })
  chainRoles?: ChainRole[];

  @ApiPropertyOptional({ enum: COURSE_FORMATS })
  @IsOptionalValue() @IsIn(COURSE_FORMATS)
  format?: CourseFormat;

  @ApiPropertyOptional({ enum: COURSE_STATUSES, description: 'draft → published → archived (and archived → published)' })
  @IsOptionalValue() @IsIn(COURSE_STATUSES)
  status?: CourseStatus;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'replaces the prerequisites' })
  @IsOptionalValue() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsUUID('all', { each: true })
  prerequisiteIds?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @IsInt() @Min(1) @Max(240)
  certificateValidityMonths?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @IsInt() @Min(0) @Max(100)
  passMark?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 1 }) @Min(0.5) @Max(1000)
  durationHours?: number | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional() @IsUUID()
  renewsCourseId?: string | null;

  @ApiPropertyOptional({ enum: COURSE_ACCESS, default: 'open', description: 'by-organisation: only with a seat bought by an organisation, or in its in-company session' })
  @IsOptionalValue() @IsIn(COURSE_ACCESS)
  access?: CourseAccess;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000000, nullable: true, description: 'price of one seat in euro cents, excluding VAT' })
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000)
  seatPriceCents?: number | null;
}

export class CourseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CHAIN_ROLES })
  @IsOptionalValue() @IsIn(CHAIN_ROLES)
  chainRole?: ChainRole;

  @ApiPropertyOptional({ enum: COURSE_FORMATS })
  @IsOptionalValue() @IsIn(COURSE_FORMATS)
  format?: CourseFormat;
}

export class CourseSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: LOCALES }) language: Locale;
  @ApiProperty({ enum: CHAIN_ROLES, isArray: true }) chainRoles: ChainRole[];
  @ApiProperty({ enum: COURSE_FORMATS }) format: CourseFormat;
  @ApiProperty({ enum: COURSE_STATUSES }) status: CourseStatus;
  @ApiProperty({ nullable: true }) certificateValidityMonths: number | null;
  @ApiProperty({ nullable: true }) passMark: number | null;
  @ApiProperty({ nullable: true }) durationHours: number | null;
  @ApiProperty({ type: [String], format: 'uuid' }) prerequisiteIds: string[];
}

export class CoursePageResponse {
  @ApiProperty({ type: [CourseSummaryResponse] }) items: CourseSummaryResponse[];
  @ApiProperty() total: number;
}

export class PrerequisiteResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
}

export class QuizSummaryResponse {
  @ApiProperty() passMark: number;
  @ApiProperty({ nullable: true }) maxAttempts: number | null;
  @ApiProperty() questionCount: number;
}

export class CourseDetailResponse extends CourseSummaryResponse {
  @ApiProperty({ type: [PrerequisiteResponse] }) prerequisites: PrerequisiteResponse[];
  @ApiProperty({ format: 'uuid', nullable: true }) renewsCourseId: string | null;
  @ApiProperty({ enum: COURSE_ACCESS }) access: CourseAccess;
  @ApiProperty({ nullable: true, description: 'euro cents, excluding VAT' }) seatPriceCents: number | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: "only for the course's authors: the public detail names no person" })
  authorId?: string | null;
  @ApiProperty() lessonCount: number;
  @ApiProperty({ type: QuizSummaryResponse, nullable: true }) quiz: QuizSummaryResponse | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

/** Explicit mapping of a course with what the detail page shows beside it. */
export const toCourseDetail = (
  course: Course,
  prerequisites: PrerequisiteResponse[],
  lessonCount: number,
  quiz: Quiz | null,
  forAuthor: boolean,
): CourseDetailResponse => ({
  id: course.id,
  slug: course.slug,
  title: course.title,
  summary: course.summary,
  language: course.language,
  chainRoles: course.chainRoles,
  format: course.format,
  status: course.status,
  certificateValidityMonths: course.certificateValidityMonths,
  passMark: course.passMark,
  durationHours: course.durationHours,
  access: course.access,
  seatPriceCents: course.seatPriceCents,
  prerequisiteIds: prerequisites.map((p) => p.id),
  prerequisites,
  renewsCourseId: course.renewsCourseId,
  ...(forAuthor ? { authorId: course.createdById } : {}),
  lessonCount,
  quiz: quiz ? { passMark: quiz.passMark, maxAttempts: quiz.maxAttempts, questionCount: quiz.questions.length } : null,
  createdAt: course.createdAt.toISOString(),
  updatedAt: course.updatedAt.toISOString(),
});
