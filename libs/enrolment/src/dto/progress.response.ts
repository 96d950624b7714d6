import { ApiProperty } from '@nestjs/swagger';
import { COURSE_FORMATS, LearnerQuizResponse, type CourseFormat } from '@schakel/catalogue';
import { ENROLMENT_STATUSES, type EnrolmentStatus } from '../entities/enrolment.entity';

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
  @ApiProperty({ nullable: true, description: 'null when unlimited or there is no quiz' }) attemptsLeft: number | null;
}

export class EnrolmentQuizResponse extends LearnerQuizResponse {
  @ApiProperty() attemptsUsed: number;
  @ApiProperty({ nullable: true }) attemptsLeft: number | null;
  @ApiProperty() passed: boolean;
}
