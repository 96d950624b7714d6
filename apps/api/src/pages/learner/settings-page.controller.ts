import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppConfig } from '@schakel/config';
import { LOCALES, type Locale } from '@schakel/common';
import { Authenticated, UserRepository } from '@schakel/identity';
import { PreferenceRepository } from '@schakel/messaging';
import { CalendarService } from '@schakel/session';
import { FormErrors, formText, HtmlForm, HtmlPage, LANGUAGE_COOKIE, Page, PageContext, PageRenderer } from '@schakel/web';
import { signedIn } from './signed-in';

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * "Instellingen": her language (the saved locale, which her mails follow too), whether she
 * gets reminders and nudges (messaging's preference, the same as PATCH /api/me/preferences),
 * and her personal calendar link with "Nieuwe link maken" (the old one stops working).
 * Each form acts on POST with the session's CSRF token, then back here with a confirmation.
 */
@ApiExcludeController()
@Controller('me/settings')
export class SettingsPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly preferences: PreferenceRepository,
    private readonly calendars: CalendarService,
  ) {}

  @Get()
  @Authenticated()
  @HtmlPage()
  show(@Page() page: PageContext): Promise<string> {
    return this.render(page);
  }

  @Post('language')
  @Authenticated()
  @HtmlForm()
  async language(@Page() page: PageContext, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const chosen = formText(body, 'lang');
    if (!(LOCALES as readonly string[]).includes(chosen)) {
      res.status(400);
      return this.render(page, new FormErrors().add('lang', this.pages.word(page.lang, 'settings.languageMissing')));
    }
    await this.users.updateLocale(signedIn(page).id, chosen as Locale);
    res.cookie(LANGUAGE_COOKIE, chosen, { httpOnly: true, sameSite: 'lax', secure: this.config.publicBaseUrl.startsWith('https://'), maxAge: ONE_YEAR_MS, path: '/' });
    page.flash('settings.saved');
    res.redirect(303, '/me/settings');
  }

  @Post('emails')
  @Authenticated()
  @HtmlForm()
  async emails(@Page() page: PageContext, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.preferences.set(signedIn(page).id, { nudges: formText(body, 'nudges') === 'on' });
    page.flash('settings.saved');
    res.redirect(303, '/me/settings');
  }

  @Post('calendar')
  @Authenticated()
  @HtmlForm()
  async newCalendarLink(@Page() page: PageContext, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.calendars.rotate(signedIn(page));
    page.flash('settings.calendarRotated');
    res.redirect(303, '/me/settings');
  }

  private async render(page: PageContext, errors?: FormErrors): Promise<string> {
    const user = signedIn(page);
    // The same feed as GET /api/me/calendar-feed: made on first look, the same link after.
    const [preferences, calendarUrl] = await Promise.all([this.preferences.get(user.id), this.calendars.feedUrl(user)]);
    return this.pages.render(
      'settings',
      page.view(this.pages.word(page.lang, 'settings.title'), { locale: user.locale, nudges: preferences.nudges, calendarUrl, ...(errors?.view() ?? {}) }),
    );
  }
}
