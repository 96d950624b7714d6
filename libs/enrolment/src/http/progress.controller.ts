import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@schakel/common';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import {
  EnrolmentDetailResponse, EnrolmentQuizResponse, LessonCompletedResponse, QuizAttemptResultResponse, SubmitQuizAttemptDto,
} from '../dto/progress.dto';
import { MyEnrolmentsService } from '../progress/my-enrolments.service';
import { ProgressService } from '../progress/progress.service';

/** Progress through an online module. Only the learner records it; her org admins may read it. */
@ApiTags('enrolments')
@ApiBearerAuth()
@Controller('api/enrolments/:enrolmentId')
export class ProgressController {
  constructor(
    private readonly enrolments: MyEnrolmentsService,
    private readonly progress: ProgressService,
  ) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: EnrolmentDetailResponse })
  get(@CurrentUser() user: AuthUser, @UuidParam('enrolmentId') enrolmentId: string): Promise<EnrolmentDetailResponse> {
    return this.enrolments.detail(user, enrolmentId);
  }

  @Get('quiz')
  @Authenticated()
  @ApiOkResponse({ type: EnrolmentQuizResponse, description: 'questions and options only, never the answers' })
  quiz(@CurrentUser() user: AuthUser, @UuidParam('enrolmentId') enrolmentId: string): Promise<EnrolmentQuizResponse> {
    return this.enrolments.quiz(user, enrolmentId);
  }

  @Post('lessons/:lessonId/complete')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: LessonCompletedResponse, description: 'idempotent' })
  completeLesson(
    @CurrentUser() user: AuthUser,
    @UuidParam('enrolmentId') enrolmentId: string,
    @UuidParam('lessonId') lessonId: string,
  ): Promise<LessonCompletedResponse> {
    return this.progress.completeLesson(user, enrolmentId, lessonId);
  }

  @Post('quiz-attempts')
  @Authenticated()
  @ApiCreatedResponse({ type: QuizAttemptResultResponse })
  submitQuiz(
    @CurrentUser() user: AuthUser,
    @UuidParam('enrolmentId') enrolmentId: string,
    @Body() dto: SubmitQuizAttemptDto,
  ): Promise<QuizAttemptResultResponse> {
    return this.progress.submitQuiz(user, enrolmentId, dto.answers);
  }
}
