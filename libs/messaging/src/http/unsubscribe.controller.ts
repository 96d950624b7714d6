import { Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@schakel/identity';
import { LinkSigner, PageRenderer, WebError } from '@schakel/web';
import { PreferencesResponse } from '../dto/preferences.dto';
import { UnsubscribeQueryDto } from '../dto/unsubscribe.dto';
import { PreferenceRepository } from '../preference.repository';
import { pageText } from './page-text';

/**
 * The unsubscribe link of every reminder and nudge. GET (the link) and POST (RFC 8058
 * one-click, List-Unsubscribe-Post) both switch nudges off: idempotent, and harmless
 * if a mail scanner follows the link.
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
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  async page(@Query() query: UnsubscribeQueryDto): Promise<string> {
    await this.switchOff(query.token);
    // In Dutch, with one line in English: the link carries no language, and the reader may not read Dutch.
    return this.pages.render('unsubscribe', {
      lang: 'nl',
      title: pageText(this.pages, 'nl', 'unsubscribe', 'title'),
      alsoIn: { lang: 'en', body: pageText(this.pages, 'en', 'unsubscribe', 'body') },
    });
  }

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: PreferencesResponse })
  async oneClick(@Query() query: UnsubscribeQueryDto): Promise<PreferencesResponse> {
    await this.switchOff(query.token);
    return { nudges: false };
  }

  private async switchOff(token: string): Promise<void> {
    const userId = this.links.verify('unsubscribe', token);
    if (!userId || !(await this.preferences.set(userId, { nudges: false }))) throw WebError.unknownLink();
  }
}
