import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@schakel/access';
import { CalendarFeedRepository } from './calendar/calendar-feed.repository';
import { CalendarService } from './calendar/calendar.service';
import { CalendarFeed } from './entities/calendar-feed.entity';
import { Meeting } from './entities/meeting.entity';
import { SessionTrainer } from './entities/session-trainer.entity';
import { Session } from './entities/session.entity';
import { LicenceSeatRepository } from './seats/licence-seat.repository';
import { SeatLedgerRepository } from './seats/seat-ledger.repository';
import { SeatMoveRepository } from './seats/seat-move.repository';
import { SeatLedger } from './seats/seat-ledger.service';
import { SessionAccess } from './session-access.service';
import { SessionChangeService } from './session-change.service';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

/** Sessions, their seats and calendars; no controllers (SessionHttpModule serves them). */
@Module({
  imports: [TypeOrmModule.forFeature([Session, Meeting, SessionTrainer, CalendarFeed]), AccessModule],
  providers: [
    SessionService, SessionChangeService, SessionRepository, SessionAccess, SeatLedgerRepository, SeatLedger, LicenceSeatRepository, SeatMoveRepository,
    CalendarService, CalendarFeedRepository,
  ],
  exports: [SessionService, SessionChangeService, CalendarService, SessionAccess, SessionRepository, SeatLedger],
})
export class SessionModule {}
