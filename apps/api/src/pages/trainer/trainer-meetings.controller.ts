import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { SessionChangeService } from '@schakel/session';
import { FormErrors, formText, HtmlForm, HtmlPage, Page, PageContext, PageRenderer, WebError } from '@schakel/web';
import { codeOf, pathId as uuid } from './form-values';
import { MAX_MEETING_ROWS, readMeetingsForm, rowsOfMeetings, toMeetingList, withEmptyRow, type MeetingFormRow } from './meetings-form';
import { TrainerSessionQuery } from './trainer-session.query';

/**
 * Changing an existing session's meetings (issue 13: "change … meetings (people are told)"):
 * one row per meeting with date, start and end in Amsterdam time, an empty row to add one, a
 * tick to drop one. Saving sends the whole list to SessionChangeService.update, as PATCH
 * /api/sessions/:id does: kept meetings keep their id (and calendar UID), dropped ones are
 * cancelled, and every confirmed learner is told (session.changed → the mail with the new .ics).
 */
@ApiExcludeController()
@Controller('trainer/sessions/:id/meetings')
export class TrainerMeetingsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly query: TrainerSessionQuery,
    private readonly changes: SessionChangeService,
  ) {}

  @Get()
  @Authenticated()
  @HtmlPage()
  async form(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string): Promise<string> {
    const data = await this.session(user, uuid(id), page);
    return this.render(page, data, rowsOfMeetings(data.session.meetings.filter((m) => !m.cancelledAt)), new FormErrors());
  }

  /** "Bijeenkomsten opslaan" (also Enter in a field), or "Nog een bijeenkomst" (the same rows plus an empty one, no script). */
  @Post()
  @Authenticated()
  @HtmlForm()
  async save(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const data = await this.session(user, uuid(id), page);
    const rows = readMeetingsForm(body);
    if (formText(body, 'action') === 'addMeeting') {
      const index = rows.length;
      const more = index < MAX_MEETING_ROWS ? [...rows, { index, n: index + 1, id: '', date: '', start: '', end: '', remove: false }] : rows;
      return this.render(page, data, more, new FormErrors());
    }
    const word = (key: string, values?: Record<string, unknown>) => this.pages.word(page.lang, `trainer.meetings.${key}`, values);
    const { meetings, errors } = toMeetingList(rows, data.session.meetings.filter((m) => !m.cancelledAt), word);
    if (!errors.any) {
      try {
        await this.changes.update(user, id, { meetings });
        page.flash('trainer.meetings.saved');
        return res.redirect(303, `/trainer/sessions/${id}`);
      } catch (error) {
        const code = codeOf(error);
        // A row naming a meeting that is no longer live (changed in another tab): not hers to fix field by field.
        if (code === 'session.invalid' || code === 'session.invalid-meetings') errors.add('date-0', word('errors.stale'));
        else if (code === 'session.cancelled') throw WebError.notFound();
        else throw error;
      }
    }
    res.status(400);
    return this.render(page, data, withEmptyRow(rows), errors);
  }

  /** Her own session, not cancelled; anything else is the "niet gevonden" page. */
  private async session(user: AuthUser, id: string, page: PageContext) {
    const data = await this.query.session(user, id, page.lang);
    if (data.cancelled) throw WebError.notFound();
    return data;
  }

  private render(page: PageContext, data: Awaited<ReturnType<TrainerMeetingsController['session']>>, rows: MeetingFormRow[], errors: FormErrors): string {
    const shown = errors.view();
    const kept = rows.filter((r) => r.id).length;
    return this.pages.render(
      'trainer-session-meetings',
      page.view(this.pages.word(page.lang, 'trainer.meetings.title'), {
        id: data.session.id,
        courseTitle: data.courseTitle,
        confirmed: data.session.confirmedCount,
        rowCount: rows.length,
        rows: rows.map((r) => ({
          ...r,
          dateId: `date-${r.index}`, startId: `start-${r.index}`, endId: `end-${r.index}`, removeId: `remove-${r.index}`,
          dateError: shown.fieldErrors[`date-${r.index}`], startError: shown.fieldErrors[`start-${r.index}`], endError: shown.fieldErrors[`end-${r.index}`],
          removeError: shown.fieldErrors[`remove-${r.index}`],
          isNew: !r.id,
          // The last meeting cannot be dropped: a session keeps at least one.
          removable: Boolean(r.id) && kept > 1,
        })),
        canAddMeeting: rows.length < MAX_MEETING_ROWS,
        ...shown,
      }),
    );
  }
}
