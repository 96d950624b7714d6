import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainException, type Locale } from '@schakel/common';
import { HtmlPage, LinkForm, Page, PageContext, PageRenderer } from '@schakel/web';
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
  ask(@Page() page: PageContext, @Query() query: WelcomeQueryDto): string {
    return this.page(page, page.lang, query.token, 'ask');
  }

  @Post()
  @LinkForm()
  @Public()
  @HttpCode(200)
  @HtmlPage()
  async confirm(@Page() page: PageContext, @Query() query: WelcomeQueryDto, @Res({ passthrough: true }) response: Response): Promise<string> {
    try {
      const user = await this.identity.verifyEmail(query.token);
      return this.page(page, user.locale, query.token, 'done');
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      response.status(410);
      return this.page(page, page.lang, query.token, 'invalid');
    }
  }

  // Asking knows nobody yet (the browser's language); once proven, the person's own.
  private page(page: PageContext, locale: Locale, token: string, state: VerifyState): string {
    const lang: Locale = locale === 'en' ? 'en' : 'nl';
    const view = page.view(this.pages.word(lang, 'verifyEmail.title'), { noindex: true, state, action: `?token=${encodeURIComponent(token)}` });
    return this.pages.render('verify-email', Object.assign(view, { lang, otherLang: lang === 'nl' ? 'en' : 'nl' }));
  }
}
