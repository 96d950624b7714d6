export * from './dto/session.response';
export * from './entities/calendar-feed.entity';
export * from './entities/meeting.entity';
export * from './entities/session-trainer.entity';
export * from './entities/session.entity';
export * from './ics';
export * from './seat-ledger.service';
export * from './seat.rules';
export * from './session-access.service';
export * from './session.exception';
export * from './session.module';
export * from './session.repository';
export * from './waitlist.repository';

