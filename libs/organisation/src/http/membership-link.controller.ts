import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Locale } from '@schakel/common';
import { IdentityService, passwordProblem, Public, UserRepository, type User } from '@schakel/identity';
import { FormErrors, HtmlForm, HtmlPage, LinkForm, LinkSigner, Page, PageContext, PageRenderer, WebError } from '@schakel/web';
import { MembershipLinkQueryDto, type MembershipLinkForm } from '../dto/membership-link.dto';
import type { Membership } from '../entities/membership.entity';
import { MembershipConsentService } from '../membership-consent.service';
import { MembershipRepository } from '../membership.repository';
import { OrganisationRepository } from '../organisation.repository';

type MembershipPageState = 'ask' | 'accepted' | 'declined' | 'active';

/**
 * The link in a membership request. Opening it only asks (mail scanners follow links);
 * the buttons post the form, which accepts or declines for the mailbox's owner.
 */
@ApiTags('organisations')
@Controller('accept-membership')
export class MembershipLinkController {
  constructor(
    private readonly links: LinkSigner,
    private readonly pages: PageRenderer,
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly organisations: OrganisationRepository,
    private readonly consent: MembershipConsentService,
    private readonly identity: IdentityService,
  ) {}

  @Get()
  @Public()
  @HtmlPage()
  async ask(@Page() page: PageContext, @Query() query: MembershipLinkQueryDto): Promise<string> {
    const found = await this.resolve(query.token);
    return this.page(page, found, query.token, stateOf(found.membership));
  }

  @Post()
  @LinkForm()
  @Public()
  @HtmlForm()
  async decide(
    @Page() page: PageContext,
    @Query() query: MembershipLinkQueryDto,
    @Body() body: MembershipLinkForm | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const found = await this.resolve(query.token);
    if (!found.membership) return this.page(page, found, query.token, 'declined');
    if (found.membership.status === 'active') return this.page(page, found, query.token, 'active');
    if (body?.decision === 'decline') {
      await this.consent.decline(found.user.id, found.organisationId);
      return this.page(page, found, query.token, 'declined');
    }
    if (body?.decision !== 'accept') return this.page(page, found, query.token, 'ask');
    if (!found.user.emailVerifiedAt) {
      // The address's account is unproven: whoever opens the mail owns the address, so she
      // chooses the password now and the unproven holder loses the account.
      const problem = passwordProblem(text(body.password), text(body.passwordRepeat));
      if (problem) {
        response.status(400);
        const message = this.pages.word(languageOf(found.user), `acceptMembership.${problem}`);
        return this.page(page, found, query.token, 'ask', new FormErrors().add(problem === 'tooShort' ? 'password' : 'passwordRepeat', message));
      }
      await this.identity.claimUnverified(found.user.id, text(body.password));
    }
    await this.consent.accept(found.user.id, found.organisationId);
    return this.page(page, found, query.token, 'accepted');
  }

  // In the mailbox owner's language (the mail's), whoever opens the link.
  private page(page: PageContext, found: Resolved, token: string, state: MembershipPageState, errors = new FormErrors()): string {
    const lang = languageOf(found.user);
    const view = page.view(this.pages.word(lang, 'acceptMembership.title'), {
      noindex: true,
      state,
      organisation: found.organisationName,
      action: `?token=${encodeURIComponent(token)}`,
      claim: !found.user.emailVerifiedAt,
      ...errors.view(),
    });
    return this.pages.render('accept-membership', Object.assign(view, { lang, otherLang: lang === 'nl' ? 'en' : 'nl' }));
  }

  private async resolve(token: string): Promise<Resolved> {
    const signed = this.links.verify('membership', token);
    const [organisationId, userId] = signed ? signed.split(':') : [];
    const user = userId ? await this.users.findById(userId) : null;
    const organisation = organisationId ? await this.organisations.findById(organisationId) : null;
    if (!user || !organisation) throw WebError.unknownLink();
    return { user, organisationId: organisation.id, organisationName: organisation.name, membership: await this.memberships.find(organisation.id, user.id) };
  }
}

interface Resolved {
  user: User;
  organisationId: string;
  organisationName: string;
  membership: Membership | null;
}

/** A link opened after a decline (or a removal) finds no membership: it says so rather than asking again. */
function stateOf(membership: Membership | null): MembershipPageState {
  if (!membership) return 'declined';
  return membership.status === 'pending' ? 'ask' : 'active';
}

const languageOf = (user: User): Locale => (user.locale === 'en' ? 'en' : 'nl');

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
