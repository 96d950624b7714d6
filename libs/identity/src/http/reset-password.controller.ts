import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Locale } from '@schakel/common';
import { HtmlForm, HtmlPage, LinkForm, PageRenderer } from '@schakel/web';
import { WelcomeQueryDto, type WelcomeForm } from '../dto/welcome.dto';
import { Public } from '../access.decorator';
import { IdentityService } from '../identity.service';
import { PASSWORD_MIN_LENGTH, passwordProblem, type PasswordProblem } from '../password-form.rules';

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
  async ask(@Query() query: WelcomeQueryDto, @Res({ passthrough: true }) response: Response): Promise<string> {
    const holder = await this.identity.resetLinkHolder(query.token);
    if (!holder) response.status(410);
    return this.page(holder?.locale ?? 'nl', query.token, holder ? 'ask' : 'invalid');
  }

  @Post()
  @LinkForm()
  @HtmlForm()
  @Public()
  async choose(@Query() query: WelcomeQueryDto, @Body() body: WelcomeForm | undefined, @Res({ passthrough: true }) response: Response): Promise<string> {
    const holder = await this.identity.resetLinkHolder(query.token);
    if (!holder) {
      response.status(410);
      return this.page('nl', query.token, 'invalid');
    }
    const password = typeof body?.password === 'string' ? body.password : '';
    const repeat = typeof body?.passwordRepeat === 'string' ? body.passwordRepeat : '';
    const problem = passwordProblem(password, repeat);
    if (problem) {
      response.status(400);
      return this.page(holder.locale, query.token, 'ask', problem);
    }
    try {
      await this.identity.resetPassword(query.token, password);
    } catch {
      // A second tab used the link first.
      response.status(410);
      return this.page(holder.locale, query.token, 'invalid');
    }
    return this.page(holder.locale, query.token, 'done');
  }

  private page(locale: Locale, token: string, state: ResetState, problem?: PasswordProblem): string {
    const lang: Locale = locale === 'en' ? 'en' : 'nl';
    return this.pages.render('reset-password', {
      lang,
      title: this.pages.word(lang, 'resetPassword.title'),
      state,
      problem,
      action: `?token=${encodeURIComponent(token)}`,
      minLength: PASSWORD_MIN_LENGTH,
    });
  }
}
