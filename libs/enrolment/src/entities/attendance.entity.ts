import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '@schakel/identity';
import { Meeting } from '@schakel/session';
import { Enrolment } from './enrolment.entity';

@Entity('attendance')
export class Attendance {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_attendance' })
  enrolmentId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_attendance' })
  meetingId: string;

  @ManyToOne(() => Enrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'fk_attendance_enrolment' })
  enrolment?: Enrolment;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_attendance_meeting' })
  meeting?: Meeting;

  @Column({ type: 'boolean' })
  present: boolean;

  @Column({ type: 'uuid', nullable: true })
  markedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'marked_by_id', foreignKeyConstraintName: 'fk_attendance_marked_by' })
  markedBy?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  markedAt: Date;
}
