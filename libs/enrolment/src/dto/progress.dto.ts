import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
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
  @ApiProperty() attemptNumber: number;
  @ApiProperty({ nullable: true, description: 'null when attempts are not limited' }) attemptsLeft: number | null;
  @ApiProperty({ enum: ENROLMENT_STATUSES, description: 'completed when this attempt finished the course' })
  enrolmentStatus: EnrolmentStatus;
}

export class LessonCompletedResponse {
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty() completedAt: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES }) enrolmentStatus: EnrolmentStatus;
}
