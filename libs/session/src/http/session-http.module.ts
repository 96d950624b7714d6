import { Module } from '@nestjs/common';
import { SessionModule } from '../session.module';
import { CalendarController } from './calendar.controller';
import { SessionController } from './session.controller';

/** The HTTP side of sessions, for the API only (the worker imports SessionModule, if anything). */
@Module({
  imports: [SessionModule],
  controllers: [SessionController, CalendarController],
})
export class SessionHttpModule {}
