import { Meeting } from './entities/meeting.entity';
import { SessionTrainer } from './entities/session-trainer.entity';
import { Session } from './entities/session.entity';

export * from './entities/meeting.entity';
export * from './entities/session-trainer.entity';
export * from './entities/session.entity';

export const SESSION_ENTITIES = [Session, Meeting, SessionTrainer];
