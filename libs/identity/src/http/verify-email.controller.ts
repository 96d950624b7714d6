import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainException, type Locale } from '@schakel/common';
import { HtmlPage, LinkForm, PageRenderer } from '@schakel/web';
import { Public } from '../access.decorator';
import { WelcomeQueryDto } from '../dto/welcome.dto';
import { IdentityService } from '../identity.service';

type VerifyState = 'ask' | 'done' | 'invalid';

/** The link in the verification mail: opening it only asks (mail scanners follow links); the button proves the address. */
@ApiTags('identity')
@Controller('verify-email')
export class VerifyEmailController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly identity: IdentityService,
  ) {}

  @Get()
  @Public()
  @HtmlPage()
  ask(@Query() query: WelcomeQueryDto): string {
    return this.page('nl', query.token, 'ask');
  }

  @Post()
  @LinkForm()
  @Public()
  @HttpCode(200)
  @HtmlPage()
  async confirm(@Query() query: WelcomeQueryDto, @Res({ passthrough: true }) response: Response): Promise<string> {
    try {
      const user = await this.identity.verifyEmail(query.token);
      return this.page(user.locale, query.token, 'done');
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      response.status(410);
      return this.page('nl', query.token, 'invalid');
    }
  }

  private page(locale: Locale, token: string, state: VerifyState): string {
    const lang: Locale = locale === 'en' ? 'en' : 'nl';
    return this.pages.render('verify-email', { lang, title: this.pages.word(lang, 'verifyEmail.title'), state, action: `?token=${encodeURIComponent(token)}` });
  }
}
