import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainException, LOCALES, RateLimit, type Locale } from '@schakel/common';
import { ForgotPasswordDto, IdentityService, Public, RegisterDto, UserRepository } from '@schakel/identity';
import { formText, FormErrors, HtmlForm, HtmlPage, LANGUAGE_COOKIE, Page, PAGE_SESSION_COOKIE, PageContext, PageRenderer, PageSessions, safeNextPath, validateForm } from '@schakel/web';

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Signing in and out, creating an account, a forgotten password and the language switch.
 * Signing in starts a new page session (a new id: no fixation) holding the person and her
 * token version; signing out destroys it in Redis, so a copied cookie is worth nothing after.
 */
@ApiExcludeController()
@Controller()
export class AccountPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly identity: IdentityService,
    private readonly users: UserRepository,
    private readonly sessions: PageSessions,
  ) {}

  @Get('login')
  @Public()
  @HtmlPage()
  login(@Page() page: PageContext, @Query('next') next?: string): string {
    return this.loginPage(page, { next: safeNextPath(next, '') });
  }

  @Post('login')
  @Public()
  @RateLimit('login')
  @HtmlForm()
  async signIn(@Page() page: PageContext, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const email = formText(body, 'email');
    const password = (body as Record<string, unknown>)?.password;
    const next = safeNextPath(formText(body, 'next'), '/me');
    const errors = new FormErrors();
    if (!email) errors.add('email', this.pages.word(page.lang, 'login.emailMissing'));
    if (typeof password !== 'string' || !password) errors.add('password', this.pages.word(page.lang, 'login.passwordMissing'));
    if (errors.any) {
      res.status(400);
      return this.loginPage(page, { email, next, ...errors.view() });
    }
    let user;
    try {
      user = await this.identity.checkCredentials(email, password as string);
    } catch (error) {
      if (!(error instanceof DomainException && error.status === 401)) throw error;
      res.status(401);
      return this.loginPage(page, { email, next, problem: this.pages.word(page.lang, 'login.wrong') });
    }
    await regenerate(req);
    req.session.userId = user.id;
    req.session.tokenVersion = user.tokenVersion;
    if (user.locale) res.cookie(LANGUAGE_COOKIE, user.locale, this.languageCookie());
    res.redirect(303, next);
  }

  @Post('logout')
  @Public()
  @HtmlForm()
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await new Promise<void>((done) => (req.session ? req.session.destroy(() => done()) : done()));
    res.clearCookie(PAGE_SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/?signedOut=1');
  }

  @Get('register')
  @Public()
  @HtmlPage()
  register(@Page() page: PageContext): string {
    return this.pages.render('register', page.view(this.pages.word(page.lang, 'register.title')));
  }

  @Post('register')
  @Public()
  @RateLimit('register')
  @HtmlForm()
  async createAccount(@Page() page: PageContext, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const values = { name: formText(body, 'name'), email: formText(body, 'email'), password: (body as Record<string, unknown>)?.password, locale: page.lang };
    const word = (key: string) => this.pages.word(page.lang, `register.${key}`);
    const { value, errors } = await validateForm(RegisterDto, values, {
      name: word('nameMissing'),
      email: values.email ? word('emailInvalid') : word('emailMissing'),
      password: word('passwordShort'),
    });
    if (errors.any) {
      res.status(400);
      return this.pages.render('register', page.view(word('title'), { name: values.name, email: values.email, ...errors.view() }));
    }
    await this.identity.register(value);
    return this.pages.render('register', page.view(word('doneTitle'), { done: true, doneText: this.pages.word(page.lang, 'register.doneText', { email: value.email }) }));
  }

  @Get('forgot-password')
  @Public()
  @HtmlPage()
  forgotPassword(@Page() page: PageContext): string {
    return this.pages.render('forgot-password', page.view(this.pages.word(page.lang, 'forgotPassword.title')));
  }

  @Post('forgot-password')
  @Public()
  @RateLimit('password-reset')
  @HtmlForm()
  async sendResetLink(@Page() page: PageContext, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const email = formText(body, 'email');
    const word = (key: string) => this.pages.word(page.lang, `forgotPassword.${key}`);
    const { value, errors } = await validateForm(ForgotPasswordDto, { email }, { email: email ? word('emailInvalid') : word('emailMissing') });
    if (errors.any || !email.includes('@')) {
      res.status(400);
      if (!errors.any) errors.add('email', word('emailInvalid'));
      return this.pages.render('forgot-password', page.view(word('title'), { email, ...errors.view() }));
    }
    // The same answer whether or not the address has an account.
    await this.identity.requestPasswordReset(value.email);
    return this.pages.render('forgot-password', page.view(word('doneTitle'), { done: true }));
  }

  /**
   * The switch in the header, a plain link (no form, so a visitor's page needs no session): a
   * cookie for everyone, and the saved locale of a signed-in person, which her mails follow too.
   * Another site could switch someone's language with it, and nothing more.
   */
  @Get('language')
  @Public()
  @HtmlPage()
  async language(@Page() page: PageContext, @Query('lang') chosen: unknown, @Query('next') next: unknown, @Res({ passthrough: true }) res: Response): Promise<void> {
    const lang: Locale = (LOCALES as readonly string[]).includes(String(chosen)) ? (chosen as Locale) : 'nl';
    if (page.user && page.user.locale !== lang) await this.users.updateLocale(page.user.id, lang);
    res.cookie(LANGUAGE_COOKIE, lang, this.languageCookie());
    res.redirect(303, safeNextPath(next, '/'));
  }

  private loginPage(page: PageContext, data: Record<string, unknown>): string {
    return this.pages.render('login', page.view(this.pages.word(page.lang, 'login.title'), data));
  }

  private languageCookie() {
    return { httpOnly: true, sameSite: 'lax' as const, secure: this.sessions.secure, maxAge: ONE_YEAR_MS, path: '/' };
  }
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((error: unknown) => (error ? reject(error) : resolve())));
}
