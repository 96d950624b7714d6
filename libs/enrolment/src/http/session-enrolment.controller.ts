import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, UuidParam, type Page } from '@schakel/common';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { AttendanceService } from '../attendance/attendance.service';
import { CancellationService } from '../cancel/cancellation.service';
import { AttendanceResponse, RecordAttendanceDto } from '../dto/attendance.dto';
import { EnrolmentResponse, toEnrolmentResponse } from '../dto/enrolment.dto';
import { RosterEntryResponse, toRosterEntry } from '../dto/roster.dto';
import { SessionRosterService } from '../roster/session-roster.service';

/** Cancellation, the session roster, hand confirmation from the waitlist, and attendance. */
@ApiTags('enrolments')
@ApiBearerAuth()
@Controller('api')
export class SessionEnrolmentController {
  constructor(
    private readonly cancellation: CancellationService,
    private readonly roster: SessionRosterService,
    private readonly attendance: AttendanceService,
  ) {}

  @Post('enrolments/:enrolmentId/cancel')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: EnrolmentResponse })
  async cancel(@CurrentUser() user: AuthUser, @UuidParam('enrolmentId') enrolmentId: string): Promise<EnrolmentResponse> {
    return toEnrolmentResponse(await this.cancellation.cancel(user, enrolmentId));
  }

  @Get('sessions/:sessionId/enrolments')
  @Authenticated()
  async list(@CurrentUser() user: AuthUser, @UuidParam('sessionId') sessionId: string, @Query() query: PageQueryDto): Promise<Page<RosterEntryResponse>> {
    const page = await this.roster.list(user, sessionId, query);
    return { items: page.items.map(toRosterEntry), total: page.total };
  }

  @Post('sessions/:sessionId/waitlist/:enrolmentId/confirm')
  @Authenticated()
  @HttpCode(204)
  async confirm(@CurrentUser() user: AuthUser, @UuidParam('sessionId') sessionId: string, @UuidParam('enrolmentId') enrolmentId: string): Promise<void> {
    await this.roster.confirmFromWaitlist(user, sessionId, enrolmentId);
  }

  @Post('sessions/:sessionId/attendance')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: AttendanceResponse })
  record(@CurrentUser() user: AuthUser, @UuidParam('sessionId') sessionId: string, @Body() dto: RecordAttendanceDto): Promise<AttendanceResponse> {
    return this.attendance.record(user, sessionId, dto);
  }
}
