import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam, type Page } from '@schakel/common';
import { Authenticated, CurrentUser, Public, type AuthUser } from '@schakel/identity';
import { CreateSessionDto, SessionQueryDto, SessionResponse, UpdateSessionDto } from '../dto/session.dto';
import { SessionChangeService } from '../session-change.service';
import { SessionService } from '../session.service';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('api')
export class SessionController {
  constructor(
    private readonly sessions: SessionService,
    private readonly changes: SessionChangeService,
  ) {}

  @Post('courses/:courseId/sessions')
  @Authenticated()
  @ApiCreatedResponse({ type: SessionResponse })
  create(@CurrentUser() user: AuthUser, @UuidParam('courseId') courseId: string, @Body() dto: CreateSessionDto): Promise<SessionResponse> {
    return this.sessions.create(user, courseId, dto);
  }

  /** Open sessions for anyone; in-company ones only for their organisation's members. */
  @Get('sessions')
  @Public()
  list(@CurrentUser() user: AuthUser | undefined, @Query() query: SessionQueryDto): Promise<Page<SessionResponse>> {
    return this.sessions.list(user, query);
  }

  @Get('sessions/:sessionId')
  @Public()
  @ApiOkResponse({ type: SessionResponse })
  get(@CurrentUser() user: AuthUser | undefined, @UuidParam('sessionId') sessionId: string): Promise<SessionResponse> {
    return this.sessions.get(user, sessionId);
  }

  @Patch('sessions/:sessionId')
  @Authenticated()
  @ApiOkResponse({ type: SessionResponse })
  update(@CurrentUser() user: AuthUser, @UuidParam('sessionId') sessionId: string, @Body() dto: UpdateSessionDto): Promise<SessionResponse> {
    return this.changes.update(user, sessionId, dto);
  }

  @Post('sessions/:sessionId/cancel')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponse })
  cancel(@CurrentUser() user: AuthUser, @UuidParam('sessionId') sessionId: string): Promise<SessionResponse> {
    return this.changes.cancel(user, sessionId);
  }
}
