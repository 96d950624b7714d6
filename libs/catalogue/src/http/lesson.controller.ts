import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@schakel/common';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { CreateLessonDto, LessonResponse, toLessonResponse, UpdateLessonDto } from '../dto/lesson.dto';
import { AuthorQuizResponse, LearnerQuizResponse, PutQuizDto } from '../dto/quiz.dto';
import { LessonService } from '../lesson.service';
import { QuizService } from '../quiz.service';

/** The online module of a course: ordered lessons and one quiz. */
@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('api/courses/:courseId')
export class ModuleController {
  constructor(
    private readonly lessons: LessonService,
    private readonly quizzes: QuizService,
  ) {}

  @Get('lessons')
  @Authenticated()
  @ApiParam({ name: 'courseId', description: 'the course id or its slug' })
  @ApiOkResponse({ type: [LessonResponse] })
  async list(@CurrentUser() user: AuthUser, @Param('courseId') courseId: string): Promise<{ items: LessonResponse[]; total: number }> {
    const lessons = await this.lessons.list(user, courseId);
    return { items: lessons.map(toLessonResponse), total: lessons.length };
  }

  @Get('lessons/:lessonId')
  @Authenticated()
  @ApiOkResponse({ type: LessonResponse })
  async get(@CurrentUser() user: AuthUser, @UuidParam('courseId') courseId: string, @UuidParam('lessonId') lessonId: string): Promise<LessonResponse> {
    return toLessonResponse(await this.lessons.get(user, courseId, lessonId));
  }

  @Post('lessons')
  @Authenticated()
  @ApiCreatedResponse({ type: LessonResponse })
  async create(@CurrentUser() user: AuthUser, @UuidParam('courseId') courseId: string, @Body() dto: CreateLessonDto): Promise<LessonResponse> {
    return toLessonResponse(await this.lessons.create(user, courseId, dto));
  }

  @Patch('lessons/:lessonId')
  @Authenticated()
  @ApiOkResponse({ type: LessonResponse })
  async update(
    @CurrentUser() user: AuthUser,
    @UuidParam('courseId') courseId: string,
    @UuidParam('lessonId') lessonId: string,
    @Body() dto: UpdateLessonDto,
  ): Promise<LessonResponse> {
    return toLessonResponse(await this.lessons.update(user, courseId, lessonId, dto));
  }

  @Delete('lessons/:lessonId')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse({
    description: "learners' progress on it goes with it, and a learner who has then done every remaining step completes; a published online course's last lesson: 409 catalogue.last-lesson",
  })
  remove(@CurrentUser() user: AuthUser, @UuidParam('courseId') courseId: string, @UuidParam('lessonId') lessonId: string): Promise<void> {
    return this.lessons.remove(user, courseId, lessonId);
  }

  @Get('quiz')
  @Authenticated()
  @ApiParam({ name: 'courseId', description: 'the course id or its slug' })
  @ApiOkResponse({ type: LearnerQuizResponse, description: 'authors also get `correct` per question' })
  getQuiz(@CurrentUser() user: AuthUser, @Param('courseId') courseId: string): Promise<AuthorQuizResponse | LearnerQuizResponse> {
    return this.quizzes.get(user, courseId);
  }

  @Put('quiz')
  @Authenticated()
  @ApiOkResponse({ type: AuthorQuizResponse })
  putQuiz(@CurrentUser() user: AuthUser, @UuidParam('courseId') courseId: string, @Body() dto: PutQuizDto): Promise<AuthorQuizResponse> {
    return this.quizzes.put(user, courseId, dto);
  }
}
