import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Session } from './session.entity';

/** One meeting of a session; its id is the stable iCalendar UID. */
@Entity('meetings')
@Index('ix_meetings_session_starts', ['sessionId', 'startsAt'])
@Check('ck_meetings_period', `"ends_at" > "starts_at"`)
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne('Session', 'meetings', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_meetings_session' })
  session?: Session;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  /** iCalendar SEQUENCE of this meeting's event. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;
}
