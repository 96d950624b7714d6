import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainException, LOCALES, type Locale } from '@schakel/common';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { AddMemberDto, InvitationResendService, MembershipConsentService, OrganisationErrorCode, OrganisationService, UpdateMemberDto } from '@schakel/organisation';
import { formText, HtmlForm, HtmlPage, Page, PageContext, PageRenderer, validateForm } from '@schakel/web';
import { chainRoleChoices, formList, roleChoices } from './member-form';
import { OrgMembersQuery } from './org-members.query';
import { OrgPageAccess, PageId } from './org-page.access';

/**
 * "Leden": the organisation's members with their roles and chain roles, "Lid uitnodigen",
 * changing roles, removing (after a confirm step), sending a pending invitation again or withdrawing it; each
 * through OrganisationService / MembershipConsentService, as the JSON routes.
 */
@ApiExcludeController()
@Controller('org/:orgId/members')
export class OrgMembersPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly orgs: OrgPageAccess,
    private readonly query: OrgMembersQuery,
    private readonly organisations: OrganisationService,
    private readonly consent: MembershipConsentService,
    private readonly invitations: InvitationResendService,
  ) {}

  @Get()
  @Authenticated()
  @HtmlPage()
  async members(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string): Promise<string> {
    const org = await this.orgs.organisation(user, orgId);
    return this.render(page, await this.query.page(user, org, page.lang));
  }

  @Post()
  @Authenticated()
  @HtmlForm()
  async invite(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const org = await this.orgs.organisation(user, orgId);
    const locale = formText(body, 'locale');
    const values = { name: formText(body, 'name'), email: formText(body, 'email'), roles: formList(body, 'roles'), chainRoles: formList(body, 'chainRoles'), locale: (LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : page.lang };
    const word = (key: string) => this.pages.word(page.lang, `org.invite.${key}`);
    const { value, errors } = await validateForm(AddMemberDto, values, {
      name: word('nameMissing'),
      email: values.email ? word('emailInvalid') : word('emailMissing'),
      roles: word('rolesMissing'),
      chainRoles: word('chainRolesInvalid'),
      locale: word('localeInvalid'),
    });
    if (values.roles.length === 0) errors.add('roles', word('rolesMissing'));
    if (!errors.any) {
      try {
        await this.organisations.addMember(user, orgId, value);
        page.flash('org.invite.done');
        res.redirect(303, `/org/${orgId}/members`);
        return;
      } catch (error) {
        if (!(error instanceof DomainException && error.code === OrganisationErrorCode.AlreadyMember)) throw error;
        errors.add('email', word('alreadyMember'));
      }
    }
    res.status(400);
    return this.render(page, await this.query.page(user, org, page.lang, { invite: values, ...errors.view() }));
  }

  @Get(':userId')
  @Authenticated()
  @HtmlPage()
  async member(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @PageId('userId') userId: string): Promise<string> {
    const org = await this.orgs.organisation(user, orgId);
    const member = await this.query.member(orgId, userId);
    return this.memberPage(page, { org, member, roleChoices: roleChoices(this.pages, page.lang, member.roles), chainRoleChoices: chainRoleChoices(this.pages, page.lang, member.chainRoles) });
  }

  @Post(':userId')
  @Authenticated()
  @HtmlForm()
  async saveRoles(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @PageId('userId') userId: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const org = await this.orgs.organisation(user, orgId);
    const member = await this.query.member(orgId, userId);
    const values = { roles: formList(body, 'roles'), chainRoles: formList(body, 'chainRoles') };
    const word = (key: string) => this.pages.word(page.lang, `org.member.${key}`);
    const { value, errors } = await validateForm(UpdateMemberDto, values, { roles: word('rolesInvalid'), chainRoles: word('rolesInvalid') });
    if (values.roles.length === 0) errors.add('roles', word('rolesMissing'));
    if (!errors.any) {
      try {
        await this.organisations.updateMember(user, orgId, userId, value);
        page.flash('org.member.saved');
        res.redirect(303, `/org/${orgId}/members`);
        return;
      } catch (error) {
        if (!(error instanceof DomainException && error.code === OrganisationErrorCode.LastAdmin)) throw error;
        errors.add('roles', word('lastAdmin'));
      }
    }
    res.status(400);
    return this.memberPage(page, {
      org, member, ...errors.view(), roleChoices: roleChoices(this.pages, page.lang, values.roles), chainRoleChoices: chainRoleChoices(this.pages, page.lang, values.chainRoles),
    });
  }

  /** The confirm step before a removal: asks, changes nothing. */
  @Get(':userId/remove')
  @Authenticated()
  @HtmlPage()
  async confirmRemove(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @PageId('userId') userId: string): Promise<string> {
    const org = await this.orgs.organisation(user, orgId);
    const member = await this.query.member(orgId, userId);
    return this.removePage(page, { org, member });
  }

  @Post(':userId/remove')
  @Authenticated()
  @HtmlForm()
  async remove(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @PageId('userId') userId: string, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const org = await this.orgs.organisation(user, orgId);
    const member = await this.query.member(orgId, userId);
    try {
      await this.consent.remove(user, orgId, userId);
    } catch (error) {
      if (!(error instanceof DomainException && error.code === OrganisationErrorCode.LastAdmin)) throw error;
      res.status(409);
      return this.removePage(page, { org, member, problem: this.pages.word(page.lang, 'org.remove.lastAdmin') });
    }
    page.flash('org.remove.done');
    res.redirect(303, `/org/${orgId}/members`);
  }

  /** Withdraws an invitation nobody has answered yet (an active member is removed through the confirm step instead). */
  @Post(':userId/revoke')
  @Authenticated()
  @HtmlForm()
  async revoke(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @PageId('userId') userId: string, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.orgs.organisation(user, orgId);
    const member = await this.query.member(orgId, userId);
    if (member.status === 'pending') await this.consent.remove(user, orgId, userId);
    page.flash(member.status === 'pending' ? 'org.pending.revoked' : 'org.pending.alreadyActive');
    res.redirect(303, `/org/${orgId}/members`);
  }

  /**
   * "Opnieuw sturen": the open invitation's mail once more (InvitationResendService, as POST
   * /api/organisations/:orgId/members/:userId/resend-invitation); within ten minutes of the last
   * mail the page says so, with the refusal's status.
   */
  @Post(':userId/resend')
  @Authenticated()
  @HtmlForm()
  async resend(@Page() page: PageContext, @CurrentUser() user: AuthUser, @PageId('orgId') orgId: string, @PageId('userId') userId: string, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const org = await this.orgs.organisation(user, orgId);
    const member = await this.query.member(orgId, userId);
    try {
      await this.invitations.resend(user, orgId, userId);
    } catch (error) {
      const code = error instanceof DomainException ? error.code : null;
      if (code === OrganisationErrorCode.NotPending) page.flash('org.pending.answered', { name: member.name });
      else if (code === OrganisationErrorCode.InvitationResentRecently) {
        res.status(429);
        return this.render(page, await this.query.page(user, org, page.lang, { problem: this.pages.word(page.lang, 'org.pending.tooSoon', { name: member.name }) }));
      } else throw error;
      return res.redirect(303, `/org/${orgId}/members`);
    }
    page.flash('org.pending.resent', { name: member.name });
    res.redirect(303, `/org/${orgId}/members`);
  }

  private render(page: PageContext, data: Record<string, unknown>): string {
    return this.pages.render('org-members', page.view(this.pages.word(page.lang, 'org.members.title'), data));
  }

  private memberPage(page: PageContext, data: Record<string, unknown> & { member: { name: string } }): string {
    return this.pages.render('org-member', page.view(this.pages.word(page.lang, 'org.member.title', { name: data.member.name }), data));
  }

  private removePage(page: PageContext, data: Record<string, unknown> & { member: { name: string } }): string {
    return this.pages.render('org-member-remove', page.view(this.pages.word(page.lang, 'org.remove.title', { name: data.member.name }), data));
  }
}
