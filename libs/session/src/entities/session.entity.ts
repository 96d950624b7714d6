import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Course } from '@schakel/catalogue';
import { User } from '@schakel/identity';
import { Organisation } from '@schakel/organisation';
import { Meeting } from './meeting.entity';

export const SESSION_VISIBILITIES = ['open', 'in-company'] as const;
export type SessionVisibility = (typeof SESSION_VISIBILITIES)[number];
export type SessionStatus = 'scheduled' | 'cancelled';

/**
 * A live run of a course: one or more meetings, a place, a capacity. `confirmedCount`
 * is kept in step with the confirmed enrolments under this row's lock, and the
 * database refuses any state where it exceeds `capacity`.
 */
@Entity('sessions')
@Index('ix_sessions_course_starts', ['courseId', 'startsAt'])
@Index('ix_sessions_starts', { synchronize: false })
@Index('ix_sessions_organisation', { synchronize: false })
@Check('ck_sessions_capacity', `"capacity" > 0`)
@Check('ck_sessions_not_overbooked', `"confirmed_count" >= 0 AND "confirmed_count" <= "capacity"`)
@Check('ck_sessions_waitlist_count', `"waitlist_count" >= 0`)
@Check('ck_sessions_visibility', `"visibility" IN ('open', 'in-company')`)
@Check('ck_sessions_in_company_organisation', `"visibility" = 'open' OR "organisation_id" IS NOT NULL`)
@Check('ck_sessions_status', `"status" IN ('scheduled', 'cancelled')`)
@Check('ck_sessions_place', `"location" IS NOT NULL OR "online_url" IS NOT NULL`)
@Check('ck_sessions_period', `"ends_at" > "starts_at"`)
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_sessions_course' })
  course?: Course;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text', default: 'Europe/Amsterdam' })
  timezone: string;

  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ type: 'text', nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'integer', default: 0 })
  confirmedCount: number;

  @Column({ type: 'integer', default: 0 })
  waitlistCount: number;

  @Column({ type: 'text', default: 'open' })
  visibility: SessionVisibility;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_sessions_organisation' })
  organisation?: Organisation;

  @Column({ type: 'timestamptz', nullable: true })
  enrolmentDeadline: Date | null;

  @Column({ type: 'text', default: 'scheduled' })
  status: SessionStatus;

  /** iCalendar SEQUENCE: raised on every change a calendar must learn about. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  /** First meeting's start and last meeting's end, kept with the meetings. */
  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_sessions_created_by' })
  createdBy?: User;

  @OneToMany(() => Meeting, (meeting) => meeting.session)
  meetings?: Meeting[];


  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
