import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CatalogueErrorCode, CourseService, CreateLessonDto, LessonService, PutQuizDto, QuizService, UpdateLessonDto } from '@schakel/catalogue';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { FormErrors, formText, HtmlForm, HtmlPage, Page, PageContext, PageRenderer, validateForm } from '@schakel/web';
import { codeOf, pathId } from './form-values';
import { quizFormAction, quizFormOf, readQuizForm, toPutQuiz, type QuizFormValues } from './quiz-form';
import { TrainerCourseQuery } from './trainer-course.query';

/** A course's lessons (add, edit, move up or down, video link) and its quiz editor, through LessonService and QuizService. */
@ApiExcludeController()
@Controller('trainer/courses/:id')
export class TrainerCourseContentController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly courses: CourseService,
    private readonly lessons: LessonService,
    private readonly quizzes: QuizService,
    private readonly query: TrainerCourseQuery,
  ) {}

  @Post('lessons')
  @Authenticated()
  @HtmlForm()
  async addLesson(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const values = this.lessonValues(body);
    const { value, errors } = await validateForm(CreateLessonDto, values, this.lessonWords(page));
    if (errors.any) {
      res.status(400);
      const data = await this.query.course(user, pathId(id));
      return this.pages.render('trainer-course', page.view(data.course.title, { ...data, details: data.course, lesson: values, ...errors.view() }));
    }
    await this.lessons.create(user, pathId(id), value);
    page.flash('trainer.course.lessonAdded');
    res.redirect(303, `/trainer/courses/${id}#lessons`);
  }

  @Get('lessons/:lessonId')
  @Authenticated()
  @HtmlPage()
  async editLesson(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Param('lessonId') lessonId: string): Promise<string> {
    const lesson = await this.editableLesson(user, id, lessonId);
    return this.lessonPage(page, id, lessonId, { title: lesson.title, body: lesson.body, videoUrl: lesson.videoUrl ?? '' }, new FormErrors());
  }

  @Post('lessons/:lessonId')
  @Authenticated()
  @HtmlForm()
  async saveLesson(
    @Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Param('lessonId') lessonId: string,
    @Body() body: unknown, @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    const values = this.lessonValues(body);
    const { value, errors } = await validateForm(UpdateLessonDto, { ...values, videoUrl: values.videoUrl ?? null }, this.lessonWords(page));
    if (errors.any) {
      await this.courses.getEditable(user, pathId(id));
      res.status(400);
      return this.lessonPage(page, id, pathId(lessonId), { ...values, videoUrl: values.videoUrl ?? '' }, errors);
    }
    await this.lessons.update(user, pathId(id), pathId(lessonId), value);
    page.flash('trainer.course.lessonSaved');
    res.redirect(303, `/trainer/courses/${id}#lessons`);
  }

  /** The confirm step before "Les verwijderen": what goes with the lesson, and what it may complete. */
  @Get('lessons/:lessonId/remove')
  @Authenticated()
  @HtmlPage()
  async confirmRemoveLesson(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Param('lessonId') lessonId: string): Promise<string> {
    return this.removePage(page, id, await this.editableLesson(user, id, lessonId));
  }

  /** Deletes the lesson; a published online course's last lesson stays, said on the confirm page. */
  @Post('lessons/:lessonId/remove')
  @Authenticated()
  @HtmlForm()
  async removeLesson(
    @Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Param('lessonId') lessonId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    try {
      await this.lessons.remove(user, pathId(id), pathId(lessonId));
    } catch (error) {
      if (codeOf(error) !== CatalogueErrorCode.LastLesson) throw error;
      res.status(409);
      return this.removePage(page, id, await this.lessons.get(user, pathId(id), pathId(lessonId)), this.pages.word(page.lang, 'trainer.lesson.lastLesson'));
    }
    page.flash('trainer.course.lessonRemoved');
    res.redirect(303, `/trainer/courses/${id}#lessons`);
  }

  /** "Omhoog" / "Omlaag": one place up or down; the catalogue keeps the others in order. */
  @Post('lessons/:lessonId/move')
  @Authenticated()
  @HtmlForm()
  async moveLesson(
    @Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Param('lessonId') lessonId: string,
    @Body() body: unknown, @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const lesson = await this.lessons.get(user, pathId(id), pathId(lessonId));
    const position = Math.max(0, lesson.position + (formText(body, 'direction') === 'up' ? -1 : 1));
    await this.lessons.update(user, id, lessonId, { position });
    page.flash('trainer.course.lessonMoved');
    res.redirect(303, `/trainer/courses/${id}#lessons`);
  }

  @Get('quiz')
  @Authenticated()
  @HtmlPage()
  async quiz(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string): Promise<string> {
    const course = await this.courses.getEditable(user, pathId(id));
    const quiz = await this.query.authorQuiz(user, course.id);
    return this.quizPage(page, course.id, course.title, quizFormOf(quiz, course.passMark ?? 70), new FormErrors());
  }

  /** "Toets opslaan", or "Nog een vraag" / "Nog een antwoord" (the same form with one more empty question or answer). */
  @Post('quiz')
  @Authenticated()
  @HtmlForm()
  async saveQuiz(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const course = await this.courses.getEditable(user, pathId(id));
    const action = quizFormAction(body);
    const form = readQuizForm(body, action);
    if (action.kind !== 'save') return this.quizPage(page, course.id, course.title, form, new FormErrors());
    const word = (key: string, values?: Record<string, unknown>) => this.pages.word(page.lang, `trainer.quiz.${key}`, values);
    const { input, errors } = toPutQuiz(form, word);
    const checked = await validateForm(PutQuizDto, input, { passMark: word('errors.passMark'), maxAttempts: word('errors.maxAttempts'), questions: word('errors.questions') });
    for (const problem of checked.errors.view().errors) errors.add(problem.field === 'questions' ? 'prompt-0' : problem.field, problem.message);
    if (errors.any) {
      res.status(400);
      return this.quizPage(page, course.id, course.title, form, errors);
    }
    await this.quizzes.put(user, course.id, checked.value);
    page.flash('trainer.quiz.saved');
    res.redirect(303, `/trainer/courses/${course.id}#quiz`);
  }

  private lessonValues(body: unknown): { title: string; body: string; videoUrl?: string } {
    const videoUrl = formText(body, 'videoUrl');
    return { title: formText(body, 'title'), body: formText(body, 'body'), ...(videoUrl ? { videoUrl } : {}) };
  }

  private lessonWords(page: PageContext): Record<string, string> {
    const word = (key: string) => this.pages.word(page.lang, `trainer.course.errors.${key}`);
    return { title: word('lessonTitle'), body: word('lessonBody'), videoUrl: word('videoUrl') };
  }

  /** A lesson of a course this person may edit (404 for a malformed id, 403 for another's course). */
  private async editableLesson(user: AuthUser, id: string, lessonId: string) {
    await this.courses.getEditable(user, pathId(id));
    return this.lessons.get(user, pathId(id), pathId(lessonId));
  }

  private lessonPage(page: PageContext, courseId: string, lessonId: string, lesson: { title: string; body: string; videoUrl: string }, errors: FormErrors): string {
    return this.pages.render('trainer-lesson', page.view(this.pages.word(page.lang, 'trainer.lesson.title', { title: lesson.title }), { courseId, lessonId, lesson, ...errors.view() }));
  }

  private removePage(page: PageContext, courseId: string, lesson: { id: string; title: string }, refused?: string): string {
    const title = this.pages.word(page.lang, 'trainer.lesson.removeTitle', { title: lesson.title });
    return this.pages.render('trainer-lesson-remove', page.view(title, { courseId, lessonId: lesson.id, title: lesson.title, refused }));
  }

  private quizPage(page: PageContext, courseId: string, courseTitle: string, form: QuizFormValues, errors: FormErrors): string {
    const shown = errors.view();
    const questions = form.questions.map((q) => ({
      ...q,
      options: q.options.map((o) => ({ ...o, label: this.pages.word(page.lang, 'trainer.quiz.option', { letter: o.letter }) })),
      promptError: shown.fieldErrors[q.promptId],
      optionsError: shown.fieldErrors[q.options[0].id],
      correctError: shown.fieldErrors[q.options[0].correctId],
    }));
    return this.pages.render('trainer-quiz', page.view(this.pages.word(page.lang, 'trainer.quiz.title', { course: courseTitle }), { courseId, courseTitle, form, questions, ...shown }));
  }
}
