import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Locale } from '@schakel/common';
import { FormErrors, HtmlForm, HtmlPage, LinkForm, Page, PageContext, PageRenderer } from '@schakel/web';
import { WelcomeQueryDto, type WelcomeForm } from '../dto/welcome.dto';
import { Public } from '../access.decorator';
import { IdentityService } from '../identity.service';
import { passwordProblem } from '../password-form.rules';

type ResetState = 'ask' | 'done' | 'invalid';

/**
 * The link in the reset mail: a plain form to choose a new password. Opening it changes
 * nothing; the form's POST sets the password, which ends the link and every outstanding
 * access token of the person. An invalid, expired or used link says so (410).
 */
@ApiTags('identity')
@Controller('reset-password')
export class ResetPasswordController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly identity: IdentityService,
  ) {}

  @Get()
  @HtmlPage()
  @Public()
  async ask(@Page() page: PageContext, @Query() query: WelcomeQueryDto, @Res({ passthrough: true }) response: Response): Promise<string> {
    const holder = await this.identity.resetLinkHolder(query.token);
    if (!holder) response.status(410);
    return this.page(page, holder?.locale ?? page.lang, query.token, holder ? 'ask' : 'invalid');
  }

  @Post()
  @LinkForm()
  @HtmlForm()
  @Public()
  async choose(
    @Page() page: PageContext,
    @Query() query: WelcomeQueryDto,
    @Body() body: WelcomeForm | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const holder = await this.identity.resetLinkHolder(query.token);
    if (!holder) {
      response.status(410);
      return this.page(page, page.lang, query.token, 'invalid');
    }
    const password = typeof body?.password === 'string' ? body.password : '';
    const repeat = typeof body?.passwordRepeat === 'string' ? body.passwordRepeat : '';
    const problem = passwordProblem(password, repeat);
    if (problem) {
      response.status(400);
      const message = this.pages.word(holder.locale === 'en' ? 'en' : 'nl', `resetPassword.${problem}`);
      return this.page(page, holder.locale, query.token, 'ask', new FormErrors().add(problem === 'tooShort' ? 'password' : 'passwordRepeat', message));
    }
    try {
      await this.identity.resetPassword(query.token, password);
    } catch {
      // A second tab used the link first.
      response.status(410);
      return this.page(page, holder.locale, query.token, 'invalid');
    }
    return this.page(page, holder.locale, query.token, 'done');
  }

  // In the holder's language (the mail's); a link that no longer works, in the browser's.
  private page(page: PageContext, locale: Locale, token: string, state: ResetState, errors = new FormErrors()): string {
    const lang: Locale = locale === 'en' ? 'en' : 'nl';
    const view = page.view(this.pages.word(lang, 'resetPassword.title'), { noindex: true, state, action: `?token=${encodeURIComponent(token)}`, ...errors.view() });
    return this.pages.render('reset-password', Object.assign(view, { lang, otherLang: lang === 'nl' ? 'en' : 'nl' }));
  }
}
