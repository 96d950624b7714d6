import { Controller, Get, Header, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainException } from '@schakel/common';
import { CancellationService, EnrolmentErrorCode } from '@schakel/enrolment';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { CalendarService } from '@schakel/session';
import { HtmlForm, HtmlPage, Page, PageContext, PageRenderer, WebError } from '@schakel/web';
import { MyTrainingsQuery, type TrainingView } from './my-trainings.query';

/**
 * "Mijn trainingen": the person's enrolments, each session's calendar file for the page
 * session (the JSON API's .ics gives the meeting link only to a bearer token), and cancelling
 * with a confirm step through the same CancellationService as POST /api/enrolments/:id/cancel.
 */
@ApiExcludeController()
@Controller('me/trainings')
export class TrainingsPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly trainings: MyTrainingsQuery,
    private readonly cancellation: CancellationService,
    private readonly calendars: CalendarService,
  ) {}

  @Get()
  @Authenticated()
  @HtmlPage()
  async list(@Page() page: PageContext, @CurrentUser() user: AuthUser): Promise<string> {
    const trainings = await this.trainings.list(user, page.lang);
    return this.pages.render(
      'trainings',
      page.view(this.pages.word(page.lang, 'myTrainings.title'), {
        current: trainings.filter((t) => t.open),
        past: trainings.filter((t) => !t.open),
        empty: trainings.length === 0,
      }),
    );
  }

  @Get(':enrolmentId/calendar.ics')
  @Authenticated()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="schakel-training.ics"')
  @Header('Cache-Control', 'private, no-store')
  async calendar(@CurrentUser() user: AuthUser, @Param('enrolmentId') enrolmentId: string): Promise<string> {
    const enrolment = await this.trainings.own(user, enrolmentId);
    if (!enrolment.sessionId) throw WebError.notFound();
    return this.calendars.sessionIcs(user, enrolment.sessionId);
  }

  @Get(':enrolmentId/cancel')
  @Authenticated()
  @HtmlPage()
  async askToCancel(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('enrolmentId') enrolmentId: string): Promise<string> {
    return this.cancelPage(page, await this.trainings.one(user, enrolmentId, page.lang));
  }

  @Post(':enrolmentId/cancel')
  @Authenticated()
  @HtmlForm()
  async cancel(
    @Page() page: PageContext,
    @CurrentUser() user: AuthUser,
    @Param('enrolmentId') enrolmentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    let training = await this.trainings.one(user, enrolmentId, page.lang);
    if (training.open) {
      try {
        await this.cancellation.cancel(user, training.id);
        page.flash('myTrainings.cancelled');
        return res.redirect(303, '/me/trainings');
      } catch (error) {
        // Completed between the question and the answer: said in words like any closed one.
        if (!(error instanceof DomainException && error.code === EnrolmentErrorCode.NotCancellable)) throw error;
        training = { ...training, status: 'completed', open: false };
      }
    }
    res.status(training.status === 'cancelled' ? 200 : 409);
    return this.cancelPage(page, training);
  }

  private cancelPage(page: PageContext, training: TrainingView): string {
    return this.pages.render('training-cancel', page.view(this.pages.word(page.lang, 'myTrainingCancel.title'), { training }));
  }
}
