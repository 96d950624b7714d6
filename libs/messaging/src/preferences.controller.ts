import { Body, Controller, Get, Header, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public, type AuthUser } from '@schakel/identity';
import { PreferencesResponse, UnsubscribeQueryDto, UpdatePreferencesDto } from './dto/preferences.dto';
import { htmlPage } from './link-page';
import { LinkSigner } from '@schakel/web';
import { MessagingError } from './messaging.exception';
import { PreferenceRepository } from './preference.repository';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('api/me/preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferenceRepository) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: PreferencesResponse })
  get(@CurrentUser() user: AuthUser): Promise<PreferencesResponse> {
    return this.preferences.get(user.id);
  }

  @Patch()
  @Authenticated()
  @ApiOkResponse({ type: PreferencesResponse })
  async update(@CurrentUser() user: AuthUser, @Body() dto: UpdatePreferencesDto): Promise<PreferencesResponse> {
    if (dto.nudges !== undefined && !(await this.preferences.set(user.id, { nudges: dto.nudges }))) throw MessagingError.userNotFound();
    return this.preferences.get(user.id);
  }
}

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
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  async page(@Query() query: UnsubscribeQueryDto): Promise<string> {
    await this.switchOff(query.token);
    return htmlPage(
      'nl',
      'Afgemeld',
      '<h1>U krijgt geen herinneringen meer</h1><p>U krijgt van Schakel geen herinneringen en geheugensteuntjes meer. ' +
        'Bevestigingen en wijzigingen van uw trainingen krijgt u wel. U kunt dit altijd weer aanzetten bij uw instellingen.</p>' +
        '<p lang="en">You will no longer receive reminders from Schakel. Confirmations and changes still arrive.</p>',
    );
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
    if (!userId || !(await this.preferences.set(userId, { nudges: false }))) throw MessagingError.badUnsubscribeToken();
  }
}
