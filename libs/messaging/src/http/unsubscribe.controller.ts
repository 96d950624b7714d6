import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@schakel/identity';
import { HtmlPage, LinkSigner, Page, PageContext, PageRenderer, WebError } from '@schakel/web';
import { PreferencesResponse } from '../dto/preferences.dto';
import { UnsubscribeQueryDto } from '../dto/unsubscribe.dto';
import { PreferenceRepository } from '../preference.repository';

/**
 * The unsubscribe link of every nudge (to carry on with a module; reminders and expiry notices
 * carry none). GET (the link) only asks: mail scanners follow links, and must not switch off
 * people's nudges. POST acts: the page's button,
 * and RFC 8058 one-click from the mail client (List-Unsubscribe-Post), which gets JSON.
 */
@ApiTags('messages')
@Controller('api/unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly preferences: PreferenceRepository,
    private readonly links: LinkSigner,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Public()
  @HtmlPage()
  async page(@Page() page: PageContext, @Query() query: UnsubscribeQueryDto): Promise<string> {
    if (!(await this.holder(query.token))) throw WebError.unknownLink();
    return this.render(page, 'ask', query.token);
  }

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: PreferencesResponse, description: 'JSON for RFC 8058 one-click; the page for the button' })
  async oneClick(
    @Page() page: PageContext,
    @Query() query: UnsubscribeQueryDto,
    @Body() body: Record<string, unknown> | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PreferencesResponse | string> {
    const userId = await this.holder(query.token);
    if (!userId || !(await this.preferences.set(userId, { nudges: false }))) throw WebError.unknownLink();
    if (body?.['List-Unsubscribe'] === 'One-Click') return { nudges: false };
    response.type('text/html; charset=utf-8');
    return this.render(page, 'done', query.token);
  }

  private async holder(token: string): Promise<string | null> {
    return this.links.verify('unsubscribe', token);
  }

  // In Dutch, with one line in English: the link carries no language, and the reader may not read Dutch.
  private render(page: PageContext, state: 'ask' | 'done', token: string): string {
    const key = state === 'ask' ? 'askBody' : 'body';
    const view = page.view(this.pages.word('nl', state === 'ask' ? 'unsubscribe.askTitle' : 'unsubscribe.title'), {
      noindex: true,
      state,
      action: `?token=${encodeURIComponent(token)}`,
      alsoIn: { lang: 'en', body: this.pages.word('en', `unsubscribe.${key}`) },
    });
    return this.pages.render('unsubscribe', Object.assign(view, { lang: 'nl' as const, otherLang: 'en' }));
  }
}
