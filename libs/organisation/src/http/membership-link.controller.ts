import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Locale } from '@schakel/common';
import { IdentityService, PASSWORD_MIN_LENGTH, passwordProblem, Public, UserRepository, type PasswordProblem, type User } from '@schakel/identity';
import { HtmlForm, HtmlPage, LinkForm, LinkSigner, PageRenderer, WebError } from '@schakel/web';
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
  async ask(@Query() query: MembershipLinkQueryDto): Promise<string> {
    const found = await this.resolve(query.token);
    return this.page(found, query.token, stateOf(found.membership));
  }

  @Post()
  @LinkForm()
  @Public()
  @HtmlForm()
  async decide(
    @Query() query: MembershipLinkQueryDto,
    @Body() body: MembershipLinkForm | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const found = await this.resolve(query.token);
    if (!found.membership) return this.page(found, query.token, 'declined');
    if (found.membership.status === 'active') return this.page(found, query.token, 'active');
    if (body?.decision === 'decline') {
      await this.consent.decline(found.user.id, found.organisationId);
      return this.page(found, query.token, 'declined');
    }
    if (body?.decision !== 'accept') return this.page(found, query.token, 'ask');
    if (!found.user.emailVerifiedAt) {
      // The address's account is unproven: whoever opens the mail owns the address, so she
      // chooses the password now and the unproven holder loses the account.
      const problem = passwordProblem(text(body.password), text(body.passwordRepeat));
      if (problem) {
        response.status(400);
        return this.page(found, query.token, 'ask', problem);
      }
      await this.identity.claimUnverified(found.user.id, text(body.password));
    }
    await this.consent.accept(found.user.id, found.organisationId);
    return this.page(found, query.token, 'accepted');
  }

  private page(found: Resolved, token: string, state: MembershipPageState, problem?: PasswordProblem): string {
    const lang: Locale = found.user.locale === 'en' ? 'en' : 'nl';
    return this.pages.render('accept-membership', {
      lang,
      title: this.pages.word(lang, 'acceptMembership.title'),
      state,
      organisation: found.organisationName,
      action: `?token=${encodeURIComponent(token)}`,
      claim: !found.user.emailVerifiedAt,
      problem,
      minLength: PASSWORD_MIN_LENGTH,
    });
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

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
