import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Lesson } from '@schakel/catalogue';
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
