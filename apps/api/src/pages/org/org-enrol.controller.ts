import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainException } from '@schakel/common';
import { CreateEnrolmentDto, EnrolmentService } from '@schakel/enrolment';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { formText, HtmlForm, Page, PageContext, PageRenderer, validateForm } from '@schakel/web';
import { enrolRefusalKey } from '../enrol-refusals';
import { OrgMembersQuery } from './org-members.query';
import { OrgPageAccess, PageId } from './org-page.access';

/**
 * The enrol form on the "Leden" page: a member, a module or session, and a seat from a
 * licence where the course needs one (chosen, or the one the enrolment service picks).
 * The enrolment is booked to this organisation, as `POST /api/enrolments` with `userId`.
 */
@ApiExcludeController()
@Controller('org/:orgId/enrol')
export class OrgEnrolPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly orgs: OrgPageAccess,
    private readonly query: OrgMembersQuery,
    private readonly enrolments: EnrolmentService,
  ) {}

  @Post()
  @Authenticated()
  @HtmlForm()
  async enrol(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const org = await this.orgs.organisation(user, orgId);
    const form = { member: formText(body, 'enrolMember'), choice: formText(body, 'enrolChoice'), licence: formText(body, 'enrolLicence') };
    const [courseId, sessionId] = form.choice.split(':');
    const word = (key: string) => this.pages.word(page.lang, `org.enrol.${key}`);
    const { value, errors } = await validateForm(
      CreateEnrolmentDto,
      { courseId, userId: form.member, ...(sessionId ? { sessionId } : {}), ...(form.licence ? { licenceId: form.licence } : {}) },
      { userId: word('memberMissing'), courseId: word('choiceMissing'), sessionId: word('choiceMissing'), licenceId: word('licenceMissing') },
    );
    const fields: Record<string, string> = { userId: 'enrolMember', courseId: 'enrolChoice', sessionId: 'enrolChoice', licenceId: 'enrolLicence' };
    const view = errors.view();
    if (!errors.any) {
      try {
        const { enrolment, created, moved } = await this.enrolments.enrol(user, value, orgId);
        const said = ['active', 'confirmed', 'waitlisted', 'completed'].includes(enrolment.status) ? enrolment.status : 'confirmed';
        page.flash(created || moved ? `org.enrol.done.${said}` : 'org.enrol.done.already');
        res.redirect(303, `/org/${orgId}/members`);
        return;
      } catch (error) {
        const key = enrolRefusalKey(error);
        if (!key || !(error instanceof DomainException)) throw error;
        // The thing asked for is there (the page offered it); it cannot be done now.
        res.status(error.status === 404 ? 409 : error.status);
        return this.render(page, user, org, form, { problem: word(`refused.${key}`) });
      }
    }
    res.status(400);
    const summary = view.errors.map((e) => ({ field: fields[e.field] ?? e.field, message: e.message }));
    return this.render(page, user, org, form, { errors: summary, fieldErrors: Object.fromEntries(summary.map((e) => [e.field, e.message])) });
  }

  private async render(
    page: PageContext, user: AuthUser, org: { id: string; name: string }, enrol: Record<string, string>, problems: { problem?: string; errors?: Array<{ field: string; message: string }>; fieldErrors?: Record<string, string> },
  ): Promise<string> {
    const data = await this.query.page(user, org, page.lang, { enrol, ...problems });
    return this.pages.render('org-members', page.view(this.pages.word(page.lang, 'org.members.title'), data));
  }
}
