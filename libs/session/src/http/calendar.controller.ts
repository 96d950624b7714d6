import { Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@schakel/common';
import { Authenticated, CurrentUser, Public, type AuthUser } from '@schakel/identity';
import { CalendarService } from '../calendar/calendar.service';
import { CalendarFeedResponse } from '../dto/calendar-feed.dto';

const ICS = 'text/calendar; charset=utf-8';

@ApiTags('calendars')
@ApiBearerAuth()
@Controller('api')
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Get('sessions/:sessionId/calendar.ics')
  @Public()
  @Header('Content-Type', ICS)
  @Header('Content-Disposition', 'attachment; filename="session.ics"')
  @ApiProduces('text/calendar')
  sessionIcs(@CurrentUser() user: AuthUser | undefined, @UuidParam('sessionId') sessionId: string): Promise<string> {
    return this.calendars.sessionIcs(user, sessionId);
  }

  @Get('me/calendar-feed')
  @Authenticated()
  @ApiOkResponse({ type: CalendarFeedResponse })
  async feed(@CurrentUser() user: AuthUser): Promise<CalendarFeedResponse> {
    return { url: await this.calendars.feedUrl(user) };
  }

  @Post('me/calendar-feed/rotate')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: CalendarFeedResponse })
  async rotate(@CurrentUser() user: AuthUser): Promise<CalendarFeedResponse> {
    return { url: await this.calendars.rotate(user) };
  }

  @Delete('me/calendar-feed')
  @Authenticated()
  @HttpCode(204)
  async revoke(@CurrentUser() user: AuthUser): Promise<void> {
    await this.calendars.revoke(user);
  }

  /** The secret in the path is the credential; no account token needed (calendar apps have none). */
  @Get('calendar/:token.ics')
  @Public()
  @Header('Content-Type', ICS)
  @Header('Cache-Control', 'private, max-age=300')
  @ApiProduces('text/calendar')
  feedIcs(@Param('token') token: string): Promise<string> {
    return this.calendars.feedIcs(token);
  }
}
