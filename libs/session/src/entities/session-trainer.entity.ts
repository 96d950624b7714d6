import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '@schakel/identity';
import { Session } from './session.entity';

/** The trainers of a session: they see its enrolments and mark attendance. */
@Entity('session_trainers')
@Index('ix_session_trainers_user', ['userId'])
export class SessionTrainer {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_session_trainers' })
  sessionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_session_trainers' })
  userId: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_session_trainers_session' })
  session?: Session;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_session_trainers_user' })
  user?: User;
}
