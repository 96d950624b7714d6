import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Course, Lesson } from '@schakel/catalogue';
import { User } from '@schakel/identity';
import { Meeting } from '@schakel/session';
import { Enrolment } from './enrolment.entity';

@Entity('lesson_progress')
export class LessonProgress {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_lesson_progress' })
  enrolmentId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_lesson_progress' })
  lessonId: string;

  @ManyToOne(() => Enrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'fk_lesson_progress_enrolment' })
  enrolment?: Enrolment;

  @ManyToOne(() => Lesson, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'fk_lesson_progress_lesson' })
  lesson?: Lesson;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  completedAt: Date;
}

@Entity('quiz_attempts')
@Unique('uq_quiz_attempts_number', ['enrolmentId', 'attemptNumber'])
@Check('ck_quiz_attempts_score', `"score" BETWEEN 0 AND 100`)
@Check('ck_quiz_attempts_number', `"attempt_number" > 0`)
export class QuizAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  enrolmentId: string;

  @ManyToOne(() => Enrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'fk_quiz_attempts_enrolment' })
  enrolment?: Enrolment;

  @Column({ type: 'integer' })
  attemptNumber: number;

  @Column({ type: 'jsonb' })
  answers: number[][];

  /** Percentage of questions answered right. */
  @Column({ type: 'integer' })
  score: number;

  @Column({ type: 'boolean' })
  passed: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

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

/** A course completed through one enrolment; recorded exactly once. Certificates hang off it. */
@Entity('completions')
@Unique('uq_completions_enrolment', ['enrolmentId'])
@Index('ix_completions_user_course', ['userId', 'courseId', 'completedAt'])
export class Completion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  enrolmentId: string;

  @ManyToOne(() => Enrolment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'fk_completions_enrolment' })
  enrolment?: Enrolment;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_completions_user' })
  user?: User;

  @Column({ type: 'uuid' })
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_completions_course' })
  course?: Course;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  completedAt: Date;
}
