import { ApiProperty } from '@nestjs/swagger';
import { CHAIN_ROLES, LOCALES, type ChainRole, type Locale } from '@schakel/common';
import { COURSE_FORMATS, COURSE_STATUSES, type CourseFormat, type CourseStatus } from '../entities/course.entity';

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
  @ApiProperty({ format: 'uuid', nullable: true }) authorId: string | null;
  @ApiProperty() lessonCount: number;
  @ApiProperty({ type: QuizSummaryResponse, nullable: true }) quiz: QuizSummaryResponse | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}
