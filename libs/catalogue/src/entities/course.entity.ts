import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { ChainRole, Locale } from '@schakel/common';
import { User } from '@schakel/identity';

export const COURSE_FORMATS = ['online', 'live', 'blended'] as const;
export type CourseFormat = (typeof COURSE_FORMATS)[number];
export const COURSE_ACCESS = ['open', 'by-organisation'] as const;
export type CourseAccess = (typeof COURSE_ACCESS)[number];
export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

@Entity('courses')
@Unique('uq_courses_slug', ['slug'])
@Index('ix_courses_chain_roles', { synchronize: false })
@Index('ix_courses_published', { synchronize: false })
@Check('ck_courses_format', `"format" IN ('online', 'live', 'blended')`)
@Check('ck_courses_status', `"status" IN ('draft', 'published', 'archived')`)
@Check('ck_courses_language', `"language" IN ('nl', 'en')`)
@Check('ck_courses_chain_roles', `"chain_roles" <@ ARRAY['first-conversation', 'deeper-conversation', 'intake-referral', 'coordinator']::text[]`)
@Check('ck_courses_validity', `"certificate_validity_months" IS NULL OR "certificate_validity_months" > 0`)
@Check('ck_courses_access', `"access" IN ('open', 'by-organisation')`)
@Check('ck_courses_seat_price', `"seat_price_cents" IS NULL OR "seat_price_cents" >= 0`)
@Check('ck_courses_pass_mark', `"pass_mark" IS NULL OR "pass_mark" BETWEEN 0 AND 100`)
export class Course {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'text', default: 'nl' })
  language: Locale;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  chainRoles: ChainRole[];

  @Column({ type: 'text' })
  format: CourseFormat;

  @Column({ type: 'text', default: 'draft' })
  status: CourseStatus;

  /** open: anyone may enrol; by-organisation: only with a licence seat or in an in-company session. */
  @Column({ type: 'text', default: 'open' })
  access: CourseAccess;

  /** Price of one seat in euro cents, excluding VAT; null: not sold per seat. */
  @Column({ type: 'integer', nullable: true })
  seatPriceCents: number | null;

  @Column({ type: 'integer', nullable: true })
  certificateValidityMonths: number | null;

  /** Percentage of quiz points needed to pass (the quiz's own pass mark wins when set). */
  @Column({ type: 'integer', nullable: true })
  passMark: number | null;

  @Column({ type: 'numeric', precision: 5, scale: 1, nullable: true, transformer: { to: (v?: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  durationHours: number | null;

  /** A refresher: completing this course renews a certificate for that course. */
  @Column({ type: 'uuid', nullable: true })
  renewsCourseId: string | null;

  @ManyToOne(() => Course, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'renews_course_id', foreignKeyConstraintName: 'fk_courses_renews' })
  renewsCourse?: Course;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_courses_created_by' })
  createdBy?: User;


  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
