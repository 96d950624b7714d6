import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Course } from '@schakel/catalogue';
import { User } from '@schakel/identity';
import { Enrolment } from './enrolment.entity';

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
