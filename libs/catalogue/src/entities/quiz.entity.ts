import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Course } from './course.entity';

/** The attempt limit of a quiz whose author sets none. */
export const DEFAULT_QUIZ_MAX_ATTEMPTS = 3;

export type QuestionKind = 'single' | 'multiple';

/** Stored with the correct answers; never sent to a learner as is. */
export interface QuizQuestion {
  prompt: string;
  kind: QuestionKind;
  options: string[];
  /** Indexes into `options`. */
  correct: number[];
}

@Entity('quizzes')
@Unique('uq_quizzes_course', ['courseId'])
@Check('ck_quizzes_pass_mark', `"pass_mark" BETWEEN 0 AND 100`)
@Check('ck_quizzes_max_attempts', `"max_attempts" BETWEEN 1 AND 100`)
export class Quiz {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  courseId: string;

  @OneToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_quizzes_course' })
  course?: Course;

  /** Percentage of questions right needed to pass. */
  @Column({ type: 'integer' })
  passMark: number;

  /** Always limited (default 3): unlimited attempts would let anyone find the answer key by trying. */
  @Column({ type: 'integer', default: DEFAULT_QUIZ_MAX_ATTEMPTS })
  maxAttempts: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  questions: QuizQuestion[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
