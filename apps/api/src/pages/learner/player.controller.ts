import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { LessonRepository } from '@schakel/catalogue';
import { DomainException } from '@schakel/common';
import { EnrolmentErrorCode, MyEnrolmentsService, ProgressService, type EnrolmentDetailResponse, type QuizAttemptResultResponse } from '@schakel/enrolment';
import { Authenticated, type AuthUser } from '@schakel/identity';
import { FormErrors, HtmlForm, HtmlPage, Page, PageContext, PageRenderer, WebError } from '@schakel/web';
import { afterLesson, currentStep, lessonBlocks, postedAnswers, quizForm } from './player.view';
import { recordId, signedIn } from './signed-in';

const LEARNING = ['active', 'confirmed', 'completed'];

/** A graded attempt as the result page shows it (carried across the redirect after the quiz form). */
type QuizResultView = QuizAttemptResultResponse & { passMark: number; completed: boolean };

/**
 * The module player (/learn/:enrolmentId): lessons in order with a progress bar, "Volgende"
 * records a lesson and goes on, then the quiz and its result in words. Progress and grading
 * are the JSON routes' own services (ProgressService); the page only ever gets the learner's
 * view of the quiz, never its answers. Only the learner herself opens her player.
 */
@ApiExcludeController()
@Controller('learn/:enrolmentId')
export class PlayerPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly enrolments: MyEnrolmentsService,
    private readonly progress: ProgressService,
    private readonly lessons: LessonRepository,
  ) {}

  @Get()
  @Authenticated()
  @HtmlPage()
  async show(@Page() page: PageContext, @Param('enrolmentId') id: string, @Query('lesson') lesson?: string, @Query('step') step?: string): Promise<string> {
    const result = step === 'result' ? page.carried<QuizResultView>('quizResult') : undefined;
    return this.render(page, await this.load(page, id), result ? {} : { lesson, step: step === 'result' ? 'quiz' : step }, result ? { result } : {});
  }

  @Post('lessons/:lessonId')
  @Authenticated()
  @HtmlForm()
  async lessonDone(@Page() page: PageContext, @Param('enrolmentId') id: string, @Param('lessonId') lessonId: string, @Res({ passthrough: true }) res: Response): Promise<void> {
    const { detail, lessons } = await this.load(page, id);
    const index = lessons.findIndex((l) => l.id === lessonId);
    if (index < 0) throw WebError.notFound();
    await this.progress.completeLesson(signedIn(page), detail.id, lessonId);
    res.redirect(303, afterLesson(detail.id, lessons, index, detail.progress.hasQuiz));
  }

  @Post('quiz')
  @Authenticated()
  @HtmlForm()
  async submitQuiz(@Page() page: PageContext, @Param('enrolmentId') id: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const loaded = await this.load(page, id);
    const user = signedIn(page);
    const quiz = await this.enrolments.quiz(user, loaded.detail.id);
    const answers = postedAnswers(body, quiz.questions.length);
    const errors = new FormErrors();
    answers.forEach((chosen, i) => chosen.length === 0 && errors.add(`q${i}`, this.pages.word(page.lang, 'player.answerMissing', { n: i + 1 })));
    if (errors.any) {
      res.status(400);
      return this.render(page, loaded, { step: 'quiz' }, { answers, errors });
    }
    let result: QuizAttemptResultResponse;
    try {
      result = await this.progress.submitQuiz(user, loaded.detail.id, answers);
    } catch (error) {
      // Out of attempts (another tab used the last one): the quiz page says so in words.
      if (!(error instanceof DomainException && error.code === EnrolmentErrorCode.QuizAttemptsExhausted)) throw error;
      res.status(409);
      return this.render(page, await this.load(page, id), { step: 'quiz' });
    }
    // The result is shown by the GET it redirects to: reloading it shows it again, and sends no answers twice.
    page.carry('quizResult', { ...result, passMark: quiz.passMark, completed: result.enrolmentStatus === 'completed' } satisfies QuizResultView);
    res.redirect(303, `/learn/${loaded.detail.id}?step=result`);
  }

  /** Her own enrolment only: anyone else's (even one her organisation may read) is "niet gevonden". */
  private async load(page: PageContext, id: string) {
    const user = signedIn(page);
    const detail = await this.enrolments.detail(user, recordId(id));
    if (detail.userId !== user.id) throw WebError.notFound();
    return { user, detail, lessons: await this.lessons.listForCourse(detail.courseId) };
  }

  private async render(
    page: PageContext,
    { user, detail, lessons }: { user: AuthUser; detail: EnrolmentDetailResponse; lessons: Awaited<ReturnType<LessonRepository['listForCourse']>> },
    asked: { lesson?: string; step?: string },
    posted: { answers?: number[][]; errors?: FormErrors; result?: QuizResultView } = {},
  ): Promise<string> {
    const word = (path: string, values?: Record<string, unknown>) => this.pages.word(page.lang, path, values);
    const step = posted.result ? { kind: 'result' as const } : currentStep(lessons, detail, asked);
    const quiz = step.kind === 'quiz' ? await this.enrolments.quiz(user, detail.id) : null;
    const done = new Set(detail.completedLessonIds);
    const { lessonsCompleted, lessonCount } = detail.progress;
    const attemptsLeft = posted.result?.attemptsLeft ?? quiz?.attemptsLeft ?? detail.attemptsLeft ?? 0;
    return this.pages.render(
      'learn',
      page.view(detail.course.title, {
        enrolmentId: detail.id,
        course: detail.course,
        breadcrumb: [{ href: '/me', label: word('player.breadcrumb') }, { label: detail.course.title }],
        lessonCount,
        progress: { percent: lessonCount ? Math.round((lessonsCompleted * 100) / lessonCount) : 0, label: word('player.progress', { done: lessonsCompleted, total: lessonCount }) },
        waitlistPlace: detail.status === 'waitlisted' ? detail.waitlistPosition : null,
        inSession: detail.status === 'confirmed' && detail.course.format === 'blended',
        notOpen: !LEARNING.includes(detail.status) && detail.status !== 'waitlisted',
        canLearn: LEARNING.includes(detail.status),
        lessons: lessons.map((l, i) => ({ id: l.id, title: l.title, done: done.has(l.id), current: step.kind === 'lesson' && step.index === i })),
        hasQuiz: detail.progress.hasQuiz,
        quizPassed: detail.progress.quizPassed,
        lesson: step.kind === 'lesson' ? { id: step.lesson.id, number: step.index + 1, title: step.lesson.title, videoUrl: step.lesson.videoUrl, blocks: lessonBlocks(step.lesson.body) } : null,
        quiz: quiz && LEARNING.includes(detail.status) ? quizForm(quiz, posted.answers, posted.errors?.view().fieldErrors) : null,
        ...(posted.errors?.view() ?? {}),
        finished: step.kind === 'finished',
        completed: detail.status === 'completed',
        result: posted.result ?? null,
        attemptsText: attemptsLeft === 1 ? word('player.attemptsLeftOne') : attemptsLeft > 1 ? word('player.attemptsLeftMany', { n: attemptsLeft }) : word('player.noAttemptsLeft'),
      }),
    );
  }
}
