import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { COURSE_FORMATS, LearnerQuizResponse, type CourseFormat } from '@schakel/catalogue';
import { PageQueryDto } from '@schakel/common';
import { ENROLMENT_STATUSES, type EnrolmentStatus } from '../entities/enrolment.entity';

export class SubmitQuizAttemptDto {
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'integer' } }, example: [[1], [0, 2]],
    description: 'per question, the indexes of the chosen options' })
  @IsArray() @ArrayMaxSize(100) @IsArray({ each: true }) @ArrayMaxSize(20, { each: true })
  answers: number[][];
}

export class MyEnrolmentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ENROLMENT_STATUSES })
  @IsOptional() @IsIn(ENROLMENT_STATUSES)
  status?: EnrolmentStatus;
}

export class QuizAttemptResultResponse {
  @ApiProperty({ description: 'percentage of questions answered exactly right' }) score: number;
  @ApiProperty() passed: boolean;
  @ApiProperty({ description: 'how many questions are right (never which)' }) correctCount: number;
  @ApiProperty() questionCount: number;
  @ApiProperty() attemptNumber: number;
  @ApiProperty({ description: 'every quiz is limited (3 attempts unless its author chose otherwise)' }) attemptsLeft: number;
  @ApiProperty({ enum: ENROLMENT_STATUSES, description: 'completed when this attempt finished the course' })
  enrolmentStatus: EnrolmentStatus;
}

export class LessonCompletedResponse {
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty() completedAt: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES }) enrolmentStatus: EnrolmentStatus;
}

export class EnrolmentCourseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: COURSE_FORMATS }) format: CourseFormat;
}

export class ProgressSummaryResponse {
  @ApiProperty() lessonsCompleted: number;
  @ApiProperty() lessonCount: number;
  @ApiProperty() hasQuiz: boolean;
  @ApiProperty() quizPassed: boolean;
  @ApiProperty() attemptsUsed: number;
}

export class MyEnrolmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES }) status: EnrolmentStatus;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ type: EnrolmentCourseResponse }) course: EnrolmentCourseResponse;
  @ApiProperty({ format: 'uuid', nullable: true }) sessionId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) organisationId: string | null;
  @ApiProperty({ nullable: true }) waitlistPosition: number | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true }) completedAt: string | null;
  @ApiProperty({ nullable: true }) cancelledAt: string | null;
  @ApiProperty() lastActivityAt: string;
  @ApiProperty({ type: ProgressSummaryResponse }) progress: ProgressSummaryResponse;
}

export class AttemptResponse {
  @ApiProperty() attemptNumber: number;
  @ApiProperty() score: number;
  @ApiProperty() passed: boolean;
  @ApiProperty() createdAt: string;
}

export class EnrolmentDetailResponse extends MyEnrolmentResponse {
  @ApiProperty({ type: [String], format: 'uuid' }) completedLessonIds: string[];
  @ApiProperty({ type: [AttemptResponse] }) attempts: AttemptResponse[];
  @ApiProperty({ nullable: true }) maxAttempts: number | null;
  @ApiProperty({ nullable: true, description: 'null when there is no quiz' }) attemptsLeft: number | null;
}

export class EnrolmentQuizResponse extends LearnerQuizResponse {
  @ApiProperty() attemptsUsed: number;
  @ApiProperty({ nullable: true }) attemptsLeft: number | null;
  @ApiProperty() passed: boolean;
}
