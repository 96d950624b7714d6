import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CourseService } from '@schakel/catalogue';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { OrganisationRepository } from '@schakel/organisation';
import { CreateSessionDto, SessionService } from '@schakel/session';
import { FormErrors, formText, HtmlForm, HtmlPage, Page, PageContext, PageRenderer, validateForm } from '@schakel/web';
import {
  emptySessionForm, MAX_MEETING_ROWS, readSessionForm, sessionFieldOf, sessionFieldWords, sessionRefusal, toCreateSession, type SessionFormValues,
} from './session-form';
import { TrainerAccess } from './trainer-access';
import { TrainerSessionQuery } from './trainer-session.query';

/** "Mijn sessies" and planning a new session, through the same SessionService as POST /api/courses/:courseId/sessions. */
@ApiExcludeController()
@Controller('trainer')
export class TrainerSessionsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly trainers: TrainerAccess,
    private readonly query: TrainerSessionQuery,
    private readonly sessions: SessionService,
    private readonly courses: CourseService,
    private readonly organisations: OrganisationRepository,
  ) {}

  @Get()
  @Authenticated()
  @HtmlPage()
  async mySessions(@Page() page: PageContext, @CurrentUser() user: AuthUser): Promise<string> {
    await this.trainers.requireTrainer(user);
    const { upcoming, past } = await this.query.mySessions(user, page.lang);
    return this.pages.render('trainer-sessions', page.view(this.pages.word(page.lang, 'trainer.sessions.title'), { upcoming, past }));
  }

  @Get('sessions/new')
  @Authenticated()
  @HtmlPage()
  async newSession(@Page() page: PageContext, @CurrentUser() user: AuthUser): Promise<string> {
    await this.trainers.requireTrainer(user);
    return this.form(page, user, emptySessionForm(), new FormErrors());
  }

  /** "Sessie plannen", or "Nog een bijeenkomst" (the same form again with one more meeting row: no script needed). */
  @Post('sessions/new')
  @Authenticated()
  @HtmlForm()
  async plan(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    await this.trainers.requireTrainer(user);
    const form = readSessionForm(body);
    if (formText(body, 'action') === 'addMeeting') {
      const n = Math.min(MAX_MEETING_ROWS, form.meetings.length + 1);
      const meetings = Array.from({ length: n }, (_, index) => form.meetings[index] ?? { index, n: index + 1, date: '', start: '', end: '' });
      return this.form(page, user, { ...form, meetings }, new FormErrors());
    }
    const word = (key: string, values?: Record<string, unknown>) => this.pages.word(page.lang, `trainer.new.${key}`, values);
    const { input, errors } = toCreateSession(form, word);
    const checked = await validateForm(CreateSessionDto, input, sessionFieldWords(word));
    for (const problem of checked.errors.view().errors) errors.add(sessionFieldOf(problem.field), problem.message);
    if (!errors.any) {
      try {
        const session = await this.sessions.create(user, form.courseId, checked.value);
        page.flash('trainer.new.created');
        return res.redirect(303, `/trainer/sessions/${session.id}`);
      } catch (error) {
        const refusal = sessionRefusal(error, word);
        if (!refusal) throw error;
        errors.add(refusal.field, refusal.message);
      }
    }
    res.status(400);
    return this.form(page, user, form, errors);
  }

  private async form(page: PageContext, user: AuthUser, form: SessionFormValues, errors: FormErrors): Promise<string> {
    const [courses, organisationIds] = await Promise.all([this.courses.liveCoursesFor(user), this.trainers.organisationIds(user)]);
    const shown = errors.view();
    const organisations = (await Promise.all(organisationIds.map((id) => this.organisations.findById(id)))).filter((o) => o !== null);
    return this.pages.render(
      'trainer-session-new',
      page.view(this.pages.word(page.lang, 'trainer.new.title'), {
        form,
        meetings: form.meetings.map((m) => ({
          ...m,
          dateId: `date-${m.index}`, startId: `start-${m.index}`, endId: `end-${m.index}`,
          dateError: shown.fieldErrors[`date-${m.index}`], startError: shown.fieldErrors[`start-${m.index}`], endError: shown.fieldErrors[`end-${m.index}`],
        })),
        courses: courses.map((c) => ({ id: c.id, title: c.title, selected: c.id === form.courseId })),
        organisations: organisations.map((o) => ({ id: o.id, name: o.name, selected: o.id === form.organisationId })),
        inCompany: form.visibility === 'in-company',
        canAddMeeting: form.meetings.length < MAX_MEETING_ROWS,
        ...shown,
      }),
    );
  }
}
