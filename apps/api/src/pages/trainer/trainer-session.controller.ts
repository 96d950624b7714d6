import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AttendanceService, SessionRosterService } from '@schakel/enrolment';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { SessionChangeService } from '@schakel/session';
import { FormErrors, formText, HtmlForm, HtmlPage, Page, PageContext, PageRenderer, WebError } from '@schakel/web';
import { codeOf, formList, pathId as uuid } from './form-values';
import { isUuid } from '@schakel/common';
import { TrainerSessionQuery } from './trainer-session.query';


/**
 * One session for its trainer: roster, waitlist with hand confirmation, capacity, cancelling
 * (after a confirm step) and the attendance sheet per meeting. Each action calls the service
 * behind the JSON route and comes back here (303) with a message, or with the problem in words.
 */
@ApiExcludeController()
@Controller('trainer/sessions')
export class TrainerSessionController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly query: TrainerSessionQuery,
    private readonly changes: SessionChangeService,
    private readonly roster: SessionRosterService,
    private readonly attendance: AttendanceService,
  ) {}

  @Get(':id')
  @Authenticated()
  @HtmlPage()
  async show(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string): Promise<string> {
    return this.render(page, user, uuid(id));
  }

  @Post(':id/waitlist/:enrolmentId/confirm')
  @Authenticated()
  @HtmlForm()
  async confirm(
    @Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Param('enrolmentId') enrolmentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    const data = await this.query.session(user, uuid(id), page.lang);
    const person = data.waitlist.find((p) => p.id === enrolmentId);
    try {
      await this.roster.confirmFromWaitlist(user, id, uuid(enrolmentId));
    } catch (error) {
      const problem = { 'enrolment.session-full': 'noSeat', 'enrolment.not-waitlisted': 'notWaitlisted', 'enrolment.not-in-session': 'notWaitlisted' }[codeOf(error) ?? ''];
      if (!problem) throw error;
      res.status(409);
      return this.render(page, user, id, { problem: this.word(page, problem) });
    }
    page.flash('trainer.session.confirmed', { name: person?.name ?? '' });
    res.redirect(303, `/trainer/sessions/${id}#waitlist`);
  }

  @Post(':id/capacity')
  @Authenticated()
  @HtmlForm()
  async capacity(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const text = formText(body, 'capacity');
    const capacity = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
    const errors = new FormErrors();
    if (!(capacity >= 1)) errors.add('capacity', this.word(page, 'capacityInvalid'));
    else {
      try {
        await this.changes.update(user, uuid(id), { capacity });
      } catch (error) {
        if (codeOf(error) !== 'session.capacity-below-confirmed') throw error;
        const { session } = await this.query.session(user, id, page.lang);
        errors.add('capacity', this.word(page, 'capacityBelow', { confirmed: session.confirmedCount }));
      }
    }
    if (errors.any) {
      res.status(400);
      return this.render(page, user, uuid(id), { capacityValue: text, ...errors.view() });
    }
    page.flash('trainer.session.capacitySaved');
    res.redirect(303, `/trainer/sessions/${id}`);
  }

  /** The confirm step: says what cancelling does and to how many people, and asks. */
  @Get(':id/cancel')
  @Authenticated()
  @HtmlPage()
  async askCancel(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string): Promise<string> {
    const data = await this.query.session(user, uuid(id), page.lang);
    if (data.cancelled) throw WebError.notFound();
    return this.pages.render('trainer-session-cancel', page.view(this.pages.word(page.lang, 'trainer.cancel.title'), {
      id,
      courseTitle: data.courseTitle,
      when: data.meetings[0]?.when ?? '',
      confirmed: data.session.confirmedCount,
      waitlist: data.session.waitlistCount,
    }));
  }

  @Post(':id/cancel')
  @Authenticated()
  @HtmlForm()
  async cancel(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<void> {
    try {
      await this.changes.cancel(user, uuid(id));
    } catch (error) {
      if (codeOf(error) !== 'session.cancelled') throw error; // cancelled twice (a double tap): the same outcome
    }
    page.flash('trainer.session.cancelled');
    res.redirect(303, `/trainer/sessions/${id}`);
  }

  /**
   * One meeting's sheet: every listed person is written, ticked present and the rest absent,
   * so saving the same sheet twice leaves the same marks.
   */
  @Post(':id/attendance/:meetingId')
  @Authenticated()
  @HtmlForm()
  async saveAttendance(
    @Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Param('meetingId') meetingId: string,
    @Body() body: unknown, @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    // Her session or "niet gevonden", also for a sheet with nobody on it (never a false "saved").
    const session = await this.query.session(user, uuid(id), page.lang);
    if (!session.sheets.some((sheet) => sheet.id === meetingId)) throw WebError.notFound();
    const listed = formList(body, 'listed').filter(isUuid);
    const present = new Set(formList(body, 'present'));
    if (listed.length > 0) {
      try {
        await this.attendance.record(user, uuid(id), { records: listed.map((enrolmentId) => ({ enrolmentId, meetingId: uuid(meetingId), present: present.has(enrolmentId) })) });
      } catch (error) {
        if (codeOf(error) !== 'enrolment.meeting-not-started') throw error;
        res.status(422);
        return this.render(page, user, id);
      }
    }
    page.flash('trainer.session.attendanceSaved');
    res.redirect(303, `/trainer/sessions/${id}#meeting-${meetingId}`);
  }

  private async render(page: PageContext, user: AuthUser, id: string, extra: Record<string, unknown> = {}): Promise<string> {
    const data = await this.query.session(user, id, page.lang);
    return this.pages.render('trainer-session', page.view(data.courseTitle, {
      ...data,
      canChange: !data.cancelled,
      capacityValue: String(data.session.capacity),
      ...extra,
    }));
  }

  private word(page: PageContext, key: string, values?: Record<string, unknown>): string {
    return this.pages.word(page.lang, `trainer.session.${key}`, values);
  }
}
