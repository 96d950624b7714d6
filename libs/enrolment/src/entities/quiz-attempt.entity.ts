import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Enrolment } from './enrolment.entity';

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
