import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam, type Page } from '@schakel/common';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { LessonCompletedResponse, MyEnrolmentsQueryDto, QuizAttemptResultResponse, SubmitQuizAttemptDto } from './dto/progress.dto';
import { EnrolmentDetailResponse, EnrolmentQuizResponse, MyEnrolmentResponse } from './dto/progress.response';
import { MyEnrolmentsService } from './my-enrolments.service';
import { ProgressService } from './progress.service';

@ApiTags('enrolments')
@ApiBearerAuth()
@Controller('api/me/enrolments')
export class MyEnrolmentsController {
  constructor(private readonly enrolments: MyEnrolmentsService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ description: "the caller's enrolments, newest first, with progress: { items, total }" })
  list(@CurrentUser() user: AuthUser, @Query() query: MyEnrolmentsQueryDto): Promise<Page<MyEnrolmentResponse>> {
    return this.enrolments.list(user, query);
  }
}

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
