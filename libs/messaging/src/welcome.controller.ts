import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IdentityService, Public, UserRepository } from '@schakel/identity';
import { UnsubscribeQueryDto } from './dto/preferences.dto';
import { BUTTON_STYLE, escapeHtml, htmlPage } from './link-page';
import { LinkSigner } from '@schakel/web';
import { MessagingError } from './messaging.exception';

const MIN_LENGTH = 10;

const TEXT = {
  nl: {
    title: 'Welkom bij Schakel',
    ask: (name: string) => `<h1>Welkom, ${name}</h1><p>Kies een wachtwoord. Daarmee logt u voortaan in bij Schakel.</p>`,
    password: 'Wachtwoord (minstens 10 tekens)',
    repeat: 'Nog een keer hetzelfde wachtwoord',
    button: 'Wachtwoord opslaan',
    tooShort: 'Het wachtwoord is te kort. Kies minstens 10 tekens.',
    different: 'De twee wachtwoorden zijn niet gelijk. Probeer het nog een keer.',
    done: '<h1>Uw account is klaar</h1><p>U kunt nu inloggen met uw e-mailadres en het wachtwoord dat u koos.</p>',
    already: '<h1>U heeft al een wachtwoord</h1><p>Log in met uw e-mailadres en wachtwoord. Wachtwoord vergeten? Vraag het aan de beheerder van uw organisatie.</p>',
  },
  en: {
    title: 'Welcome to Schakel',
    ask: (name: string) => `<h1>Welcome, ${name}</h1><p>Choose a password. You will use it to sign in to Schakel.</p>`,
    password: 'Password (at least 10 characters)',
    repeat: 'The same password again',
    button: 'Save password',
    tooShort: 'The password is too short. Choose at least 10 characters.',
    different: 'The two passwords are not the same. Please try again.',
    done: '<h1>Your account is ready</h1><p>You can now sign in with your e-mail address and the password you chose.</p>',
    already: '<h1>You already have a password</h1><p>Sign in with your e-mail address and password. Forgot it? Ask your organisation’s administrator.</p>',
  },
} as const;

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
    private readonly users: UserRepository,
    private readonly identity: IdentityService,
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  async ask(@Query() query: UnsubscribeQueryDto): Promise<string> {
    const { user, lang } = await this.resolve(query.token);
    if (user.passwordHash) return htmlPage(lang, TEXT[lang].title, TEXT[lang].already);
    return this.form(lang, user.name, query.token);
  }

  @Post()
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/html')
  async choose(
    @Query() query: UnsubscribeQueryDto,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { user, lang } = await this.resolve(query.token);
    const text = TEXT[lang];
    if (user.passwordHash) return htmlPage(lang, text.title, text.already);
    const password = typeof body?.password === 'string' ? body.password : '';
    const repeat = typeof body?.passwordRepeat === 'string' ? body.passwordRepeat : '';
    const problem = password.length < MIN_LENGTH || password.length > 200 ? text.tooShort : password !== repeat ? text.different : null;
    if (problem) {
      response.status(400);
      return this.form(lang, user.name, query.token, problem);
    }
    const set = await this.identity.setInitialPassword(user.id, password);
    return htmlPage(lang, text.title, set ? text.done : text.already);
  }

  private form(lang: 'nl' | 'en', name: string, token: string, problem?: string): string {
    const text = TEXT[lang];
    const field = (id: string, label: string) =>
      `<p><label for="${id}">${label}</label><br><input id="${id}" name="${id}" type="password" minlength="${MIN_LENGTH}" required ` +
      `autocomplete="new-password" style="font-size:20px;width:100%;padding:.4em"></p>`;
    return htmlPage(
      lang,
      text.title,
      text.ask(escapeHtml(name)) +
        (problem ? `<p role="alert" style="color:#a00000"><strong>${problem}</strong></p>` : '') +
        `<form method="post" action="?token=${escapeHtml(encodeURIComponent(token))}">` +
        field('password', text.password) +
        field('passwordRepeat', text.repeat) +
        `<button type="submit" style="${BUTTON_STYLE}">${text.button}</button></form>`,
    );
  }

  private async resolve(token: string) {
    const userId = this.links.verify('welcome', token);
    const user = userId ? await this.users.findById(userId) : null;
    if (!user) throw MessagingError.badUnsubscribeToken();
    return { user, lang: user.locale === 'en' ? ('en' as const) : ('nl' as const) };
  }
}
