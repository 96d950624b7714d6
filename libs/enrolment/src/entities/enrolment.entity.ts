import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Course } from '@schakel/catalogue';
import { User } from '@schakel/identity';
import { Organisation } from '@schakel/organisation';
import { Session } from '@schakel/session';

/** not-admitted / no-show: settled after the session ended (SeatLedger.settleEnded), no longer open. */
export const ENROLMENT_STATUSES = ['active', 'confirmed', 'waitlisted', 'completed', 'cancelled', 'not-admitted', 'no-show'] as const;
/** active: online, in progress; confirmed: a seat in a session; waitlisted: in line for one. */
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export const OPEN_ENROLMENT_STATUSES: EnrolmentStatus[] = ['active', 'confirmed', 'waitlisted'];

@Entity('enrolments')
@Index('uq_enrolments_open_per_course', { synchronize: false })
@Index('uq_enrolments_waitlist_position', { synchronize: false })
@Index('ix_enrolments_session_status', { synchronize: false })
@Index('ix_enrolments_user', ['userId', 'createdAt'])
@Index('ix_enrolments_organisation', { synchronize: false })
@Index('ix_enrolments_nudge', { synchronize: false }) // messaging: active enrolments by last activity
@Check('ck_enrolments_status', `"status" IN ('active', 'confirmed', 'waitlisted', 'completed', 'cancelled', 'not-admitted', 'no-show')`)
@Check('ck_enrolments_waitlist', `("status" = 'waitlisted') = ("waitlist_position" IS NOT NULL)`)
@Check('ck_enrolments_waitlist_position', `"waitlist_position" IS NULL OR "waitlist_position" > 0`)
@Check('ck_enrolments_session_status', `"status" NOT IN ('confirmed', 'waitlisted') OR "session_id" IS NOT NULL`)
export class Enrolment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_enrolments_user' })
  user?: User;

  @Column({ type: 'uuid' })
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_enrolments_course' })
  course?: Course;

  @Column({ type: 'uuid', nullable: true })
  sessionId: string | null;

  @ManyToOne(() => Session, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_enrolments_session' })
  session?: Session;

  /** The organisation that enrolled this person (an org admin, a licence), if any. */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_enrolments_organisation' })
  organisation?: Organisation;

  /** The seat licence this enrolment used (the seat ledger counts it). */
  @Column({ type: 'uuid', nullable: true })
  licenceId: string | null;

  @Column({ type: 'uuid', nullable: true })
  enrolledById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'enrolled_by_id', foreignKeyConstraintName: 'fk_enrolments_enrolled_by' })
  enrolledBy?: User;

  @Column({ type: 'text' })
  status: EnrolmentStatus;

  /** 1-based FIFO position while waitlisted; null otherwise. */
  @Column({ type: 'integer', nullable: true })
  waitlistPosition: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** Last lesson or quiz activity; module nudges look at it. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastActivityAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
