import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Locale } from '@schakel/common';
import { HtmlForm, HtmlPage, LinkForm, LinkSigner, PageRenderer, WebError } from '@schakel/web';
import { Public } from '../access.decorator';
import { WelcomeQueryDto, type WelcomeForm } from '../dto/welcome.dto';
import type { User } from '../entities/user.entity';
import { IdentityService } from '../identity.service';
import { PASSWORD_MIN_LENGTH, passwordProblem, type PasswordProblem } from '../password-form.rules';
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
  async ask(@Query() query: WelcomeQueryDto): Promise<string> {
    const user = await this.resolve(query.token);
    return this.page(user, query.token, user.passwordHash ? 'already' : 'ask');
  }

  @Post()
  @LinkForm()
  @Public()
  @HtmlForm()
  async choose(
    @Query() query: WelcomeQueryDto,
    @Body() body: WelcomeForm | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const user = await this.resolve(query.token);
    if (user.passwordHash) return this.page(user, query.token, 'already');
    const password = typeof body?.password === 'string' ? body.password : '';
    const repeat = typeof body?.passwordRepeat === 'string' ? body.passwordRepeat : '';
    const problem = passwordProblem(password, repeat);
    if (problem) {
      response.status(400);
      return this.page(user, query.token, 'ask', problem);
    }
    const set = await this.identity.setInitialPassword(user.id, password);
    return this.page(user, query.token, set ? 'done' : 'already');
  }

  private page(user: User, token: string, state: WelcomeState, problem?: PasswordProblem): string {
    const lang: Locale = user.locale === 'en' ? 'en' : 'nl';
    return this.pages.render('welcome', {
      lang,
      title: this.pages.word(lang, 'welcome.title'),
      state,
      name: user.name,
      problem,
      action: `?token=${encodeURIComponent(token)}`,
      minLength: PASSWORD_MIN_LENGTH,
    });
  }

  private async resolve(token: string): Promise<User> {
    const userId = this.links.verify('welcome', token);
    const user = userId ? await this.users.findById(userId) : null;
    if (!user) throw WebError.unknownLink();
    return user;
  }
}
