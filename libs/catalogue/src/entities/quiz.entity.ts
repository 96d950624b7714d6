import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Course } from './course.entity';

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
@Check('ck_quizzes_max_attempts', `"max_attempts" IS NULL OR "max_attempts" > 0`)
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

  @Column({ type: 'integer', nullable: true })
  maxAttempts: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  questions: QuizQuestion[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
