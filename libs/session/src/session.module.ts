import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationModule } from '@schakel/organisation';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { CalendarFeed } from './entities/calendar-feed.entity';
import { Meeting } from './entities/meeting.entity';
import { SessionTrainer } from './entities/session-trainer.entity';
import { Session } from './entities/session.entity';
import { SeatLedger } from './seat-ledger.service';
import { SessionAccess } from './session-access.service';
import { SessionChangeService } from './session-change.service';
import { SessionController } from './session.controller';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { WaitlistRepository } from './waitlist.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Session, Meeting, SessionTrainer, CalendarFeed]), OrganisationModule],
  controllers: [SessionController, CalendarController],
  providers: [
    SessionService, SessionChangeService, SessionRepository, SessionAccess, WaitlistRepository, SeatLedger,
    CalendarService, CalendarFeedRepository,
  ],
  exports: [SessionAccess, SessionRepository, WaitlistRepository, SeatLedger],
})
export class SessionModule {}
