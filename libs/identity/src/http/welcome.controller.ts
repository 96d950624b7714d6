import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Locale } from '@schakel/common';
import { FormErrors, HtmlForm, HtmlPage, LinkForm, LinkSigner, Page, PageContext, PageRenderer, WebError } from '@schakel/web';
import { Public } from '../access.decorator';
import { WelcomeQueryDto, type WelcomeForm } from '../dto/welcome.dto';
import type { User } from '../entities/user.entity';
import { IdentityService } from '../identity.service';
import { passwordProblem } from '../password-form.rules';
import { UserRepository } from '../user.repository';

type WelcomeState = 'ask' | 'done' | 'already';

/**
 * The link in the invitation mail: a member whom an organisation added (an account with no
 * password yet) chooses a password. A plain HTML form, so it works without any front end;
 * once a password exists the link does nothing more.
 */
@ApiTags('identity')
@Controller('welcome')
export class WelcomeController {
  constructor(
    private readonly links: LinkSigner,
    private readonly pages: PageRenderer,
    private readonly users: UserRepository,
    private readonly identity: IdentityService,
  ) {}

  @Get()
  @Public()
  @HtmlPage()
  async ask(@Page() page: PageContext, @Query() query: WelcomeQueryDto): Promise<string> {
    const user = await this.resolve(query.token);
    return this.page(page, user, query.token, user.passwordHash ? 'already' : 'ask');
  }

  @Post()
  @LinkForm()
  @Public()
  @HtmlForm()
  async choose(
    @Page() page: PageContext,
    @Query() query: WelcomeQueryDto,
    @Body() body: WelcomeForm | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const user = await this.resolve(query.token);
    if (user.passwordHash) return this.page(page, user, query.token, 'already');
    const password = typeof body?.password === 'string' ? body.password : '';
    const repeat = typeof body?.passwordRepeat === 'string' ? body.passwordRepeat : '';
    const problem = passwordProblem(password, repeat);
    if (problem) {
      response.status(400);
      const message = this.pages.word(languageOf(user), `welcome.${problem}`);
      return this.page(page, user, query.token, 'ask', new FormErrors().add(problem === 'tooShort' ? 'password' : 'passwordRepeat', message));
    }
    const set = await this.identity.setInitialPassword(user.id, password);
    return this.page(page, user, query.token, set ? 'done' : 'already');
  }

  // In the invited person's language (the mail's), whoever opens the link.
  private page(page: PageContext, user: User, token: string, state: WelcomeState, errors = new FormErrors()): string {
    const lang = languageOf(user);
    const view = page.view(this.pages.word(lang, 'welcome.title'), { noindex: true, state, name: user.name, action: `?token=${encodeURIComponent(token)}`, ...errors.view() });
    return this.pages.render('welcome', Object.assign(view, { lang, otherLang: lang === 'nl' ? 'en' : 'nl' }));
  }

  private async resolve(token: string): Promise<User> {
    const userId = this.links.verify('welcome', token);
    const user = userId ? await this.users.findById(userId) : null;
    if (!user) throw WebError.unknownLink();
    return user;
  }
}

const languageOf = (user: User): Locale => (user.locale === 'en' ? 'en' : 'nl');
